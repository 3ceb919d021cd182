"""The files of output/, what each was made from, and a build's changes to them.

A build declares every file it produces. A file whose inputs have the key recorded at the
last build is *kept*: not made again, not touched. A file that is made again is compared with
what output/ holds (by digest) and only different bytes are written, into a staging folder;
`publish` then moves each staged file into output/ with one atomic rename and removes the
files this build no longer produces. So a deploy by rsync or to a CDN uploads only what
changed, and a killed build never leaves a half-written file in output/.

The record lives in SQLite (`.newsdesk/outputs.sqlite`): an edit rewrites a few rows, not a
file listing every output. It is committed after the files are moved, so a build killed in
between only makes the next one redo some work: a stale record never keeps a file wrongly,
because a file is kept only when its key and its presence both match.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import tempfile
from array import array
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

RECORD_NAME = "outputs.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,  -- relative to output/, with forward slashes
    digest TEXT NOT NULL,   -- of the file's bytes
    key TEXT NOT NULL,      -- of what the file was made from ('' = always made again)
    names INTEGER,          -- the template variables a page read (a row of name_lists)
    calls TEXT,             -- JSON: what a page asked of newsdesk's template functions
    sources BLOB            -- the content files a page read, as ids of `sources` (NULL: not known)
);
CREATE TABLE IF NOT EXISTS name_lists (id INTEGER PRIMARY KEY, names TEXT UNIQUE NOT NULL);
-- The content files pages are made from, each as it was at the last build (size, time and
-- inode), and the layout of the site they made (see `Outputs.note_sources`).
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a page's record may still name it
    path TEXT UNIQUE NOT NULL,
    stamp TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS layout (id INTEGER PRIMARY KEY CHECK (id = 0), signature TEXT);
-- Modification times of output/'s folders after the last build: a folder whose time is the
-- same still holds the files recorded in it (adding, removing or renaming a file changes it).
CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY, mtime INTEGER NOT NULL);
"""


def digest_of(data: bytes) -> str:
    # SHA-256 rather than BLAKE2: CPUs with SHA instructions (most x86 and ARM of the last
    # years) hash it over twice as fast, and every output file is hashed on every build.
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True)
class Dependencies:
    """What one page read while it was rendered: template variables by name, and calls to
    newsdesk's template functions, each as a tuple of strings."""

    names: tuple[str, ...]
    calls: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Made:
    """A file made by this build (perhaps in a worker process), ready to be recorded. A
    page's dependencies come in the form the record keeps, its calls as JSON: a full build
    of 50,000 articles gets some 190,000 of these back from its workers, and as tuples of
    tuples of strings the calls took several times the memory."""

    path: str
    digest: str
    key: str
    names: tuple[str, ...] | None  # the template variables a page read (None: not a page)
    calls: str | None  # JSON: the calls it made (None: none, or not a page)
    staged: bool  # its bytes differ from output/'s and wait in the staging folder
    sources: bytes | None = None  # the content files it read, packed ids (None: not known)

    @classmethod
    def of(
        cls,
        path: str,
        digest: str,
        key: str,
        dependencies: Dependencies | None,
        staged: bool,
        sources: bytes | None = None,
    ) -> Made:
        if dependencies is None:
            return cls(path, digest, key, None, None, staged)
        calls = json.dumps(dependencies.calls) if dependencies.calls else None
        return cls(path, digest, key, dependencies.names, calls, staged, sources)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        fields = (self.path, self.digest, self.key, self.names, self.calls, self.staged)
        return _arrived, (*fields, self.sources)


# Pages of one template read the same names: each list is kept once in a process, however
# many records from the workers carry a copy of it.
_interned_names: dict[tuple[str, ...], tuple[str, ...]] = {}


def _arrived(
    path: str,
    digest: str,
    key: str,
    names: tuple[str, ...] | None,
    calls: str | None,
    staged: bool,
    sources: bytes | None,
) -> Made:
    if names is not None:
        names = _interned_names.setdefault(names, names)
    return Made(path, digest, key, names, calls, staged, sources)


def pack_sources(ids: Iterable[int]) -> bytes:
    return array("I", sorted(ids)).tobytes()


class _Recorded(NamedTuple):  # a tuple: 134,000 rows load in half a frozen dataclass's time
    digest: str
    key: str
    names: int | None
    calls: str | None
    sources: bytes | None


