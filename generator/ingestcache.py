"""What ingest remembers between runs (`.newsdesk/ingest-cache.sqlite`), so that a run that
finds little changed does not read, split and shingle every seed and article again.

Two kinds of entries:

- Facts that are pure functions of bytes, keyed by a hash of those bytes: a seed's line keys
  (`cleaning.line_keys`, to count lines repeated across seeds), the duplicate signature of an
  article's text, the verdict on two texts compared (`duplicates.Verdicts`), and the index
  of those signatures (`postings`: each key of `duplicates.index_keys` → the texts signed with
  it), so that the duplicate check of a few new articles looks up the published texts they
  may copy instead of indexing them all; and likewise the index of line keys (`line_index`:
  each key → the seeds with it after their lead, and their lead), so that a run that derives
  a few seeds counts the repeated lines it needs without the line keys of every seed. They
  cannot go stale; what an index needs is to be whole: every text with a stored signature,
  every seed with stored line keys is in it (both are written in one transaction).
- Shortcuts keyed by a file's stat (size, modification and change times, inode, device): the
  sha256 of a seed file; the header, checksum verdict and body hash of a content file. One is
  used only while the file's stat is unchanged. Any write to a file changes its change time,
  unless it falls in the same tick of the file-system clock as the stat recorded; so a stat
  is kept only once the file is older than a few ticks (`Stamp.settled`).

The cache is a shortcut only: a missing, unreadable or corrupt one, or one made by other code
(another INGEST_VERSION or another version of the modules whose results it holds), is ignored
and made again, and deleting it changes nothing but the time the next run takes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import struct
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from . import cleaning, content, duplicates, seedformats, seeds
from .content import INGEST_VERSION, ContentFile, parse_content_file, read_content_file
from .duplicates import Signature, index_keys

CACHE_NAME = "ingest-cache.sqlite"
FORMAT = "3"  # bump when the tables change
# A file is "settled" once its change time lies this far behind the moment its stat was
# taken: a later write then gets another change time. Linux file-system clocks tick every
# 1–10 ms; file systems that keep whole seconds (FAT, some network shares) need seconds.
SETTLE_NS = 50_000_000
COARSE_SETTLE_NS = 3_000_000_000
# One row per (key, entry) of the two indexes: a full ingest streams them in, where gathering
# each key's entries first held some 500 MB at 50,000 seeds. Their lookup indexes are made
# after a bulk load, which sorts once instead of inserting at random.
# `postings` has some 47 rows a text (430,000 at 10,000 seeds): passed as one row a text, its
# keys a JSON array that SQLite unrolls itself (json_each), they cost a third of the main
# process's time of passing each row from Python (tuple, binding); `_ROWS` where SQLite was
# built without JSON functions.
_POSTINGS_ROWS = "INSERT INTO postings SELECT value, ? FROM json_each(?)"
_ROWS = "INSERT INTO {name} VALUES (?, ?)"
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS postings_by_key ON postings (key)",
    "CREATE INDEX IF NOT EXISTS line_index_by_key ON line_index (key)",
)
_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE seed_files (path TEXT PRIMARY KEY, stat TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE content_files (path TEXT PRIMARY KEY, stat TEXT NOT NULL, meta TEXT NOT NULL,
                            generated INTEGER NOT NULL, body_sha256 TEXT NOT NULL);
CREATE TABLE line_keys (sha256 TEXT PRIMARY KEY, keys TEXT NOT NULL);
CREATE TABLE signatures (sha256 TEXT PRIMARY KEY, words BLOB NOT NULL, sample BLOB NOT NULL);
CREATE TABLE verdicts (pair BLOB PRIMARY KEY, share REAL NOT NULL);
CREATE TABLE postings (key INTEGER NOT NULL, text BLOB NOT NULL);
CREATE TABLE line_index (key BLOB NOT NULL, entry BLOB NOT NULL);
""" + "".join(f"{statement};\n" for statement in _INDEXES)

