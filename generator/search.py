"""Full-text search: Pagefind indexes the built pages into `pagefind/` beside them.

Pagefind (PyPI `pagefind[extended]`, which ships its binary in the wheel) writes a static
index and a small JavaScript client: the search page works on any static host, and offline.
Only article pages are indexed (they carry `data-pagefind-body`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import BuildError

SEARCH_DIR = "pagefind"


def _executable() -> str:
    """The extended binary (better word splitting for Chinese and Japanese), else the plain."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            raise BuildError(
                "search: Pagefind is not installed (pip install 'pagefind[extended]')"
            ) from None
    return str(get_executable())


def index_for_search(site: Path, language: str) -> None:
    """Write the search index of the pages under `site` into `site/pagefind/`."""
    command = [
        _executable(),
        "--site",
        str(site),
        "--output-subdir",
        SEARCH_DIR,
        "--force-language",
        language.split("-")[0].lower(),  # one index for the site's language, as pages say
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        problem = " ".join((result.stderr or result.stdout).split()) or f"exit {result.returncode}"
        raise BuildError(f"search: Pagefind failed: {problem}")
