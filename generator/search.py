"""Full-text search: Pagefind indexes of the articles, one per month, under `pagefind/`.

Pagefind (PyPI `pagefind[extended]`, which ships its binary in the wheel) writes a static
index and a small JavaScript client: the search page works on any static host, and offline.
Indexing costs Pagefind about a millisecond per article, too much to redo for the whole
archive after each edit, so the archive is split by month of publication: an edit indexes
its month again and the other months' files stay as they are. The search page merges the
months listed in `pagefind/shards.json` (Pagefind's `mergeIndex`).

Each month's index is made from the stories themselves (a small page per story: headline,
dek, date, text), not from the site's pages, so it can be made before or beside them.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from .errors import BuildError
from .models import Story, Unchanged
from .outputs import Outputs
from .pagedeps import combine
from .workers import cores

SEARCH_DIR = "pagefind"
SHARDS_FILE = f"{SEARCH_DIR}/shards.json"
ENTRY = "pagefind-entry.json"
# Pagefind's ready-made search interfaces: the search page has its own.
_UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


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


def shards(stories: Sequence[Story]) -> dict[str, list[Story]]:
    """Stories by month of publication ('2026-11'), newest month first."""
    by_month: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        by_month[f"{story.date:%Y-%m}"].append(story)
    return dict(sorted(by_month.items(), reverse=True))


def record_page(story: Story, language: str) -> str:
    """What Pagefind indexes of a story; the headline is the result's title."""
    title = html.escape(story.title)
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><main data-pagefind-body><h1>{title}</h1>"
        f"<p>{html.escape(story.summary)}</p>"
        f'<p><time data-pagefind-meta="date">{story.date:%-d %B %Y}</time></p>'
        f"{story.body_html}</main></body></html>"
    )


# Part of every month's key: change it with `record_page` or with Pagefind's options, so
# that every month is indexed again.
RECORD_FORMAT = b"record page 1"


def shard_key(stories: Sequence[Story], language: str) -> str:
    """Of a month's stories, from their fields rather than their record pages: rendering
    and escaping every story's page cost a second per build at 10,000 stories."""
    return combine([RECORD_FORMAT, language.encode(), *(s.fingerprint for s in stories)]).hex()


def index_for_search(
    outputs: Outputs,
    stories: Sequence[Story],
    language: str,
    unchanged: Unchanged = lambda _stories: False,
) -> int:
    """Write the search index of `stories` through `outputs`, month by month; a month whose
    stories are unchanged keeps its files (without a look when `unchanged` says their files
    are as they were). Returns the number of months indexed again."""
    language = language.split("-")[0].lower()  # one index in the site's language, as pages say
    months = shards(stories)
    todo = {}
    for month, items in months.items():
        folder = f"{SEARCH_DIR}/{month}/"
        if outputs.recorded_digest(folder + ENTRY) is not None and unchanged(items):
            outputs.keep_folder(folder)
            continue
        key = shard_key(items, language)
        if outputs.is_fresh(folder + ENTRY, key):
            outputs.keep_folder(folder)
        else:
            todo[month] = (items, key)
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        built = pool.map(lambda m: _index_month(todo[m][0], language), todo)
        for month, files in zip(todo, built, strict=True):
            folder = f"{SEARCH_DIR}/{month}/"
            for name, data in sorted(files.items()):
                outputs.write(folder + name, data, key=todo[month][1] if name == ENTRY else "")
    listing = {"language": language, "shards": list(months)}
    outputs.write(SHARDS_FILE, (json.dumps(listing, indent=1) + "\n").encode())
    return len(todo)


# A month's pages and index are a few megabytes, written and read back once: in memory
# when the machine offers a roomy tmpfs (1.8 s less per month than on ext4 here, where
# making a folder per story is slow), else in the usual temporary folder.
_MEMORY_DISK = Path("/dev/shm")
_ROOM_NEEDED = 512 * 1024 * 1024


def _scratch() -> str | None:
    try:
        roomy = shutil.disk_usage(_MEMORY_DISK).free >= _ROOM_NEEDED
    except OSError:
        return None
    return str(_MEMORY_DISK) if roomy and os.access(_MEMORY_DISK, os.W_OK) else None


def _index_month(stories: Sequence[Story], language: str) -> dict[str, bytes]:
    """Run Pagefind over one small page per story; {path in the index folder: bytes}."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-search-", dir=_scratch()) as folder:
        site = Path(folder) / "site"
        for story in stories:
            path = site / urlsplit(story.url).path.strip("/")  # Pagefind's URL for it
            path.mkdir(parents=True, exist_ok=True)
            (path / "index.html").write_text(record_page(story, language), encoding="utf-8")
        index = Path(folder) / "index"
        command = [
            _executable(),
            *("--site", str(site), "--output-path", str(index)),
            *("--force-language", language, "--silent"),
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            problem = " ".join((result.stderr or result.stdout).split()) or "no message"
            raise BuildError(f"search: Pagefind failed (exit {result.returncode}): {problem}")
        return {
            path.relative_to(index).as_posix(): path.read_bytes()
            for path in sorted(index.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        }