_KEYS = {  # each table's key column
    "seed_files": "path",
    "content_files": "path",
    "line_keys": "sha256",
    "signatures": "sha256",
    "verdicts": "pair",
}
# A text in `postings`: the first 16 bytes of the sha256 of its body (as ContentFile.body).
TEXT_ID = 16
# An entry of `line_index`: the first 16 bytes of the seed's sha256, then its lead's `line_id`.
SEED_ID = 16
LINE_ENTRY = SEED_ID + 16
Row = tuple[Any, ...]  # a table's columns after its key, as SQLite gives them
# (made again whole, the statement that adds a row, the rows to add)
Index = tuple[bool, str, Iterator[tuple[Any, Any]]]


@dataclass(frozen=True)
class Stamp:
    """A file's stat, and when it was taken (wall clock, as file times are)."""

    key: str  # size, modification and change times, inode, device
    ctime_ns: int
    taken_ns: int

    @classmethod
    def of(cls, path: Path | str, follow_links: bool = True) -> Stamp | None:
        """The stamp of a regular file (None for anything else, or on an error)."""
        taken = time.time_ns()
        try:
            st = os.stat(path, follow_symlinks=follow_links)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):  # not a regular file (or a link, not followed)
            return None
        key = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
        return cls(key, st.st_ctime_ns, taken)

    def settled(self) -> bool:
        """Whether any write after this stat would show in the file's change time."""
        coarse = self.ctime_ns % 1_000_000 == 0  # no finer than milliseconds
        return self.taken_ns - self.ctime_ns >= (COARSE_SETTLE_NS if coarse else SETTLE_NS)


def stamp_of_seed(path: Path) -> Stamp | None:
    """The stamp of a seed file that is not a link: `find_seeds` follows no linked folder,
    so such a file lies inside seeds/ and `read_regular_file` would read it as it is."""
    return Stamp.of(path, follow_links=False)


class CacheUnreadable(Exception):
    """A row looked up one at a time could not be read: the caller takes its slow path."""


