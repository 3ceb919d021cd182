"""`newsdesk init DIR`: a new site folder with a commented config and an example seed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from .atomic import write_atomic
from .cleaning import normalise
from .config import CONFIG_NAME
from .errors import NewsdeskError, UsageError
from .slugs import slugify

CONFIG_TEMPLATE = """\
# newsdesk.toml: every setting is optional; delete what you do not need.
# Every key is described in the "Configuration" section of the newsdesk README.

[site]
title = {title}
# The address the site will be published at; feeds and e-mails use it for absolute links.
url = "http://localhost:8000/"
# An IANA time zone: dates without a zone, and weekly newsletter issues, use it.
timezone = "UTC"
language = "en"
description = "Independent news, published with newsdesk."
# The byline of seeds that name no author.
default_author = "Newsdesk Staff"

# Sections, in the order the front page shows them. Without any [[sections]] the defaults
# are World, Politics, Business, Technology, Science, Sport and Culture. Keywords decide the
# section of a seed that does not give one.
# [[sections]]
# name = "Politics"
# description = "Government, parliament and elections."
# keywords = ["election", "minister", "parliament"]

[ingest]
# Extra regular expressions for lines to drop from seeds (matched case-insensitively).
extra_boilerplate = []

[newsletter]
period = "weekly"
# from = "The Gazette <news@example.org>"

# Subscribers live in data/newsdesk.sqlite (keep data/ out of git and out of output/).
# [subscribers]
# The subscription service: confirmation and one-click unsubscribe links point here.
# endpoint = "https://news.example.org/subscriptions/"
# The secret that signs those links is read from this environment variable.
# token_key_env = "NEWSDESK_TOKEN_KEY"

# Without [smtp] host, `newsdesk send` writes each message to data/outbox/ instead.
# [smtp]
# host = "smtp.example.org"
# port = 587
# security = "starttls"
# username = "news"
# The password is read from this environment variable, never from this file.
# password_env = "NEWSDESK_SMTP_PASSWORD"
# rate_per_second = 10
"""

EXAMPLE_SEED = """\
Title: Welcome to your newsdesk
Date: {date}
Author: The Editor
Category: Culture
Tags: newsdesk

Every file in the seeds folder becomes an article. A seed can be plain text, one \
paragraph per line; or a headline, a blank line and paragraphs; or start with header \
lines like this one.

Run "newsdesk build", then "python -m http.server --directory output" and open \
http://localhost:8000/ in a browser.
"""


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, given no astral-plane escapes."""
    return json.dumps(text, ensure_ascii=False)


def init_site(folder: Path, title: str, today: str) -> list[Path]:
    """Create the site folder; refuses to touch one that already has a config."""
    if (folder / CONFIG_NAME).exists():
        raise NewsdeskError(f"{folder / CONFIG_NAME}: already exists; not overwriting it")
    created = [folder / CONFIG_NAME, folder / "seeds" / "welcome.txt"]
    write_atomic(created[0], CONFIG_TEMPLATE.format(title=toml_string(title)))
    write_atomic(created[1], EXAMPLE_SEED.format(date=today))
    return created


def new_seed(
    seeds_dir: Path,
    headline: str,
    when: datetime,
    author: str = "",
    section: str = "",
    tags: str = "",
) -> Path:
    """seeds/<date>-<slug>.txt with its header block filled in and no text yet: until the
    story is written, a build reports it instead of publishing an empty article."""
    headline = normalise(headline)
    slug = slugify(headline)
    if not slug:
        raise UsageError(f"the headline {headline!r} needs a letter or digit")
    path = seeds_dir / f"{when:%Y-%m-%d}-{slug}.txt"
    if path.exists():
        raise UsageError(f"{path}: already exists; not overwriting it")
    fields = [
        ("Title", headline),
        ("Date", f"{when:%Y-%m-%d %H:%M}"),
        ("Author", author),
        ("Category", section),
        ("Tags", tags),
        ("Summary", ""),
    ]
    header = "".join(f"{key}: {normalise(value)}\n" for key, value in fields)
    write_atomic(path, header + "\n")
    return path
