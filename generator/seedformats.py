"""HTML and JSON seeds: their text and metadata as (fields, paragraphs), nothing derived.

HTML pages go through trafilatura, which finds the main text (dropping navigation, footers
and comments) and reads the page's own metadata (title, author, date, section). JSON holds
one article or a list of them, under the field names common APIs and exports use. Everything
comes out as plain text: seed text is untrusted, so no markup survives.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .errors import SeedError

# Our field → the names feeds, CMS exports and news APIs use for it, most common first.
JSON_FIELDS = {
    "title": ("title", "headline", "name"),
    "body": ("body", "content", "text", "articleBody", "article_body", "story"),
    "date": ("date", "publishedAt", "published_at", "published", "datePublished", "pubDate",
             "created_at", "timestamp"),
    "author": ("author", "byline", "authors", "creator", "writer"),
    "url": ("url", "link", "permalink", "webUrl"),
    "category": ("section", "category", "sectionName", "section_name", "categories"),
    "tags": ("tags", "keywords"),
    "summary": ("summary", "description", "dek", "standfirst", "abstract"),
}  # fmt: skip
_LIST_KEYS = ("articles", "items", "results", "data", "entries", "stories")
_ID_KEYS = ("id", "guid", "uuid")
# 'Wed, 18 Nov 2026 09:00:00 GMT', as RSS pubDate and e-mail write dates.
_RFC_2822 = re.compile(r"^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d")


def html_article(text: str, path: Path) -> tuple[dict[str, str], list[str]]:
    """The main text of a web page, one paragraph per block, and its title, date, author,
    section and tags from the page's metadata."""
    import trafilatura  # here: loading it takes a fifth of a second, and few sites have HTML seeds

    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Only dates the page states (meta tags, <time>): never guessed from the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or not (document.text or "").strip():
        raise SeedError(path, "HTML page without article text")
    fields = {
        "title": document.title or "",
        "date": document.date or "",
        "author": (document.author or "").replace(";", ","),
        "category": (document.categories or [""])[0],
        "tags": ", ".join(document.tags or []),
        "summary": document.description or "",
    }
    fields = {key: value.strip() for key, value in fields.items() if value and value.strip()}
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    if paragraphs and paragraphs[0] == fields.get("title"):
        paragraphs = paragraphs[1:]  # trafilatura repeats the <h1>
    return fields, paragraphs


def json_items(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(key, item) for each article in a JSON seed; the key is '' for a file holding one
    article, else the item's id, its url, or its position (1, 2, …) when it has neither."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SeedError(
            path, f"malformed JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    if isinstance(data, dict):
        wrapped = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        if wrapped is None:
            return [("", data)]
        data = wrapped
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise SeedError(path, "malformed JSON: expected an article object or a list of them")
    if not data:
        raise SeedError(path, "empty seed (a JSON list with no articles)")
    keys = [_item_key(item, index) for index, item in enumerate(data, start=1)]
    for index, key in enumerate(keys):
        if keys.index(key) != index:  # two items share an id: positions are unambiguous
            keys[index] = str(index + 1)
    return list(zip(keys, data, strict=True))


def _item_key(item: dict[str, Any], position: int) -> str:
    for key in (*_ID_KEYS, *JSON_FIELDS["url"]):
        value = item.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())
    return str(position)


def json_article(item: dict[str, Any], path: Path) -> tuple[dict[str, str], list[str]]:
    """Fields and paragraphs of one JSON article."""
    values = {ours: _first(item, names) for ours, names in JSON_FIELDS.items()}
    body = values.pop("body")
    values.pop("url")
    fields = {key: _text(key, value, path) for key, value in values.items() if value is not None}
    paragraphs = _body_paragraphs(body, path)
    return {key: value for key, value in fields.items() if value}, paragraphs


def _first(item: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((item[name] for name in names if item.get(name) not in (None, "", [])), None)


def _text(key: str, value: Any, path: Path) -> str:
    """A field value as text: a list of names joins with commas, an author object gives its
    name, a number under 'date' is a Unix time."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or ""
    if isinstance(value, list):
        parts = [_text(key, v, path) for v in value]
        return ", ".join(p for p in parts if p) if key != "category" else (parts or [""])[0]
    if key == "date" and isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value  # milliseconds, as JS writes them
        try:
            return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")
        except (OverflowError, OSError, ValueError):
            raise SeedError(path, f"malformed JSON: date: {value!r} is not a date") from None
    if key == "date" and isinstance(value, str) and _RFC_2822.match(value.strip()):
        return parsedate_to_datetime(value.strip()).isoformat(timespec="seconds")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise SeedError(path, f"malformed JSON: {key}: expected text, got {type(value).__name__}")


def _body_paragraphs(body: Any, path: Path) -> list[str]:
    if body is None:
        raise SeedError(path, "JSON article without a body (body, content or text)")
    if isinstance(body, list):
        return [p for part in body for p in _body_paragraphs(part, path)]
    if not isinstance(body, str):
        raise SeedError(path, f"malformed JSON: body: expected text, got {type(body).__name__}")
    if "<" in body and ">" in body:  # HTML in a JSON field, as CMS exports write it
        return html_blocks(body)
    return [line.strip() for line in body.split("\n") if line.strip()]


class _BlockText(HTMLParser):
    """Collects the text of each block element, dropping all markup, scripts and styles."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td",
         "th", "dt", "dd", "section", "article", "header", "footer", "figcaption"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._skipping += 1
        elif tag in self.BLOCKS:
            self._flush()
        elif tag == "br":
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []


def html_blocks(html: str) -> list[str]:
    """The text of each block of an HTML fragment; all markup dropped."""
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    return parser.blocks