class IngestCache:
    """One run's view of the cache: a table is read whole when first needed, or row by row
    (signatures, verdicts, postings: a run that checks a few new articles for duplicates
    needs few of them), and `save` writes back what changed, in one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._broken = False  # a table could not be read: make the file again
        self._tables = {name: _Table(partial(self._select_one, name)) for name in _KEYS}
        # path → (stamp, row) of the files looked at in this run: what will be remembered.
        self._seen: dict[str, dict[str, tuple[Stamp, Row]]] = {
            "seed_files": {},
            "content_files": {},
        }
        self._body_hashes: dict[Path, str] = {}
        self._writing: dict[Path, tuple[str, int, str]] = {}  # see `note_written`
        self._verdicts: dict[bytes, Row] | None = None  # those used in this run

    @classmethod
    def open(cls, work_dir: Path) -> IngestCache:
        cache = cls(work_dir / CACHE_NAME)
        if not cache.path.exists():
            return cache
        try:
            db = sqlite3.connect(cache.path)
        except sqlite3.Error:
            return cache  # not a file SQLite can open: made again on save
        try:
            version = db.execute("SELECT value FROM info WHERE key = 'version'").fetchone()
        except sqlite3.Error:
            version = None  # corrupt, or not a database: made again on save
        if version == (fingerprint(),):
            cache._db = db
        else:
            db.close()
        return cache

    # Seed files.

    def seed_sha256(self, path: Path) -> str | None:
        """The recorded sha256 of a seed file whose stat has not changed since."""
        stamp = stamp_of_seed(path)
        row = self._table("seed_files").get(str(path))
        if stamp is None or row is None or row[0] != stamp.key:
            return None
        self._seen["seed_files"][str(path)] = (stamp, row)
        return str(row[1])

    def note_seed(self, path: Path, stamp: Stamp | None, sha256: str) -> None:
        """A seed file had these bytes when it had this stamp (taken before it was read)."""
        if stamp is not None:
            self._seen["seed_files"][str(path)] = (stamp, (stamp.key, sha256))

    # Content files.

    def scan_content(self, content_dir: Path) -> list[ContentFile]:
        """`content.scan_content`, reading only the files whose stat changed since they were
        last read or written. A file not read has an empty body: see `body`."""
        table = self._table("content_files")
        files = []
        for path in _article_files(content_dir):
            stamp = Stamp.of(path)
            row = table.get(str(path))
            if stamp is not None and row is not None and row[0] == stamp.key:
                _, meta, generated, body_sha = row
                files.append(ContentFile(path, json.loads(meta), bool(generated)))
                self._body_hashes[path] = body_sha
                self._seen["content_files"][str(path)] = (stamp, row)
            else:
                found = read_content_file(path)
                self._note_content(found, stamp)
                files.append(found)
        return files

    def _note_content(self, found: ContentFile, stamp: Stamp | None) -> None:
        body_sha = hashlib.sha256(found.body.encode()).hexdigest()
        self._body_hashes[found.path] = body_sha
        if stamp is not None:
            meta = json.dumps(found.meta, ensure_ascii=False)
            row = (stamp.key, meta, int(found.generated), body_sha)
            self._seen["content_files"][str(found.path)] = (stamp, row)

    def body_sha256(self, found: ContentFile) -> str:
        """The sha256 of the text under a scanned or written file's header."""
        return self._body_hashes[found.path]

    def body(self, found: ContentFile) -> str:
        """The text under a scanned file's header, read now if the scan did not."""
        return found.body or read_content_file(found.path).body

    def note_written(self, path: Path, text: str) -> None:
        """This run is writing `text` to `path`: `stamp_written` once it is there. Only the
        header and the body's hash are kept, not the text."""
        found = parse_content_file(path, text)
        body_sha = hashlib.sha256(found.body.encode()).hexdigest()
        meta = json.dumps(found.meta, ensure_ascii=False)
        self._writing[path] = (meta, int(found.generated), body_sha)

    def stamp_written(self, path: Path) -> str:
        """The file `note_written` told of is written: remember it as it is now (its stat
        changes in the rename that puts it in place). Returns the sha256 of its body."""
        meta, generated, body_sha = self._writing.pop(path)
        self._body_hashes[path] = body_sha
        stamp = Stamp.of(path)
        if stamp is not None:
            row = (stamp.key, meta, generated, body_sha)
            self._seen["content_files"][str(path)] = (stamp, row)
        return body_sha

    # Facts keyed by hash.

    def line_keys(self, seed_sha256: str) -> tuple[str, ...] | None:
        row = self._table("line_keys").get(seed_sha256)
        return (tuple(row[0].split("\n")) if row[0] else ()) if row else None

    def note_line_keys(self, seed_sha256: str, keys: tuple[str, ...]) -> None:
        # One key a line: a key holds no line break (cleaning.line_key splits on whitespace),
        # and a seed has two keys or none, so "" can only stand for none.
        self._tables["line_keys"].put(seed_sha256, ("\n".join(keys),))

    def indexed_seeds(self) -> set[str] | None:
        """The sha256 of each seed whose line keys are recorded, and so in `line_index`;
        None when there is no index to trust."""
        return self._keys_of("line_keys")

    def line_leads(self, key: str) -> list[tuple[str, bytes]]:
        """(seed id, `line_id` of its lead) of the recorded seeds that hold `key` after their
        lead, the seed id being the first SEED_ID bytes of its sha256 in hex. Raises
        CacheUnreadable if the row cannot be read."""
        entries = self._index_entries("line_index", line_id(key))
        return [(entry[:SEED_ID].hex(), entry[SEED_ID:LINE_ENTRY]) for entry in entries]

    def signature(self, body_sha256: str) -> Signature | None:
        """The recorded signature of a body, looked up alone unless `read_signatures` read
        them all."""
        row = self._tables["signatures"].get(body_sha256)
        return None if row is None else _signature(row)

    def note_signature(self, body_sha256: str, signed: Signature) -> None:
        sample = struct.pack(f"<{len(signed.sample)}I", *signed.sample)
        self._tables["signatures"].put(body_sha256, (signed.words, sample))

    def read_signatures(self) -> None:
        """Read every recorded signature now, for a duplicate check of all published texts
        (one query rather than one a text); those of texts no longer published are dropped
        when the cache is saved."""
        self._table("signatures")

    def indexed_bodies(self) -> set[str] | None:
        """The sha256 of each body whose signature is recorded, and so in `postings`; None
        when there is no index to trust (no cache, or an unreadable one)."""
        return self._keys_of("signatures")

    def _keys_of(self, name: str) -> set[str] | None:
        """The keys of a table as stored, None if there is no cache to trust."""
        if self._db is None or self._broken:
            return None
        try:
            rows = self._db.execute(f"SELECT {_KEYS[name]} FROM {name}").fetchall()
        except sqlite3.Error:
            self._broken = True
            return None
        return {row[0] for row in rows}

    def postings(self, key: int) -> list[str]:
        """The texts indexed under `key` (`duplicates.index_keys`), as the first TEXT_ID
        bytes of their body's sha256 in hex, in no particular order; some may be texts no
        longer published. Raises CacheUnreadable if the row cannot be read."""
        return [text.hex() for text in self._index_entries("postings", key)]

    def _index_entries(self, name: str, key: Any) -> list[bytes]:
        """The entries of an index under `key`, each once. Raises CacheUnreadable."""
        if self._db is None or self._broken:
            return []
        column = "text" if name == "postings" else "entry"
        try:
            rows = self._db.execute(f"SELECT {column} FROM {name} WHERE key = ?", (key,))
            return list(dict.fromkeys(bytes(row[0]) for row in rows))
        except sqlite3.Error as error:
            self._broken = True
            raise CacheUnreadable(name) from error

    def verdicts(self, whole: bool = True) -> Verdicts:
        """The verdicts on pairs compared before: with `whole`, those of the last duplicate
        check of all texts, replaced by those this run uses or adds when it is saved; else
        looked up one by one, and those this run adds are added."""
        self._verdicts = {}
        table = self._table("verdicts") if whole else self._tables["verdicts"]
        return Verdicts(table, self._verdicts)

    # Saving.

    def save(self, seed_hashes: Iterable[str]) -> None:
        """Write what this run learnt, keeping only entries for the seeds and content files
        that exist now (`seed_hashes`: the sha256 of every seed found). Errors are ignored:
        a cache that cannot be written only makes the next run slower."""
        published = {row[3] for _, row in self._seen["content_files"].values() if row[2]}
        final = {name: dict(_settle(seen)) for name, seen in self._seen.items()}
        final["line_keys"] = self._tables["line_keys"].merged(set(seed_hashes))
        final["signatures"] = self._tables["signatures"].merged(published)
        if self._verdicts is not None:
            final["verdicts"] = self._verdicts
        try:
            fresh = self._db is None or self._broken
            db = _create(self.path) if fresh else self._db
            assert db is not None
            indexes = {
                "postings": self._postings(final["signatures"], fresh, _has_json(db)),
                "line_index": self._line_index(final["line_keys"], fresh),
            }
            with db:
                for name, rows in final.items():
                    self._tables[name].write(db, name, rows, fresh)
                for name, (whole, statement, rows) in indexes.items():
                    if whole:
                        db.execute(f"DROP INDEX IF EXISTS {name}_by_key")
                        db.execute(f"DELETE FROM {name}")
                    db.executemany(statement, rows)
                for statement in _INDEXES:  # in this transaction (executescript commits)
                    db.execute(statement)
            db.close()
        except (sqlite3.Error, OSError, CacheUnreadable):
            pass
        self._db = None

    # An index is made again whole when every row it is made from is at hand (which drops
    # what is gone); else what the rows added in this run add to it is added.

    def _postings(self, signatures: dict[Any, Row], fresh: bool, json_rows: bool) -> Index:
        """What to write to `postings`, from the signatures to be saved: with `json_rows`,
        one row a text (its id, its keys as a JSON array) for `_POSTINGS_ROWS`."""
        whole = fresh or self._tables["signatures"].stored is not None
        added = self._tables["signatures"].added
        texts = (
            (bytes.fromhex(body_sha)[:TEXT_ID], set(index_keys(_signature(row))))
            for body_sha, row in signatures.items()
            if whole or body_sha in added
        )
        if json_rows:
            return whole, _POSTINGS_ROWS, ((text, json.dumps(list(keys))) for text, keys in texts)
        rows = ((key, text) for text, keys in texts for key in keys)
        return whole, _ROWS.format(name="postings"), rows

    def _line_index(self, line_keys: dict[Any, Row], fresh: bool) -> Index:
        """What to write to `line_index`, from the line keys to be saved."""
        whole = fresh or self._tables["line_keys"].stored is not None
        added = self._tables["line_keys"].added

        def rows() -> Iterator[tuple[bytes, bytes]]:
            for seed_sha, (joined,) in line_keys.items():
                keys = joined.split("\n") if joined else []
                if (whole or seed_sha in added) and len(keys) >= 2:
                    entry = bytes.fromhex(seed_sha)[:SEED_ID] + line_id(keys[0])
                    for key in set(keys[1:]):
                        yield line_id(key), entry

        return whole, _ROWS.format(name="line_index"), rows()

    def _table(self, name: str) -> _Table:
        """The table, its rows read now if not yet."""
        table = self._tables[name]
        if table.stored is None:
            table.stored = self._select(name)
        return table

    def _select_one(self, name: str, key: Any) -> Row | None:
        """One row of a table, looked up by its key (None: no such row)."""
        if self._db is None or self._broken:
            return None
        try:
            found = self._db.execute(f"SELECT * FROM {name} WHERE {_KEYS[name]} = ?", (key,))
            row = found.fetchone()
        except sqlite3.Error as error:
            self._broken = True
            raise CacheUnreadable(name) from error
        return None if row is None else tuple(row[1:])

    def _select(self, name: str) -> dict[Any, Row]:
        if self._db is None:
            return {}
        try:
            rows = self._db.execute(f"SELECT * FROM {name}").fetchall()
        except sqlite3.Error:
            self._broken = True
            return {}
        return {row[0]: tuple(row[1:]) for row in rows}


