"""output/ and its record: only changed bytes are written, kept files are not touched, what a
build no longer produces is removed, and nothing is published from a failed build."""

import pickle
import sqlite3
from pathlib import Path

import pytest

from generator.outputs import Dependencies, Made, Outputs, output_holds_record, pack_sources


def files_in(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()
    }


def build(tmp_path: Path, files: dict[str, str], keys: dict[str, str] | None = None) -> tuple:
    keys = keys or {}
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        for path, text in files.items():
            outputs.write(path, text.encode(), key=keys.get(path, ""))
        return outputs.publish()


def test_publish_writes_changes_and_removes_what_is_gone(tmp_path: Path) -> None:
    build(tmp_path, {"same.html": "x", "old/gone.html": "old"})
    stamp = (tmp_path / "output" / "same.html").stat().st_mtime_ns
    assert build(tmp_path, {"same.html": "x", "new/page.html": "new"}) == (1, 1)
    assert files_in(tmp_path / "output") == {"same.html": "x", "new/page.html": "new"}
    assert (tmp_path / "output" / "same.html").stat().st_mtime_ns == stamp
    assert not (tmp_path / "output" / "old").exists()  # emptied folders go too


def test_files_left_by_an_older_build_are_compared_byte_for_byte(tmp_path: Path) -> None:
    output = tmp_path / "output"
    output.mkdir()
    (output / "page.html").write_text("same")
    (output / "stray.html").write_text("not made by this build")
    stamp = (output / "page.html").stat().st_mtime_ns
    assert build(tmp_path, {"page.html": "same"}) == (0, 1)
    assert (output / "page.html").stat().st_mtime_ns == stamp
    assert files_in(output) == {"page.html": "same"}


def test_a_file_with_an_unchanged_key_is_fresh_and_can_be_kept(tmp_path: Path) -> None:
    build(tmp_path, {"a.html": "A"}, {"a.html": "key-1"})
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        assert outputs.is_fresh("a.html", "key-1")
        assert not outputs.is_fresh("a.html", "key-2")
        outputs.keep("a.html")
        assert outputs.publish() == (0, 0)
    assert files_in(tmp_path / "output") == {"a.html": "A"}


def test_a_file_deleted_by_hand_is_not_fresh(tmp_path: Path) -> None:
    build(tmp_path, {"a.html": "A"}, {"a.html": "key-1"})
    (tmp_path / "output" / "a.html").unlink()
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        assert not outputs.is_fresh("a.html", "key-1")


def test_forget_makes_nothing_fresh(tmp_path: Path) -> None:
    build(tmp_path, {"a.html": "A"}, {"a.html": "key-1"})
    with Outputs(tmp_path / "output", tmp_path / "work", forget=True) as outputs:
        assert not outputs.is_fresh("a.html", "key-1")


def test_dependencies_are_recorded_with_the_file(tmp_path: Path) -> None:
    deps = Dependencies(("article", "SITENAME"), (("related", "world/a.md"),))
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        outputs.write("a.html", b"A", key="k", dependencies=deps)
        outputs.write("b.html", b"B", key="k", dependencies=deps)
        outputs.publish()
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        assert outputs.dependencies("a.html") == deps
        assert outputs.dependencies("b.html") == deps


def test_a_failed_build_publishes_nothing(tmp_path: Path) -> None:
    build(tmp_path, {"a.html": "A"})
    with pytest.raises(RuntimeError), Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        outputs.write("a.html", b"changed")
        outputs.write("b.html", b"new")
        raise RuntimeError("template error")
    assert files_in(tmp_path / "output") == {"a.html": "A"}
    assert not list((tmp_path / "work").glob("staging-*"))


def test_one_path_written_twice_is_an_error(tmp_path: Path) -> None:
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        outputs.write("a.html", b"A")
        with pytest.raises(ValueError, match=r"a\.html: written twice"):
            outputs.write("a.html", b"B")


def test_files_put_in_the_staging_folder_by_others_are_published(tmp_path: Path) -> None:
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        (outputs.staging / "theme").mkdir()
        (outputs.staging / "theme" / "site.css").write_text("p {}")
        outputs.publish()
    assert files_in(tmp_path / "output") == {"theme/site.css": "p {}"}


def test_a_file_added_by_hand_to_a_built_folder_is_removed(tmp_path: Path) -> None:
    build(tmp_path, {"news/a.html": "A", "b.html": "B"})
    (tmp_path / "output" / "news" / "stray.html").write_text("by hand")
    assert build(tmp_path, {"news/a.html": "A", "b.html": "B"}) == (0, 1)
    assert files_in(tmp_path / "output") == {"news/a.html": "A", "b.html": "B"}


def test_after_each_publish_the_record_matches_output_folders(tmp_path: Path) -> None:
    """The record of folders' times is what the no-op check trusts: after builds that add,
    change, remove and empty folders, it equals output/ as it is."""
    output, work = tmp_path / "output", tmp_path / "work"
    steps = [
        {"a/b/one.html": "1", "a/two.html": "2", "c/three.html": "3", "top.html": "t"},
        {"a/b/one.html": "1 changed", "a/two.html": "2", "c/three.html": "3", "top.html": "t"},
        {"a/two.html": "2", "c/three.html": "3", "top.html": "t", "d/e/f/new.html": "n"},
        {"a/two.html": "2", "c/three.html": "3", "top.html": "t", "d/e/f/new.html": "n"},
        {"c/three.html": "3", "d/e/g/other.html": "o"},
    ]
    for files in steps:
        build(tmp_path, files)
        assert output_holds_record(output, work), files
    (output / "c" / "by-hand.html").write_text("x")
    assert not output_holds_record(output, work)