class Outputs:
    """One build's view of output/. Use as a context manager: on an exception nothing is
    published and the staging folder is removed."""

    def __init__(self, output_dir: Path, work_dir: Path, forget: bool = False) -> None:
        """With `forget`, the record is ignored: every file is made again (and still only
        written where its bytes differ)."""
        self.output_dir = output_dir
        work_dir.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix="staging-", dir=work_dir))
        self._staged_folders: set[str] = set()  # made in staging by this process
        self._db = sqlite3.connect(work_dir / RECORD_NAME)
        self._db.executescript(_SCHEMA)
        if "sources" not in {row[1] for row in self._db.execute("PRAGMA table_info(outputs)")}:
            self._db.execute("ALTER TABLE outputs ADD COLUMN sources BLOB")  # an older record
        rows = {row[0]: _Recorded(*row[1:]) for row in self._db.execute("SELECT * FROM outputs")}
        self._folders: dict[str, int] = dict(self._db.execute("SELECT path, mtime FROM folders"))
        self._measured: dict[str, int] = {}  # folder → its modification time as found now
        present = _present(output_dir, rows.keys(), self._folders, self._measured)
        # A file deleted by hand is made again; with `forget`, every file is.
        self._forget = forget
        self._recorded = {} if forget else {p: r for p, r in rows.items() if p in present}
        self._missing = rows.keys() - present  # recorded, since deleted by hand
        self._strays = present - self._recorded.keys()  # in output/, not from a build
        self._sorted_paths: list[str] | None = None  # of _recorded, when first needed
        self._name_lists = {
            row_id: tuple(json.loads(names))
            for row_id, names in self._db.execute("SELECT id, names FROM name_lists")
        }
        self._name_ids = {names: row_id for row_id, names in self._name_lists.items()}
        self._made: dict[str, Made] = {}
        self._kept: set[str] = set()
        self._sources: _Sources | None = None  # this build's, once noted

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._db.close()

    # What the last build recorded

    def is_fresh(self, path: str, key: str) -> bool:
        """True when output/ holds `path` made from inputs with this key."""
        recorded = self._recorded.get(path)
        return recorded is not None and bool(key) and recorded.key == key

    def dependencies(self, path: str) -> Dependencies | None:
        recorded = self._recorded.get(path)
        if recorded is None or recorded.names is None:
            return None
        calls = tuple(tuple(c) for c in json.loads(recorded.calls or "[]"))
        return Dependencies(self._name_lists[recorded.names], calls)

    def note_sources(self, stamps: dict[str, str], layout: str) -> dict[str, int]:
        """This build's content files (path → stamp) and the signature of the layout of the
        site they make (which lists there are and what is on them: see site/layout.py).
        Returns each file's id, for the records of the pages that read it. When the layout
        is the last build's, a page is `untouched` unless it read a file whose stamp
        changed."""
        ids: dict[str, int] = {}
        old: dict[str, str] = {}
        for row_id, path, stamp in self._db.execute("SELECT id, path, stamp FROM sources"):
            ids[path], old[path] = row_id, stamp
        last = self._db.execute("SELECT signature FROM layout").fetchone()
        (sequence,) = self._db.execute(
            "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'sources'"
        ).fetchone()
        changed = frozenset(ids[path] for path, stamp in old.items() if stamps.get(path) != stamp)
        known = {path: ids[path] for path in stamps if path in ids}
        for path in sorted(stamps.keys() - known.keys()):
            sequence += 1
            known[path] = sequence
        same_layout = not self._forget and last is not None and last[0] == layout
        self._sources = _Sources(stamps, known, old, layout, changed if same_layout else None)
        return known

    def untouched(self, path: str) -> bool:
        """True when `path` is a page recorded with the content files it read, the layout is
        the last build's and none of those files changed: it would come out the same."""
        changed = self.changed_sources()
        recorded = self._recorded.get(path)
        if changed is None or recorded is None or recorded.sources is None:
            return False
        read = array("I")
        read.frombytes(recorded.sources)
        return changed.isdisjoint(read)

    def unchanged_sources(self, ids: Iterable[int | None]) -> bool:
        """True when the layout is the last build's and none of these files changed (None:
        a file with no id, which is never taken as unchanged)."""
        changed = self.changed_sources()
        if changed is None:
            return False
        found = set(ids)
        return None not in found and changed.isdisjoint(found)

    def recorded_digest(self, path: str) -> str | None:
        recorded = self._recorded.get(path)
        return recorded.digest if recorded else None

    def recorded_key(self, path: str) -> str | None:
        recorded = self._recorded.get(path)
        return recorded.key if recorded else None

    # What this build produces

    def keep(self, path: str) -> None:
        """`path` is produced by this build, unchanged: output/ already holds it."""
        self._kept.add(path)

    def keep_folder(self, folder: str, but: Collection[str] = ()) -> None:
        """Every recorded file under `folder` ('pagefind/2026-11/') is kept, `but` those."""
        if self._sorted_paths is None:  # sorted once: a folder's files are then one slice
            self._sorted_paths = sorted(self._recorded)
        first = bisect.bisect_left(self._sorted_paths, folder)
        last = bisect.bisect_left(self._sorted_paths, folder[:-1] + chr(ord(folder[-1]) + 1))
        self._kept.update(p for p in self._sorted_paths[first:last] if p not in but)

    def missing_under(self, folder: str) -> bool:
        """True when a file the last build recorded under `folder` ('feeds/') is gone."""
        return any(path.startswith(folder) for path in self._missing)

    def changed_sources(self) -> frozenset[int] | None:
        """The ids of the content files that changed since the last build, when the layout
        is the same (else None)."""
        return self._sources.changed if self._sources else None

    def stage(self, path: str, data: bytes) -> tuple[str, bool]:
        """Put `data` in the staging folder unless output/ already holds these bytes.
        Returns (digest, staged). Safe to call in a forked worker process."""
        digest = digest_of(data)
        if digest == self.recorded_digest(path) or (
            path in self._strays and _same_file(self.output_dir / path, data)
        ):
            return digest, False
        # Plain strings and os calls: on tens of thousands of files pathlib's objects, a
        # mkdir per file and buffered writes cost more than the writing itself.
        folder, _, _ = path.rpartition("/")
        if folder not in self._staged_folders:
            os.makedirs(f"{self.staging}/{folder}", exist_ok=True)
            self._staged_folders.add(folder)
        _write_new(f"{self.staging}/{path}", data)
        return digest, True

    def write(
        self, path: str, data: bytes, key: str = "", dependencies: Dependencies | None = None
    ) -> None:
        digest, staged = self.stage(path, data)
        self.add(Made.of(path, digest, key, dependencies, staged))

    def add(self, made: Made) -> None:
        if made.path in self._made or made.path in self._kept:
            raise ValueError(f"{made.path}: written twice in one build")
        self._made[made.path] = made

    def adopt_staged(self) -> None:
        """Record the files that something else (Pelican's static files, Pagefind) put into
        the staging folder, dropping those output/ already holds byte for byte."""
        for path in sorted(set(_files_under(self.staging)) - self._made.keys()):
            source = self.staging / path
            data = source.read_bytes()
            digest = digest_of(data)
            same = digest == self.recorded_digest(path) or (
                path in self._strays and _same_file(self.output_dir / path, data)
            )
            if same:
                source.unlink()
            self.add(Made(path, digest, "", None, None, not same))

    @property
    def produced(self) -> set[str]:
        return self._made.keys() | self._kept

    def publish(self) -> tuple[int, int]:
        """Move staged files into output/, remove what this build did not produce, and
        record the build. Returns (files written, files removed)."""
        self.adopt_staged()
        gone = sorted((self._recorded.keys() | self._strays) - self.produced)
        for path in gone:
            (self.output_dir / path).unlink(missing_ok=True)
        _remove_empty_folders(self.output_dir, {str(Path(p).parent) for p in gone})
        staged = sorted(m.path for m in self._made.values() if m.staged)
        self._move_in(staged)
        self._staged_folders.clear()  # moved into output/ with what they held
        self._commit(gone, _ancestors([*staged, *gone]))
        return len(staged), len(gone)

    def _move_in(self, staged: list[str]) -> None:
        """Rename staged files into output/. A folder output/ lacks moves in whole, with one
        rename: a first build, a new topic or a new month costs no rename per file (a
        rename costs ten times the write of a small file on ext4)."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        exists: dict[str, bool] = {}
        moved: set[str] = set()
        for path in staged:
            parts = path.split("/")
            folders = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
            if any(folder in moved for folder in folders):
                continue
            new = next((f for f in folders if not self._folder_exists(f, exists)), None)
            if new is not None:
                os.replace(self.staging / new, self.output_dir / new)
                moved.add(new)
                continue
            destination = self.output_dir / path
            if destination.is_dir():
                shutil.rmtree(destination)
            os.replace(self.staging / path, destination)

    def _folder_exists(self, folder: str, known: dict[str, bool]) -> bool:
        if folder not in known:
            known[folder] = (self.output_dir / folder).is_dir()
        return known[folder]

    def _commit(self, gone: Iterable[str], touched: set[str]) -> None:
        """Record the build. Only folders this publish `touched` (files or folders added
        to or removed from them) can have a new modification time; the others keep the
        one measured when the build began."""
        mtimes = {}
        for folder in {posixpath.dirname(p) for p in self.produced}:
            known = self._measured.get(folder)
            mtime = known if known is not None and folder not in touched else None
            if mtime := mtime or _mtime(self.output_dir, folder):
                mtimes[folder] = mtime
        with self._db:
            self._db.executemany("DELETE FROM outputs WHERE path = ?", ((p,) for p in gone))
            self._db.executemany(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?)",
                (self._row(m) for m in self._made.values() if self._changed(m)),
            )
            self._db.executemany(
                "DELETE FROM folders WHERE path = ?",
                ((f,) for f in sorted(self._folders.keys() - mtimes.keys())),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO folders VALUES (?, ?)",
                sorted((f, m) for f, m in mtimes.items() if self._folders.get(f) != m),
            )
            self._commit_sources()

    def _commit_sources(self) -> None:
        """Record this build's content files and layout; a build that noted none leaves no
        layout, so that the next one checks every page."""
        sources = self._sources
        if sources is None:
            self._db.execute("DELETE FROM layout")
            return
        gone = sorted(sources.recorded.keys() - sources.stamps.keys())
        self._db.executemany("DELETE FROM sources WHERE path = ?", ((p,) for p in gone))
        self._db.executemany(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?)",
            (
                (sources.ids[path], path, stamp)
                for path, stamp in sorted(sources.stamps.items())
                if sources.recorded.get(path) != stamp
            ),
        )
        self._db.execute("INSERT OR REPLACE INTO layout VALUES (0, ?)", (sources.layout,))

    def _changed(self, made: Made) -> bool:
        recorded = self._recorded.get(made.path)
        return recorded is None or (recorded.digest, recorded.key, recorded.sources) != (
            made.digest,
            made.key,
            made.sources,
        )

    def _row(self, made: Made) -> tuple[str, str, str, int | None, str | None, bytes | None]:
        names = made.names
        if names is None:
            return made.path, made.digest, made.key, None, None, None
        if names not in self._name_ids:
            cursor = self._db.execute(
                "INSERT INTO name_lists (names) VALUES (?)", (json.dumps(names),)
            )
            self._name_ids[names] = int(cursor.lastrowid or 0)
        return made.path, made.digest, made.key, self._name_ids[names], made.calls, made.sources


@dataclass(frozen=True)
class _Sources:
    """A build's content files, and what changed in them since the last build."""

    stamps: dict[str, str]  # path → stamp, now
    ids: dict[str, int]  # path → id, now
    recorded: dict[str, str]  # path → stamp, at the last build
    layout: str
    changed: frozenset[int] | None  # ids whose stamps changed; None: another layout


