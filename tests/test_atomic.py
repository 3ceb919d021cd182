"""A build killed at any moment leaves whole files only, and the next build finishes the job."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.atomic import write_atomic

from .conftest import EPOCH, REPO

TOPICS = ["harbour", "budget", "school", "railway", "bakery", "museum", "hospital", "bridge"]


def make_seeds(site: Path, count: int, edition: str) -> None:
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        text = (
            f"The {topic} committee met on Monday to discuss plan {number} ({edition}).\n"
            f"Councillors said the {topic} plan would cost £{number + 1} million.\n"
            f"“We will publish the figures,” said the chair of the {topic} board.\n"
        )
        (site / "seeds" / f"seed-{number:03}.txt").write_text(text, encoding="utf-8")


def run_build(site: Path) -> subprocess.Popen:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "--site", str(site), "build"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(site: Path) -> dict[str, bytes]:
    files = {}
    for folder in ("content", "output"):
        for path in (site / folder).rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp"):
                files[path.relative_to(site).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A site built from edition A, and the files of editions A and B built in full."""
    root = tmp_path_factory.mktemp("atomic")
    before = root / "before"
    (before / "seeds").mkdir(parents=True)
    make_seeds(before, 40, "first edition")
    assert run_build(before).wait() == 0
    after = root / "after"
    shutil.copytree(before, after)
    make_seeds(after, 50, "second edition")
    assert run_build(after).wait() == 0
    return before, snapshot(before), snapshot(after)


@pytest.mark.parametrize("delay", [0.1, 0.25, 0.4, 0.55, 0.7, 0.85])
def test_killed_build_leaves_only_whole_files(editions, tmp_path: Path, delay: float) -> None:
    before, files_a, files_b = editions
    site = tmp_path / "site"
    shutil.copytree(before, site)
    make_seeds(site, 50, "second edition")
    process = run_build(site)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for name, data in snapshot(site).items():
        assert data in (files_a.get(name), files_b.get(name)), name
    assert run_build(site).wait() == 0
    assert snapshot(site) == files_b


def test_write_atomic_skips_identical_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.txt"
    assert write_atomic(path, "one")
    stamp = path.stat().st_mtime_ns
    assert not write_atomic(path, "one")
    assert path.stat().st_mtime_ns == stamp
    assert write_atomic(path, b"two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["b.txt"]


def test_changes_leave_what_writing_and_removing_in_turn_would(tmp_path: Path) -> None:
    from generator.atomic import Changes

    kept, moved, gone = tmp_path / "kept.md", tmp_path / "moved.md", tmp_path / "gone.md"
    kept.write_text("same")
    moved.write_text("old")
    gone.write_text("bye")
    changes = Changes()
    assert not changes.write(kept, "same")  # the bytes it holds: not written
    assert changes.write(tmp_path / "new" / "a.md", "A")
    assert not changes.write(tmp_path / "new" / "a.md", "A")
    changes.remove(moved)
    assert changes.write(moved, "old")  # removed first, so written again
    assert changes.write(gone, "later")
    changes.remove(gone)
    # Before commit every target is as it was; what is planned waits in hidden files.
    assert (kept.read_text(), moved.read_text(), gone.read_text()) == ("same", "old", "bye")
    assert not (tmp_path / "new" / "a.md").exists()
    assert all(p.name.startswith(".") for p in (tmp_path / "new").iterdir())
    written = changes.commit()
    assert sorted(p.name for p in written) == ["a.md", "moved.md"]
    assert (kept.read_text(), moved.read_text(), (tmp_path / "new" / "a.md").read_text()) == (
        "same",
        "old",
        "A",
    )
    assert not gone.exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md", "kept.md", "moved.md", "new"]


def test_changes_given_up_leave_the_files_and_no_temporary_behind(tmp_path: Path) -> None:
    from generator.atomic import Changes

    kept = tmp_path / "kept.md"
    kept.write_text("old")
    with pytest.raises(RuntimeError), Changes() as changes:
        changes.write(kept, "new")
        changes.write(tmp_path / "a.md", "A")
        changes.remove(kept)
        changes.write(kept, "newer")
        raise RuntimeError("the run fails before commit")
    assert [p.name for p in tmp_path.iterdir()] == ["kept.md"]
    assert kept.read_text() == "old"


def test_many_files_are_made_durable_with_one_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import atomic

    calls: list[str] = []
    monkeypatch.setattr(atomic.os, "sync", lambda: calls.append("sync"))
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: calls.append("fsync"))
    atomic.write_all({tmp_path / f"{n}.md": b"x" for n in range(atomic.FEW_FILES + 1)})
    expected = ["sync"] if sys.platform == "linux" else ["fsync"] * (atomic.FEW_FILES + 1)
    assert calls == expected
    calls.clear()
    atomic.write_all({tmp_path / "one.md": b"y"})
    assert calls == ["fsync"]
    assert len(list(tmp_path.iterdir())) == atomic.FEW_FILES + 2  # no temporary file left


def test_a_failed_batch_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import atomic

    (tmp_path / "a.md").write_text("before")

    def broken(source: str, target: Path) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError):
        atomic.write_all({tmp_path / "a.md": b"after", tmp_path / "b.md": b"new"})
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
    assert (tmp_path / "a.md").read_text() == "before"
