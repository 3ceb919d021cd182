"""Read any supported seed file into a `Seed`: decode it, detect its shape, split paragraphs.

Shapes, checked in this order:
  markdown  YAML front matter between '---' lines, then a Markdown body
  header    'Title: / Date: / Author: / Category: / Tags: / Summary:' lines, a blank line, text
  headline  a short first line, a blank line, then paragraphs
  plain     paragraphs only: one per line, or blocks separated by blank lines
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from datetime import UTC, date, datetime
from pathlib import Path

from .dates import parse_date
from .errors import SeedError
from .models import Seed
from .seedformats import html_article, html_blocks, json_article, json_items

SEED_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json"})
HEADER_KEYS = ("title", "date", "author", "category", "tags", "summary")
_KEY_ALIASES = {
    "headline": "title",
    "section": "category",
    "byline": "author",
    "description": "summary",
    "dek": "summary",
    "keywords": "tags",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]*)[ \t]*:[ \t]*(.*)$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
MAX_HEADLINE_LINE = 150
WRAP_WIDTHS = (40, 100)  # the line lengths of text wrapped by an editor or mail client


def find_seeds(seeds_dir: Path) -> list[Path]:
    """Every seed file under `seeds_dir`, sorted, skipping hidden files and folders. Broken
    links are included, so that they are reported rather than silently skipped; links to
    folders are not followed."""
    if not seeds_dir.is_dir():
        return []
    found = []
    # os.walk rather than Path.rglob: it lists each folder once, without a stat per file.
    for folder, subfolders, names in os.walk(seeds_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [
            os.path.join(folder, name)
            for name in names
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SEED_SUFFIXES
        ]
    return [Path(path) for path in sorted(found, key=_path_order)]


def _path_order(path: str) -> list[str]:
    """What Paths compare when sorted (part by part), without making and comparing Paths."""
    return os.path.normcase(path).split(os.sep)


def seed_name(path: Path, seeds_dir: Path) -> str:
    """`path.relative_to(seeds_dir).as_posix()`, by slicing strings when it can (ten
    thousand seeds make Path arithmetic a noticeable part of a re-run)."""
    text, folder = str(path), str(seeds_dir)
    if not text.startswith(folder + os.sep):
        return path.relative_to(seeds_dir).as_posix()
    name = text[len(folder) + 1 :]
    return name if os.sep == "/" else name.replace(os.sep, "/")


def read_seed(path: Path, seeds_dir: Path) -> Seed:
    """The one article of a seed file (the first, for a JSON list)."""
    return read_seeds(path, seeds_dir)[0]


def read_seeds(path: Path, seeds_dir: Path) -> list[Seed]:
    """The articles of a seed file: one, or one per item of a JSON list. An item's name is
    the file's name, '#', and the item's id, url or position ('wire.json#3')."""
    raw = read_regular_file(path, seeds_dir)
    name = path.relative_to(seeds_dir).as_posix()
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SeedError(path, "empty seed (no text)")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return [_json_seed(name, key, item, path) for key, item in json_items(text, path)]
    if suffix in (".html", ".htm"):
        shape, (fields, paragraphs) = "html", html_article(text, path)
    else:
        shape, fields, body = split_shape(text, path)
        paragraphs = markdown_paragraphs(body) if shape == "markdown" else split_paragraphs(body)
    return [_seed(name, hashlib.sha256(raw).hexdigest(), shape, fields, paragraphs, path)]


def _json_seed(name: str, key: str, item: dict[str, object], path: Path) -> Seed:
    # The item's own bytes, not the file's: editing one item re-ingests only that item.
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False).encode()
    fields, paragraphs = json_article(item, path)
    full_name = f"{name}#{key}" if key else name
    return _seed(full_name, hashlib.sha256(canonical).hexdigest(), "json", fields, paragraphs, path)


def _seed(
    name: str, sha: str, shape: str, fields: dict[str, str], paragraphs: list[str], path: Path
) -> Seed:
    if shape in ("html", "json"):  # header and front matter were checked as they were read
        _check_fields(fields, path, f"{shape.upper()} seed")
    if not paragraphs:
        raise SeedError(path, "empty seed (metadata but no article text)")
    return Seed(name, sha, shape, fields, tuple(paragraphs))