class _Table:
    """The rows of one table: as stored (once read whole, or those looked up one by one),
    and those added in this run."""

    def __init__(self, select_one: Callable[[Any], Row | None]) -> None:
        self.stored: dict[Any, Row] | None = None  # None: not read whole
        self.looked_up: dict[Any, Row | None] = {}
        self.added: dict[Any, Row] = {}
        self._select_one = select_one

    def get(self, key: Any) -> Row | None:
        found = self.added.get(key)
        if found is not None:
            return found
        if self.stored is not None:
            return self.stored.get(key)
        if key not in self.looked_up:
            self.looked_up[key] = self._select_one(key)
        return self.looked_up[key]

    def put(self, key: Any, row: Row) -> None:
        self.added[key] = row

    def merged(self, keep: set[Any]) -> dict[Any, Row]:
        """The rows stored and added whose keys are in `keep`."""
        rows = {**(self.stored or {}), **self.added}
        return {key: row for key, row in rows.items() if key in keep}

    def write(self, db: sqlite3.Connection, name: str, rows: dict[Any, Row], fresh: bool) -> None:
        """Make the table hold `rows`. A table not read in this run keeps its other rows (it
        is pruned in a run that reads it)."""
        key = _KEYS[name]
        stored = {} if fresh or self.stored is None else self.stored
        if not fresh and self.stored is not None:
            gone = [(k,) for k in stored if k not in rows]
            db.executemany(f"DELETE FROM {name} WHERE {key} = ?", gone)
        new = [(k, *row) for k, row in rows.items() if stored.get(k) != row]
        if new:
            marks = ", ".join("?" * len(new[0]))
            db.executemany(f"INSERT OR REPLACE INTO {name} VALUES ({marks})", new)


