"""What an edit can change without a look at every page.

A page is made from the config, themes and code (the global key), from the content files it
reads, and from the *layout* of the site: which articles and pages there are, their order,
URLs and dates, and the sections, topics and authors that group them. The layout decides
which pages are written, what each list holds and what every template function answers
(related stories, neighbours, feed links) apart from the stories' own text.

So when a build's layout signature is the last build's, a page that read none of the
content files whose stamps changed is the page it was: `Outputs.untouched` keeps it with no
fingerprinting. Editing a story's text or headline keeps the layout; adding, deleting or
re-dating a story, or changing its section, topics or author, does not, and then every
page's inputs are fingerprinted as before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from typing import Any

# Pelican's lists of what it read, in the shared context of its generators.
CONTENT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")
# Metadata a file may give that moves its page or changes how it is listed.
_PLACING = ("save_as", "url", "template", "status", "lang", "guid")


def contents(context: dict[str, Any]) -> list[Any]:
    return [item for name in CONTENT_LISTS for item in context.get(name, [])]


def layout_signature(context: dict[str, Any], global_key: bytes) -> str:
    """Of everything besides the content files' text that decides what pages there are and
    what lists and template functions give them (the order of Pelican's lists included)."""
    digest = hashlib.blake2b(global_key, digest_size=16)
    for name in CONTENT_LISTS:
        digest.update(f"\0{name}\0".encode())
        for item in context.get(name, []):
            digest.update(getattr(item, PLACING, None) or placing(item))
    digest.update(repr(context.get("LIVE_SECTIONS")).encode())
    return digest.hexdigest()


# The attribute that keeps an item's `placing` once read, so that Pelican's content cache
# keeps it too (0.9 s of a 10,000-article edit build was working it out again).
PLACING = "newsdesk_placing"


def placing(item: Any) -> bytes:
    """What of one article or page goes into the layout, in 16 bytes."""
    date = getattr(item, "date", None)
    parts = (
        item.source_path,
        item.slug,
        date.isoformat() if date else None,
        _term(getattr(item, "category", None)),
        tuple(map(_term, getattr(item, "tags", ()) or ())),
        tuple(map(_term, getattr(item, "authors", ()) or ())),
        tuple(item.metadata.get(name) for name in _PLACING),
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()


def _term(term: Any) -> tuple[str, str] | None:
    return (term.name, term.slug) if term is not None else None


def source_stamps(paths: Iterable[str], relative: Any) -> dict[str, str]:
    """Each file (by `relative(path)`) as it is now."""
    return {relative(path): file_stamp(path) for path in paths}


def file_stamp(path: str) -> str:
    """A content file as it is now. Content files are replaced whole, never rewritten in
    place, so the same size, time and inode mean the same text."""
    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"


def has_links(content: Any) -> bool:
    """True when an article's or page's HTML holds links to other content ('{filename}…',
    or the older '|filename|…'), which Pelican resolves at each build."""
    text = content._content or ""
    return "{" in text or "|" in text


def content_html(content: Any) -> str:
    """Pelican's `content`: the HTML with its links to other content resolved, which
    without any such link is the HTML as read (Pelican's pass over it with a regular
    expression cost 0.2 s of a 10,000-article build)."""
    return content.content if has_links(content) else content._content or ""
