"""The ingest cache (.newsdesk/ingest-cache.sqlite) saves work and never changes a result."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from generator import duplicates, ingest, ingestcache, published
from generator.content import read_content_file
from generator.ingestcache import CACHE_NAME, IngestCache, Stamp

from .conftest import LONG, articles_in, config_of, write_seed

STORIES = [
    "The council approved the new harbour wall after a long debate about costs.",
    "A striker scored twice as the home side won the cup final in extra time.",
    "Shares in the bakery chain rose after profits beat the forecasts of analysts.",
    "The orchestra of the village school played its first concert in the capital.",
    "Lowland Rail said its new timetable would add four trains an hour to the coast.",
]
FOOTER = "© 2026 Gazette Media Ltd. Reproduction without permission is not allowed."


def run(site: Path) -> ingest.IngestReport:
    return ingest.ingest(config_of(site))


def cache_path(site: Path) -> Path:
    return site / ".newsdesk" / CACHE_NAME


def contents(site: Path) -> dict[str, bytes]:
    root = site / "content"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def write_stories(site: Path) -> None:
    for n, story in enumerate(STORIES):
        write_seed(site, f"s{n}.txt", f"{story}\nA second paragraph for story {n}.\n{FOOTER}\n")
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")


def test_a_run_leaves_a_cache_and_a_rerun_reads_no_seed_or_article(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_stories(site)
    run(site)
    assert cache_path(site).is_file()
    monkeypatch.setattr(ingest, "read_seeds", fail)
    monkeypatch.setattr(ingestcache, "read_content_file", fail)
    report = run(site)
    assert report.written == [] and len(report.unchanged) == len(STORIES) + 1


def fail(*args: object) -> None:
    raise AssertionError("read although the cache knows it")


def test_one_edit_reads_and_signs_that_seed_only(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "newsdesk.toml").write_text("[ingest]\nworkers = 1\n")  # counted in this process
    write_stories(site)
    run(site)
    read, signed = counting(monkeypatch, ingest, "read_seeds"), counting_signatures(monkeypatch)
    write_seed(site, "s1.txt", f"{STORIES[1]}\nThe coach praised the fans.\n{FOOTER}\n")
    report = run(site)
    assert read == ["s1.txt"]
    assert signed == [1]  # the new article's text, once (its body escapes nothing)
    assert [read_content_file(p).meta["seed"] for p in report.written] == ["s1.txt"]
    assert report.boilerplate == [("s1.txt", FOOTER)]  # repeated across the cached seeds


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    calls: list[str] = []
    original = getattr(module, name)

    def counted(path: Path, seeds_dir: Path) -> object:
        calls.append(path.relative_to(seeds_dir).as_posix())
        return original(path, seeds_dir)

    monkeypatch.setattr(module, name, counted)
    return calls


def counting_signatures(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = duplicates.signatures

    def counted(texts: list[str]) -> list[duplicates.Signature]:
        calls.append(len(texts))
        return original(texts)

    def counted_one(text: str) -> duplicates.Signature:
        return counted([text])[0]

    monkeypatch.setattr(ingest, "signatures", counted)
    monkeypatch.setattr(ingest, "signature", counted_one)
    monkeypatch.setattr(published, "signature", fail)  # no published article signed again
    return calls


@pytest.mark.parametrize(
    "paragraph", ["The coach praised the fans.", "Fans & players sang *loudly* in the rain."]
)
def test_an_article_is_signed_as_its_body_will_be_read(paragraph: str, site: Path) -> None:
    # A worker signs an article's body only when escaping changed it: either way, what the
    # cache records for the body is the signature a later run would work out of the file.
    (site / "newsdesk.toml").write_text("[ingest]\nworkers = 1\n")
    write_seed(site, "s.txt", f"{STORIES[0]}\n{paragraph}\n")
    [path] = run(site).written
    body = read_content_file(path).body
    cache = IngestCache.open(site / ".newsdesk")
    recorded = cache.signature(hashlib.sha256(body.encode()).hexdigest())
    assert recorded == duplicates.signature(body)


def test_a_seed_edited_to_the_same_size_and_time_is_derived_again(site: Path) -> None:
    seed = write_seed(site, "s.txt", "Ferry returns\n\nThe ferry is back in service today.\n")
    run(site)
    before = seed.stat()
    seed.write_text("Ferry returns\n\nThe ferry is back in service later.\n")
    os.utime(seed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert seed.stat().st_size == before.st_size
    report = run(site)
    assert len(report.written) == 1
    assert "in service later." in report.written[0].read_text()


def test_a_hand_edit_of_the_same_size_and_time_is_never_overwritten(site: Path) -> None:
    seed = write_seed(site, "s.txt", "Ferry returns\n\nThe ferry is back in service today.\n")
    run(site)
    (path,) = articles_in(site)
    before = path.stat()
    edited = path.read_text().replace("today", "TODAY")
    path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    seed.write_text("Ferry returns\n\nThe ferry is back in service again today.\n")
    report = run(site)
    assert report.kept == [path] and report.written == []
    assert path.read_text() == edited


def test_deleting_the_cache_gives_the_same_content(tmp_path: Path, site: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(site, twin)
    steps = [
        write_stories,
        lambda s: write_seed(s, "s2.txt", f"{STORIES[2]}\nThe dividend rose.\n{FOOTER}\n"),
        lambda s: write_seed(s, "2026-11-18-ferry-short.txt", LONG[:220] + "\n"),
        lambda s: (s / "seeds" / "s0.txt").unlink(),
        lambda s: (s / "seeds" / "s3.txt").rename(s / "seeds" / "renamed.txt"),
        lambda s: write_seed(s, "s5.txt", f"{STORIES[0]} Again.\nMore.\n{FOOTER}\n"),
    ]
    for step in steps:
        step(site)
        step(twin)
        shutil.rmtree(twin / ".newsdesk", ignore_errors=True)
        assert summary(run(site), site) == summary(run(twin), twin)
        assert contents(site) == contents(twin)


def summary(report: ingest.IngestReport, site: Path) -> list[object]:
    def names(paths: list[Path]) -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in paths)

    return [
        names(report.written),
        names(report.unchanged),
        names(report.removed),
        report.boilerplate,
        report.duplicates,
    ]


def test_a_corrupt_cache_is_ignored_and_made_again(tmp_path: Path, site: Path) -> None:
    write_stories(site)
    run(site)
    expected = contents(site)
    shutil.rmtree(site / "content")
    cache_path(site).write_bytes(b"not a database at all" * 100)
    report = run(site)
    assert len(report.written) == len(expected)
    assert contents(site) == expected
    with sqlite3.connect(cache_path(site)) as db:
        assert db.execute("SELECT count(*) FROM seed_files").fetchone() == (len(STORIES) + 1,)


def test_a_cache_from_another_version_is_ignored(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = write_seed(site, "s.txt", "Ferry returns\n\nThe ferry is back in service today.\n")
    run(site)
    assert IngestCache.open(site / ".newsdesk").seed_sha256(seed)
    monkeypatch.setattr(ingestcache, "fingerprint", lambda: "another version")
    assert IngestCache.open(site / ".newsdesk").seed_sha256(seed) is None
    run(site)
    with sqlite3.connect(cache_path(site)) as db:
        assert db.execute("SELECT value FROM info").fetchone() == ("another version",)


def test_a_wrong_fact_planted_in_another_version_is_never_used(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n, story in enumerate(STORIES[:3]):
        write_seed(site, f"s{n}.txt", f"{story}\n{FOOTER}\n")
    run(site)
    with sqlite3.connect(cache_path(site)) as db:  # every seed's lines said to be the footer
        db.execute("UPDATE line_keys SET keys = ?", (json.dumps(["lead", "footer"]),))
        db.execute("UPDATE info SET value = 'older'")
    write_seed(site, "s3.txt", f"{STORIES[3]}\n{FOOTER}\n")
    assert ("s3.txt", FOOTER) in run(site).boilerplate  # counted from the seeds themselves


def test_the_fingerprint_follows_the_ingest_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = ingestcache.fingerprint()
    monkeypatch.setattr(ingestcache, "INGEST_VERSION", "999")
    assert ingestcache.fingerprint() != before


FOLLOW_UP = (
    "Ferry crews at Northgate voted on Thursday to accept a new pay offer, ending the threat "
    "of strikes over the winter months. The union said members had backed the deal by a wide "
    "margin after talks that lasted most of the autumn, and that the agreement covered the "
    "engineers who maintain the vessels as well as the deck crews. "
    + LONG.split(". ")[0]
    + ". The operator welcomed the vote and said the timetable was safe."
)


def test_verdicts_on_compared_pairs_are_reused(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[int, int]] = []
    original = duplicates._Texts._compare

    def counted(texts: duplicates._Texts, i: int, j: int) -> float:
        compared.append((i, j))
        return original(texts, i, j)

    monkeypatch.setattr(duplicates._Texts, "_compare", counted)
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")
    write_seed(site, "2026-11-18-pay.txt", FOLLOW_UP + "\n")  # shares a sentence: compared
    assert run(site).duplicates == []
    assert compared
    compared.clear()
    write_seed(site, "s.txt", STORIES[0] + " " + STORIES[1] + "\n")
    assert run(site).duplicates == []
    assert compared == []  # the two published stories are not compared again


def test_a_stamp_is_settled_once_the_file_is_older_than_a_few_clock_ticks() -> None:
    change = 1_800_000_000_123_456_789
    assert not Stamp("k", change, change + 1_000_000).settled()
    assert Stamp("k", change, change + ingestcache.SETTLE_NS).settled()
    whole_seconds = 1_800_000_000_000_000_000  # a file system that keeps whole seconds
    assert not Stamp("k", whole_seconds, whole_seconds + ingestcache.SETTLE_NS).settled()


def test_a_file_changed_before_the_cache_is_saved_is_read_again(tmp_path: Path) -> None:
    content = tmp_path / "content" / "world"
    content.mkdir(parents=True)
    path = content / "a.md"
    path.write_text("Title: A\nSeed: a.txt\n\nText.\n")
    cache = IngestCache.open(tmp_path / ".newsdesk")
    (found,) = cache.scan_content(tmp_path / "content")
    path.write_text("Title: B, longer\nSeed: a.txt\n\nText.\n")
    cache.save([])
    (again,) = IngestCache.open(tmp_path / ".newsdesk").scan_content(tmp_path / "content")
    assert (found.meta["title"], again.meta["title"]) == ("A", "B, longer")


def test_the_cached_scan_finds_what_scan_content_finds(demo_site: Path) -> None:
    from generator.content import scan_content

    run(demo_site)
    (demo_site / "content" / "world" / ".hidden.md").write_text("Title: x\n\ny\n")
    (demo_site / "content" / "world" / "mine.md").write_text("Title: Mine\n\nText.\n")
    expected = scan_content(demo_site / "content")
    for _ in range(2):  # read, then from the cache
        cache = IngestCache.open(demo_site / ".newsdesk")
        found = cache.scan_content(demo_site / "content")
        assert [(f.path, f.meta, f.generated) for f in found] == [
            (f.path, f.meta, f.generated) for f in expected
        ]
        assert [cache.body(f) for f in found] == [f.body for f in expected]
        cache.save([])


def test_the_indexes_give_what_a_run_without_cache_gives_through_edits_and_duplicates(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index of published texts (duplicates) and of line keys (repeated lines) are used
    for the runs that change a few seeds, and give what counting everything gives: a twin
    site run without its cache each time has the same report and content."""
    twin = tmp_path / "twin"
    shutil.copytree(site, twin)
    slow_paths: list[str] = []
    for name in ("choose", "repeated_keys"):
        original = getattr(ingest, name)
        monkeypatch.setattr(ingest, name, noting(slow_paths, name, original))
    footer = lambda n: f"{STORIES[n]}\nAnother paragraph, number {n}.\n{FOOTER}\n"  # noqa: E731
    steps = [
        write_stories,
        # A truncated copy, newer: it is kept and the published story is left out.
        lambda s: write_seed(s, "2026-11-18-ferry-short.txt", LONG[:220] + "\n"),
        lambda s: write_seed(s, "s1.txt", f"{STORIES[1]}\nThe coach praised the fans.\n"),
        # The copy goes: the story left out for it is published again.
        lambda s: (s / "seeds" / "2026-11-18-ferry-short.txt").unlink(),
        # The footer is left in two seeds only: no longer a repeated line.
        lambda s: [(s / "seeds" / f"s{n}.txt").unlink() for n in (0, 2)],
        lambda s: write_seed(s, "s3.txt", footer(3)),
        # And in more again.
        lambda s: [write_seed(s, f"t{n}.txt", footer(n)) for n in (0, 1)],
        lambda s: write_seed(s, "s4.txt", footer(4) + "A late line.\n"),
        # An older copy of a published story is left out.
        lambda s: write_seed(s, "2026-11-01-ferry-old.txt", LONG[:240] + "\n"),
    ]
    for number, step in enumerate(steps):
        step(site)
        step(twin)
        shutil.rmtree(twin / ".newsdesk", ignore_errors=True)
        slow_paths.clear()
        report = summary(run(site), site)
        assert slow_paths == ([] if number else ["repeated_keys", "choose"])  # indexes used
        assert report == summary(run(twin), twin)
        assert contents(site) == contents(twin)