def test_keeping_a_folder_keeps_every_file_under_it_and_nothing_beside_it(tmp_path: Path) -> None:
    shard = {"pagefind/2026-11/a.pf": "a", "pagefind/2026-11/deep/b.pf": "b"}
    beside = {"pagefind/2026-110/c.pf": "c", "pagefind/2026-12/d.pf": "d", "pagefind.js": "e"}
    build(tmp_path, shard | beside)
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        outputs.keep_folder("pagefind/2026-11/")
        assert outputs.produced == set(shard)
        assert outputs.publish() == (0, 3)
    assert files_in(tmp_path / "output") == shard


def test_records_from_workers_come_back_whole_and_share_their_name_lists() -> None:
    deps = Dependencies(("article", "SITENAME"), (("related", "world/a.md"),))
    made = Made.of("a.html", "d", "k", deps, staged=True)
    first, second = (pickle.loads(pickle.dumps(made)) for _ in range(2))
    assert first == made
    assert first.calls == '[["related", "world/a.md"]]'
    assert first.names is second.names  # one copy of a list however many pages read it


def build_pages(tmp_path: Path, layout: str, stamps: dict[str, str], read: dict[str, set[str]]):
    """A build of pages, each recorded with the content files it read; returns the pages
    kept untouched."""
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        ids = outputs.note_sources(stamps, layout)
        untouched = {page for page in read if outputs.untouched(page)}
        for page, files in read.items():
            if page in untouched:
                outputs.keep(page)
                continue
            digest, staged = outputs.stage(page, page.encode())
            sources = pack_sources(ids[f] for f in files)
            outputs.add(Made.of(page, digest, "k", Dependencies((), ()), staged, sources))
        outputs.publish()
        return untouched


READ = {"a.html": {"a.md"}, "b.html": {"b.md"}, "list.html": {"a.md", "b.md"}}


def test_with_the_same_layout_only_pages_that_read_a_changed_file_are_looked_at(
    tmp_path: Path,
) -> None:
    assert build_pages(tmp_path, "L", {"a.md": "1", "b.md": "1"}, READ) == set()
    assert build_pages(tmp_path, "L", {"a.md": "2", "b.md": "1"}, READ) == {"b.html"}
    assert build_pages(tmp_path, "L", {"a.md": "2", "b.md": "1"}, READ) == set(READ)


def test_another_layout_has_every_page_looked_at(tmp_path: Path) -> None:
    build_pages(tmp_path, "L", {"a.md": "1", "b.md": "1"}, READ)
    assert build_pages(tmp_path, "M", {"a.md": "1", "b.md": "1"}, READ) == set()
    assert build_pages(tmp_path, "M", {"a.md": "1", "b.md": "1"}, READ) == set(READ)


def test_a_removed_file_counts_as_changed_and_its_id_is_not_given_again(tmp_path: Path) -> None:
    build_pages(tmp_path, "L", {"a.md": "1", "b.md": "1"}, READ)
    assert build_pages(tmp_path, "L", {"b.md": "1"}, {"b.html": {"b.md"}, "a.html": set()}) == {
        "b.html"
    }
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        ids = outputs.note_sources({"b.md": "1", "new.md": "1"}, "L")
    assert ids["new.md"] > max(ids["b.md"], 2)  # a.md had 1 or 2


def test_a_record_from_before_files_were_noted_is_read_and_looks_at_every_page(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    with sqlite3.connect(work / "outputs.sqlite") as db:
        db.execute(
            "CREATE TABLE outputs (path TEXT PRIMARY KEY, digest TEXT NOT NULL, "
            "key TEXT NOT NULL, names INTEGER, calls TEXT)"
        )
        db.execute("INSERT INTO outputs VALUES ('a.html', 'd', 'k', NULL, NULL)")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "a.html").write_text("a")
    with Outputs(tmp_path / "output", work) as outputs:
        outputs.note_sources({"a.md": "1"}, "L")
        assert outputs.is_fresh("a.html", "k") and not outputs.untouched("a.html")


def test_an_untouched_page_claimed_twice_follows_pelicans_rule_for_one_path(tmp_path: Path) -> None:
    from generator.errors import BuildError
    from generator.site.writer import IncrementalWriter

    build_pages(tmp_path, "L", {"a.md": "1"}, {"a.html": {"a.md"}})
    with Outputs(tmp_path / "output", tmp_path / "work") as outputs:
        outputs.note_sources({"a.md": "1"}, "L")
        writer = IncrementalWriter(str(tmp_path / "output"), {})
        writer.outputs = outputs
        assert writer._kept_untouched("a.html", override=False)
        assert writer._kept_untouched("a.html", override=True)  # the override page wins
        with pytest.raises(BuildError, match=r"two pages would be written to a\.html"):
            writer._kept_untouched("a.html", override=True)
