"""Atomic file writes: a reader (or a crash) never sees a half-written file."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write `data` to `path` through a temporary file and a rename. Returns False, touching
    nothing, when the file already holds exactly these bytes."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def write_staged(path: Path, data: bytes) -> None:
    """Write into a staging folder: no temporary file or fsync, since an interrupted build
    leaves its staging folder behind and `publish` is what makes files visible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def publish(staging: Path, target: Path) -> tuple[int, int]:
    """Make `target` hold exactly the files of `staging`, one atomic rename per changed file.

    Files whose bytes are unchanged are left alone (their modification times too, so a deploy
    uploads only what changed). Returns (files replaced, files removed)."""
    target.mkdir(parents=True, exist_ok=True)
    replaced = 0
    wanted: set[Path] = set()
    for source in sorted(p for p in staging.rglob("*") if p.is_file()):
        relative = source.relative_to(staging)
        wanted.add(relative)
        destination = target / relative
        if destination.is_file() and _same_bytes(source, destination):
            continue
        if destination.is_dir():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, destination)
        replaced += 1
    removed = 0
    for existing in sorted(target.rglob("*"), reverse=True):
        relative = existing.relative_to(target)
        if existing.is_file() and relative not in wanted:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return replaced, removed


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()
