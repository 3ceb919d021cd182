"""Article ⇄ Markdown file in content/: the one place where seed text is escaped.

A generated file records a checksum of its own text. A file whose text no longer matches its
checksum was edited by hand, and newsdesk never writes over it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .cleaning import normalise
from .dates import isoformat
from .models import Article

# Bump when derivations change, so that unchanged seeds are derived again.
INGEST_VERSION = "11"
_CHECKSUM_KEY = "Checksum"
_META_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(.*)$")

# Characters that are Markdown syntax anywhere in a line.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]])")
# The backslashes escape_markdown puts in, anywhere and at the start of a block.
_ESCAPED = re.compile(r"\\([\\`*_\[\]])")
_ESCAPED_START = re.compile(r"^(\d+)\\\.|^\\([#+-])")
# Characters that are Markdown syntax only at the start of a block (headings, lists, rules).
_BLOCK_START = re.compile(r"^(#|\+|-|(\d+)\.)")


def escape_markdown(text: str) -> str:
    """Escape text so that Markdown renders it literally, as one paragraph."""
    text = _normalised(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_SYNTAX.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"{m[2]}\\." if m[2] else f"\\{m[1]}", text, count=1)


def meta_value(text: str) -> str:
    """A metadata value on one line: no line breaks or control characters can end it early."""
    return _normalised(text)


def _normalised(text: str) -> str:
    """normalise(text), at once for printable ASCII without runs of spaces, which it leaves
    as it is (most text: derived text has been normalised already)."""
    if text.isascii() and text.isprintable() and "  " not in text and text == text.strip():
        return text
    return normalise(text)


def render_body(paragraphs: Iterable[str]) -> str:
    """The text under a content file's header: each paragraph escaped, a blank line apart."""
    return "\n\n".join(escape_markdown(p) for p in paragraphs)


def render_article(article: Article, body: str | None = None) -> str:
    """The complete content file for an article, checksum included. `body`, if given, is
    `render_body(article.paragraphs)`, worked out beforehand (in a worker process)."""
    fields = [
        ("Title", article.headline),
        ("Date", isoformat(article.date)),
        ("Slug", article.slug),
        ("Guid", article.guid),
        ("Category", article.section),
        ("Tags", ", ".join(tag.replace(",", " ") for tag in article.tags)),
        ("Authors", ", ".join(name.replace(",", " ") for name in article.authors)),
        ("Dateline", article.dateline),
        ("Credit", article.credit),
        ("Summary", article.dek),
        ("Reading_time", str(article.reading_minutes)),
        ("Derived", ", ".join(article.derived)),
    ]
    if article.headline_confidence is not None:
        fields.append(("Headline_confidence", f"{article.headline_confidence:.2f}"))
    if article.section_confidence is not None:
        fields.append(("Section_confidence", f"{article.section_confidence:.2f}"))
    fields += [
        ("Boilerplate_removed", str(len(article.removed_lines))),
        ("Seed", article.seed),
        ("Seed_sha256", article.seed_sha256),
        ("Newsdesk", INGEST_VERSION),
    ]
    header = "".join(f"{key}: {meta_value(value)}\n" for key, value in fields if value)
    if body is None:
        body = render_body(article.paragraphs)
    text = f"{header}\n{body}\n"
    return _with_checksum(text)


def _checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _with_checksum(text: str) -> str:
    header, _, body = text.partition("\n\n")
    return f"{header}\n{_CHECKSUM_KEY}: {_checksum(text)}\n\n{body}"


def _without_checksum(text: str) -> tuple[str, str | None]:
    header, blank, body = text.partition("\n\n")
    lines = header.split("\n")
    recorded = None
    if lines and lines[-1].startswith(f"{_CHECKSUM_KEY}: "):
        recorded = lines.pop().split(": ", 1)[1].strip()
    return "\n".join(lines) + blank + body, recorded


def generated_html(text: str) -> tuple[dict[str, str], str] | None:
    """(metadata, HTML) of a content file that newsdesk wrote and nobody has edited since,
    as Python-Markdown would give them; None for any other file.

    Such a file's body is paragraphs made by `escape_markdown` and nothing else, so its HTML
    needs no Markdown parser: each paragraph is the escaped text between <p> tags (the
    entities stay, the backslashes go). tests/test_site_reader.py checks this against
    Python-Markdown on any text."""
    unchecked, recorded = _without_checksum(text)
    if recorded is None or recorded != _checksum(unchecked):
        return None
    header, _, body = text.partition("\n\n")
    meta = {}
    for line in header.split("\n"):
        match = _META_LINE.match(line)
        if match is None:
            return None
        meta[match[1].lower()] = match[2].strip()
    paragraphs = [p for p in body.rstrip("\n").split("\n\n") if p.strip()]
    if any("\n" in p for p in paragraphs):
        return None  # not one line each: not what escape_markdown writes
    return meta, "\n".join(f"<p>{_unescaped(p)}</p>" for p in paragraphs)


def _unescaped(line: str) -> str:
    line = _ESCAPED_START.sub(lambda m: f"{m[1]}." if m[1] else m[2], line, count=1)
    return _ESCAPED.sub(r"\1", line)


@dataclass(frozen=True)
class ContentFile:
    path: Path
    meta: dict[str, str]  # lowercase keys, as Pelican reads them
    generated: bool  # written by newsdesk and not edited since
    body: str = field(default="", repr=False, compare=False)  # the text under the header

    @property
    def seed(self) -> str | None:
        return self.meta.get("seed")


def read_content_file(path: Path) -> ContentFile:
    return parse_content_file(path, path.read_text(encoding="utf-8"))


def parse_content_file(path: Path, text: str) -> ContentFile:
    """The file at `path`, given its text (read, or just written)."""
    meta: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].split("\n"):
        match = _META_LINE.match(line)
        if not match:
            break
        meta[match[1].lower()] = match[2].strip()
    unchecked, recorded = _without_checksum(text)
    generated = recorded is not None and recorded == _checksum(unchecked)
    return ContentFile(path, meta, generated, text.partition("\n\n")[2])


def scan_content(content_dir: Path) -> list[ContentFile]:
    """Every article file in content/ (pages/ and newsletter/ hold other things)."""
    if not content_dir.is_dir():
        return []
    files = []
    for path in sorted(content_dir.rglob("*.md")):
        relative = path.relative_to(content_dir).parts
        if relative[0] in ("pages", "newsletter") or any(p.startswith(".") for p in relative):
            continue
        files.append(read_content_file(path))
    return files