class Verdicts(MutableMapping[bytes, float]):
    """`duplicates.Verdicts` backed by the cache, noting the pairs a run uses."""

    def __init__(self, table: _Table, used: dict[bytes, Row]) -> None:
        self._table = table
        self._used = used

    def __getitem__(self, pair: bytes) -> float:
        row = self._table.get(pair)
        if row is None:
            raise KeyError(pair)
        self._used[pair] = row
        return float(row[0])

    def __setitem__(self, pair: bytes, share: float) -> None:
        self._used[pair] = (share,)
        self._table.put(pair, (share,))

    def __delitem__(self, pair: bytes) -> None:
        del self._used[pair]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._used)

    def __len__(self) -> int:
        return len(self._used)


def line_id(key: str) -> bytes:
    """16 bytes that name a line key in `line_index`."""
    return hashlib.blake2b(key.encode(), digest_size=16).digest()


def _signature(row: Row) -> Signature:
    words, sample = row
    return Signature(bytes(words), struct.unpack(f"<{len(sample) // 4}I", sample))


def _settle(seen: dict[str, tuple[Stamp, Row]]) -> Iterator[tuple[str, Row]]:
    """The rows whose files are settled (`Stamp.settled`). A file changed just before its
    stat was taken (one this run wrote, mostly) is looked at again once it has settled,
    waiting for that if it takes a moment only; if its stat still matches, its row holds."""
    unsettled = []
    for path, (stamp, row) in seen.items():
        if stamp.settled():
            yield path, row
        else:
            unsettled.append((path, stamp, row))
    if not unsettled:
        return
    wait_ns = max(s.ctime_ns for _, s, _ in unsettled) + SETTLE_NS - time.time_ns()
    if 0 < wait_ns <= SETTLE_NS:
        time.sleep(wait_ns / 1e9)
    for path, stamp, row in unsettled:
        again = Stamp.of(path, follow_links=True)
        if again is not None and again.key == stamp.key and again.settled():
            yield path, row