def output_holds_record(output_dir: Path, work_dir: Path) -> bool:
    """True when no file was added to or removed from output/'s folders since the last
    build recorded them (a stat per folder, no listing)."""
    try:
        with sqlite3.connect(f"file:{work_dir / RECORD_NAME}?mode=ro", uri=True) as db:
            folders = db.execute("SELECT path, mtime FROM folders").fetchall()
    except sqlite3.Error:
        return False
    return bool(folders) and all(_mtime(output_dir, f) == mtime for f, mtime in folders)


def _present(
    output_dir: Path, recorded: Iterable[str], folders: dict[str, int], measured: dict[str, int]
) -> set[str]:
    """The files output/ holds. A folder whose modification time is the one recorded holds
    the recorded files (no stat or listing of each file: 0.7 s of a 10,000-article no-op
    build went to walking output/); any other folder is listed. Without a record of the
    folders (a first build), output/ is walked. The times found go into `measured`."""
    if not folders:
        return set(_files_under(output_dir))
    by_folder: dict[str, list[str]] = {}
    for path in recorded:
        by_folder.setdefault(path.rpartition("/")[0], []).append(path)
    present: set[str] = set()
    for folder, paths in by_folder.items():
        mtime = folders.get(folder)
        measured[folder] = _mtime(output_dir, folder)
        if mtime is not None and mtime == measured[folder]:
            present.update(paths)
        else:
            present.update(_listed(output_dir, folder))
    return present