def noting(calls: list[str], name: str, function: Any) -> Any:
    def noted(*args: object, **kwargs: object) -> object:
        calls.append(name)
        return function(*args, **kwargs)

    return noted


@pytest.mark.parametrize("table", ["postings", "line_index", "signatures", "line_keys"])
def test_an_index_that_cannot_be_read_gives_the_slow_path_and_the_same_content(
    tmp_path: Path, site: Path, table: str
) -> None:
    twin = tmp_path / "twin"
    write_stories(site)
    write_seed(site, "2026-11-18-ferry-short.txt", LONG[:220] + "\n")
    run(site)
    with sqlite3.connect(cache_path(site)) as db:
        db.execute(f"DROP TABLE {table}")
    shutil.copytree(site, twin)
    shutil.rmtree(twin / ".newsdesk")
    for place in (site, twin):
        write_seed(place, "s2.txt", f"{STORIES[2]}\nThe dividend rose.\n{FOOTER}\n")
        write_seed(place, "2026-11-19-ferry-again.txt", LONG[:200] + "\n")
    assert summary(run(site), site) == summary(run(twin), twin)
    assert contents(site) == contents(twin)
    with sqlite3.connect(cache_path(site)) as db:  # made again, whole
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0


def postings_of(site: Path) -> list[tuple[int, bytes]]:
    with sqlite3.connect(cache_path(site)) as db:
        return sorted(db.execute("SELECT key, text FROM postings"))


def test_postings_written_through_json_are_those_written_row_by_row(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index of signatures goes to SQLite as one JSON array a text where SQLite has JSON
    # functions, else one row at a time: both must store the same rows, made whole (a first
    # run) and added to (a run that signs one more text).
    twin = tmp_path / "twin"
    write_stories(site)
    write_seed(site, "2026-11-18-ferry-short.txt", LONG[:220] + "\n")
    shutil.copytree(site, twin)
    run(site)
    with monkeypatch.context() as patched:
        patched.setattr(ingestcache, "_has_json", lambda db: False)
        run(twin)
    assert postings_of(site) == postings_of(twin) != []
    for place in (site, twin):
        write_seed(place, "s2.txt", f"{STORIES[2]}\nThe dividend rose.\n{FOOTER}\n")
    run(site)
    with monkeypatch.context() as patched:
        patched.setattr(ingestcache, "_has_json", lambda db: False)
        run(twin)
    assert postings_of(site) == postings_of(twin)
    assert any(key < 0 for key, _ in postings_of(site))  # a short text's key of its whole set