def _article_files(content_dir: Path) -> list[Path]:
    """The files `content.scan_content` reads, in its order."""
    if not content_dir.is_dir():
        return []
    found = []
    for folder, subfolders, names in os.walk(content_dir):
        top = folder == str(content_dir)
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and not (top and name in ("pages", "newsletter"))
        ]
        found += [
            os.path.join(folder, name)
            for name in names
            if name.endswith(".md") and not name.startswith(".")
        ]
    return [Path(path) for path in sorted(found, key=lambda p: os.path.normcase(p).split(os.sep))]


def _has_json(db: sqlite3.Connection) -> bool:
    """Whether this SQLite has its JSON functions (built in since 3.38, and in most builds
    before)."""
    try:
        db.execute("SELECT value FROM json_each('[]')").fetchall()
    except sqlite3.Error:
        return False
    return True


def _create(path: Path) -> sqlite3.Connection:
    """A new, empty cache at `path` (replacing whatever is there)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, *(path.with_name(path.name + end) for end in ("-journal", "-wal"))):
        stale.unlink(missing_ok=True)  # a journal left by a crash would be replayed into it
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    db.execute("INSERT INTO info VALUES ('version', ?)", (fingerprint(),))
    db.commit()
    return db


def fingerprint() -> str:
    """What the cached facts depend on: INGEST_VERSION, this cache's format, and the code
    that works them out (the modules' own text, the libraries that read seeds, the Unicode
    tables). A change to any of them starts a new cache."""
    # The libraries' versions as installed, not their __version__: importing trafilatura
    # alone takes a quarter of a second, which a run that reads no HTML seed need not pay.
    from importlib.metadata import version

    parts = [
        FORMAT,
        INGEST_VERSION,
        version("ftfy"),
        version("markdown"),
        version("trafilatura"),
        unicodedata.unidata_version,
        sys.version.split()[0],
    ]
    digest = hashlib.sha256("\0".join(parts).encode())
    for module in (cleaning, content, duplicates, seedformats, seeds, sys.modules[__name__]):
        digest.update(_source(module.__file__))
    return digest.hexdigest()[:32]


def _source(file: str | None) -> bytes:
    try:
        return Path(file or "").read_bytes()
    except OSError:
        return b""
