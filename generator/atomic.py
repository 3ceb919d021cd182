"""Atomic file writes: a reader (or a crash) never sees a half-written file."""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

# Up to this many files are flushed to disk one by one; more, with one sync of everything
# (one sync of 10,000 small files takes a tenth of the time of 10,000 fsyncs).
FEW_FILES = 16


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write `data` to `path` through a temporary file and a rename. Returns False, touching
    nothing, when the file already holds exactly these bytes."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _holds(path, payload):
        return False
    write_all({path: payload})
    return True


def write_all(files: Mapping[Path, bytes]) -> None:
    """Write each file as `write_atomic` does, but flush them to disk together: first every
    temporary file is written, then all are made durable, then each is renamed over its
    target. A crash at any point leaves each target as it was or whole, never half-written
    (at worst a hidden '.NAME.*.tmp' file stays behind, which no reader takes for a file)."""
    with Changes() as changes:
        for path, payload in files.items():
            changes._stage(path, payload)
        changes.commit()


def _holds(path: Path, payload: bytes) -> bool:
    try:
        return path.read_bytes() == payload
    except OSError:
        return False


def _write_temporary(path: Path, payload: bytes) -> str:
    """A new hidden file beside `path` holding `payload` (made durable by `Changes.commit`)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


class Changes:
    """File writes and removals, made on disk together by `commit`: what writing each with
    `write_atomic` and removing each in turn would leave, with one flush to disk for all.

    Each write goes at once into a hidden temporary file beside its target, so that
    thousands of planned files wait on disk rather than in memory; the targets themselves
    change only in `commit`. Used as a context manager, a run that fails before `commit`
    leaves no temporary file behind."""

    def __init__(self) -> None:
        # path → (sha256 of its planned bytes, temporary file), or None: removed
        self._final: dict[Path, tuple[bytes, str] | None] = {}
        self._folders: set[Path] = set()

    def __enter__(self) -> Changes:
        return self

    def __exit__(self, *_exception: object) -> None:
        self.discard()

    def write(self, path: Path, data: bytes | str) -> bool:
        """Returns False, as `write_atomic` does, when the file would keep its bytes."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        digest = hashlib.sha256(payload).digest()
        planned = self._final.get(path)
        if planned is not None and planned[0] == digest:
            return False
        if path not in self._final and _holds(path, payload):
            return False
        self._stage(path, payload, digest)
        return True

    def _stage(self, path: Path, payload: bytes, digest: bytes | None = None) -> None:
        """Put `payload` in a new temporary file for `path`, replacing any planned before."""
        self._forget(path)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        digest = digest or hashlib.sha256(payload).digest()
        self._final[path] = (digest, _write_temporary(path, payload))

    def remove(self, path: Path) -> None:
        self._forget(path)
        self._final[path] = None

    def commit(self) -> set[Path]:
        """Write and remove; returns the files written."""
        temporaries = {path: p[1] for path, p in self._final.items() if p is not None}
        # Linux's sync() returns once everything is on disk; elsewhere it may return earlier.
        if len(temporaries) > FEW_FILES and sys.platform == "linux":
            os.sync()
        else:
            for temporary in temporaries.values():
                _flush(temporary)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
        for path in self._final.keys() - temporaries.keys():
            path.unlink(missing_ok=True)
        self._final = {}
        return set(temporaries)

    def discard(self) -> None:
        """Forget every planned change, removing the temporary files."""
        for path in list(self._final):
            self._forget(path)
        self._final = {}

    def _forget(self, path: Path) -> None:
        planned = self._final.pop(path, None)
        if planned is not None:
            Path(planned[1]).unlink(missing_ok=True)


def _flush(temporary: str) -> None:
    fd = os.open(temporary, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
