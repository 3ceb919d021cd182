"""Shared fixtures: a site folder in a temporary directory, with a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli
from generator.config import Config, load_config

REPO = Path(__file__).resolve().parent.parent
SHARED_SEED = "000_44987d1a5e7ed467.txt"
EPOCH = 1795000000  # Wednesday 2026-11-18 11:06:40 UTC, ISO week 2026-W47
# A long story, for the duplicate checks: its truncated copies are still long enough to test.
LONG = (
    "The electric ferry that links Northgate and the island village of Carrow returned to "
    "service on Wednesday, six months after a battery fault left it tied up in the harbour. "
    "The operator said the vessel had a new battery pack and a retrained crew, and that the "
    "timetable would return to normal by the end of the month. Passengers said the bus that "
    "replaced it had added an hour to every journey to the mainland and back again."
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty site folder with seeds/ and SOURCE_DATE_EPOCH set."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    return root


@pytest.fixture
def demo_site(site: Path) -> Path:
    """A site folder holding a copy of this repository's seeds and pages."""
    shutil.rmtree(site / "seeds")
    shutil.copytree(REPO / "seeds", site / "seeds")
    shutil.copytree(REPO / "content" / "pages", site / "content" / "pages")
    return site


def write_seed(site: Path, name: str, text: str | bytes) -> Path:
    path = site / "seeds" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def config_of(site: Path) -> Config:
    return load_config(site)


@pytest.fixture
def newsdesk() -> Callable[..., Result]:
    """Run the real `newsdesk` command in-process: newsdesk("--site", str(site), "build")."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return run


def articles_in(site: Path) -> list[Path]:
    return sorted(p for p in (site / "content").rglob("*.md") if "pages" not in p.parts)


def output_files(site: Path) -> dict[str, bytes]:
    root = site / "output"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