def read_regular_file(path: Path, seeds_dir: Path) -> bytes:
    """The bytes of a regular file inside seeds/: a link may not lead elsewhere (a seed folder
    synced from a shared drive must not publish /etc/passwd), and a FIFO or device would
    block the build forever."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(seeds_dir.resolve()):
            raise SeedError(path, f"link to a file outside seeds/ ({real}), not followed")
        if not stat.S_ISREG(real.stat().st_mode):
            raise SeedError(path, "not a regular file")
        return real.read_bytes()
    except OSError as error:
        raise SeedError(path, f"cannot read: {error.strerror or error}") from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1252 / Latin-1."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise SeedError(
                    path,
                    f"undecodable: starts with a {encoding.upper()} "
                    f"byte-order mark but {error.reason} at byte "
                    f"{error.start}",
                ) from None
    if b"\x00" in raw:
        raise SeedError(path, "binary file, not text (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise SeedError(path, "binary file, not text (too many control characters)")
    # Mojibake ('Â£' for '£', 'Ã©' for 'é': UTF-8 read as Windows-1252 somewhere upstream) is
    # undone; ftfy's fix_encoding changes nothing else, so curly quotes and dashes stay.
    # ASCII text it returns as it is, and then ftfy (a tenth of a second to load) is not
    # loaded: a run that reads one edited seed should not pay for it.
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def split_shape(text: str, path: Path) -> tuple[str, dict[str, str], str]:
    if text.startswith("---\n"):
        fields, body = _front_matter(text, path)
        return "markdown", fields, body
    first_line = text.split("\n", 1)[0]
    match = _HEADER_LINE.match(first_line)
    if match and _canonical_key(match[1]) in HEADER_KEYS:
        fields, body = _header_block(text, path)
        return "header", fields, body
    head, blank, rest = text.partition("\n\n")
    if blank and rest.strip() and _looks_like_headline(head):
        return "headline", {"title": head.strip()}, rest
    return "plain", {}, text


def _canonical_key(key: str) -> str:
    key = key.strip().lower()
    return _KEY_ALIASES.get(key, key)


def _looks_like_headline(block: str) -> bool:
    line = block.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= MAX_HEADLINE_LINE
        and not _SENTENCE_END.search(line.rstrip("?!"))
    )


def _header_block(text: str, path: Path) -> tuple[dict[str, str], str]:
    header, _, body = text.rstrip().partition("\n\n")
    fields: dict[str, str] = {}
    for number, line in enumerate(header.split("\n"), start=1):
        match = _HEADER_LINE.match(line)
        key = _canonical_key(match[1]) if match else ""
        if key not in HEADER_KEYS:
            raise SeedError(
                path,
                f"malformed header: line {number}: expected 'Key: value' with "
                f"a key from {', '.join(k.title() for k in HEADER_KEYS)}, "
                f"got {line[:40]!r}",
            )
        if key in fields:
            raise SeedError(path, f"malformed header: line {number}: {key.title()} given twice")
        fields[key] = match[2].strip()
    _check_fields(fields, path, "header")
    return fields, body


def _front_matter(text: str, path: Path) -> tuple[dict[str, str], str]:
    match = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if not match:
        raise SeedError(path, "malformed front matter: no closing '---' line")
    import yaml  # here: only Markdown seeds need it

    try:
        data = yaml.safe_load(text[4 : 4 + match.start()])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SeedError(path, f"malformed front matter: {problem}{where}") from None
    except (ValueError, OverflowError) as error:  # a timestamp such as 2026-13-45
        raise SeedError(path, f"malformed front matter: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SeedError(path, "malformed front matter: expected 'key: value' lines")
    fields = {}
    for raw_key, value in data.items():
        key = _canonical_key(str(raw_key))
        if key not in HEADER_KEYS:
            continue  # other tools' keys (layout, draft…) are not ours to judge
        fields[key] = _front_matter_value(key, value, path)
    _check_fields(fields, path, "front matter")
    return fields, text[4 + match.end() :]


def _front_matter_value(key: str, value: object, path: Path) -> str:
    if key == "tags" and isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return ", ".join(str(v) for v in value)
    elif isinstance(value, (datetime, date)):
        return value.isoformat()
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    elif value is None:
        return ""
    raise SeedError(
        path, f"malformed front matter: {key}: expected text, got {type(value).__name__}"
    )


def _check_fields(fields: dict[str, str], path: Path, where: str) -> None:
    if fields.get("date"):
        try:
            parse_date(fields["date"], UTC)
        except ValueError as error:
            raise SeedError(path, f"malformed {where}: Date: {error}") from None


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines. A block whose lines look hard-wrapped (similar
    lengths, most not ending a sentence) is one paragraph; otherwise each line is one, as in
    wire copy pasted one paragraph per line."""
    paragraphs: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    body = lines[:-1]
    return (
        bool(body)
        and all(WRAP_WIDTHS[0] <= len(line) <= WRAP_WIDTHS[1] for line in body)
        and sum(bool(_SENTENCE_END.search(line)) for line in body) * 2 < len(body)
    )


def markdown_paragraphs(body: str) -> list[str]:
    """The text of a Markdown body, one paragraph per block. Markup is dropped on purpose:
    seed text is untrusted, so links, images and raw HTML never reach the site."""
    import markdown  # here: only Markdown seeds need it

    return html_blocks(markdown.markdown(body))
