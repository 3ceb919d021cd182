"""Skip the site build when nothing it reads has changed since the last clean build.

The fingerprint covers every input of the site build after ingest: content/ (articles, pages,
newsletter notes and ledger), the site's own theme, newsdesk.toml, newsdesk's code and
built-in theme, and the versions of the libraries that render. Files are fingerprinted by
path, size and modification time, which costs a stat each; content files are only ever
replaced whole, so a change always moves the modification time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .atomic import write_atomic
from .config import CONFIG_NAME, Config
from .themes import builtin_theme_dir

MANIFEST_NAME = "manifest.json"
_RENDERERS = ("pelican", "jinja2", "markdown", "feedgen", "nh3", "css-inline", "pagefind")
_PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Manifest:
    fingerprint: str
    articles: int
    issues: int
    valid_until: str | None  # when the output changes by itself (the news sitemap's window)

    def still_valid(self, moment: datetime) -> bool:
        return self.valid_until is None or moment < datetime.fromisoformat(self.valid_until)


class SiteInputs:
    """Everything the site build reads, as found once when it starts: `fingerprint` is of
    that. A file the build writes itself (the newsletter ledger) is looked at again with
    `restat`; walking content/ again would cost a stat per file, and would take an edit
    made while the build ran for one it built."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._content = {path: (size, mtime) for path, size, mtime in _stats(config.content_dir)}

    def restat(self, path: Path) -> None:
        try:
            info = os.stat(path)
        except OSError:
            self._content.pop(str(path), None)
            return
        self._content[str(path)] = (info.st_size, info.st_mtime_ns)

    def fingerprint(self) -> str:
        rows = [(path, *stat) for path, stat in sorted(self._content.items())]
        return _fingerprint(self._config, rows)


def global_key(config: Config) -> bytes:
    """Of what every page depends on: the config, the themes, newsdesk's code and the
    renderers' versions (not content/, which pages depend on one file at a time)."""
    return bytes.fromhex(_fingerprint(config, []))


def _fingerprint(config: Config, content: list[tuple[str, int, int]]) -> str:
    digest = hashlib.sha256()
    config_file = config.root / CONFIG_NAME
    digest.update(config_file.read_bytes() if config_file.exists() else b"")
    for name in _RENDERERS:
        try:
            digest.update(f"{name}={version(name)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=?\n".encode())
    folders = [_PACKAGE, builtin_theme_dir()]
    if config.theme_dir:
        folders.append(config.theme_dir)
    for path, size, mtime in content + [row for folder in folders for row in _stats(folder)]:
        digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def _stats(folder: Path) -> list[tuple[str, int, int]]:
    rows = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            info = os.stat(os.path.join(root, name))
            rows.append((os.path.join(root, name), info.st_size, info.st_mtime_ns))
    return rows


def read_manifest(config: Config) -> Manifest | None:
    path = config.work_dir / MANIFEST_NAME
    try:
        return Manifest(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def write_manifest(config: Config, manifest: Manifest | None) -> None:
    path = config.work_dir / MANIFEST_NAME
    if manifest is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, json.dumps(asdict(manifest), indent=1) + "\n")
