"""newsdesk: raw wire copy in, a static news site, feeds and a newsletter out."""

__version__ = "0.1.0"