def _ancestors(paths: Iterable[str]) -> set[str]:
    """Every folder above each path ('a/b/c.html' → 'a/b', 'a', '')."""
    found: set[str] = set()
    for path in paths:
        folder = posixpath.dirname(path)
        while folder not in found:
            found.add(folder)
            if not folder:
                break
            folder = posixpath.dirname(folder)
    return found


def _mtime(root: Path, folder: str) -> int:
    try:
        return os.stat(f"{root}/{folder}").st_mtime_ns
    except OSError:
        return 0


def _listed(root: Path, folder: str) -> Iterator[str]:
    try:
        with os.scandir(root / folder) as entries:
            for entry in entries:
                if entry.is_file():
                    yield posixpath.join(folder, entry.name) if folder else entry.name
    except OSError:
        return


def _files_under(folder: Path) -> Iterator[str]:
    """Relative paths (forward slashes) of every file under `folder`."""
    if not folder.is_dir():
        return
    prefix = len(str(folder)) + 1
    for root, _dirs, files in os.walk(folder):
        for name in files:
            yield os.path.join(root, name)[prefix:].replace(os.sep, "/")


def _write_new(path: str, data: bytes) -> None:
    """No fsync: publish's renames are what make files visible."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _same_file(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _remove_empty_folders(root: Path, folders: set[str]) -> None:
    """Remove folders left empty by removed files, deepest first, up to `root`."""
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        path = root / folder
        while path != root and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            path = path.parent
