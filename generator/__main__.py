"""`python -m generator` is the `newsdesk` command."""

from .cli import main

main()
