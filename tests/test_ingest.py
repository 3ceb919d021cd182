import os
from pathlib import Path

import pytest

from generator.content import read_content_file
from generator.ingest import ingest

from .conftest import EPOCH, articles_in, config_of, write_seed

PLAIN = "Ministers met on Monday to agree the budget for next year.\nIt passed by one vote.\n"


def run(site: Path):
    return ingest(config_of(site))


def meta(path: Path) -> dict[str, str]:
    return read_content_file(path).meta


def test_a_seed_becomes_one_content_file_under_its_section(site: Path) -> None:
    write_seed(site, "budget.txt", PLAIN)
    report = run(site)
    (path,) = articles_in(site)
    assert report.written == [path]
    assert path.parent.name == "politics"
    assert meta(path)["title"] == "Ministers met to agree budget"
    assert meta(path)["derived"] == "title, summary, date, category, tags, author"
    assert meta(path)["seed"] == "budget.txt"


def test_second_ingest_writes_nothing(site: Path) -> None:
    write_seed(site, "budget.txt", PLAIN)
    write_seed(site, "other.txt", "Ferry returns\n\nThe ferry is back in service today.\n")
    run(site)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in articles_in(site)}
    report = run(site)
    assert report.written == []
    assert sorted(report.unchanged) == sorted(before)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in articles_in(site)} == before


def test_date_comes_from_the_seed_then_the_file_name_then_the_clock(site: Path) -> None:
    write_seed(site, "given.txt", "Title: Given\nDate: 2026-01-02 03:04\n\nText here.\n")
    write_seed(site, "2025-12-24-named.txt", PLAIN)
    write_seed(site, "undated.txt", "The council met today to discuss the harbour.\n")
    run(site)
    dates = {meta(p)["seed"]: meta(p)["date"] for p in articles_in(site)}
    assert dates == {
        "given.txt": "2026-01-02T03:04:00+00:00",
        "2025-12-24-named.txt": "2025-12-24T00:00:00+00:00",
        "undated.txt": "2026-11-18T11:06:40+00:00",  # SOURCE_DATE_EPOCH
    }


def test_naive_dates_are_in_the_site_time_zone(site: Path) -> None:
    (site / "newsdesk.toml").write_text('[site]\ntimezone = "Europe/London"\n')
    write_seed(site, "given.txt", "Title: Given\nDate: 2026-07-01 09:00\n\nText here.\n")
    run(site)
    assert meta(articles_in(site)[0])["date"] == "2026-07-01T09:00:00+01:00"


def test_published_date_survives_an_edited_seed_and_a_later_clock(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = write_seed(site, "undated.txt", "The council met today to discuss the harbour.\n")
    run(site)
    first = meta(articles_in(site)[0])["date"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400 * 30))
    seed.write_text("The council met today to discuss the harbour again.\n")
    report = run(site)
    assert len(report.written) == 1
    (path,) = articles_in(site)
    assert meta(path)["date"] == first
    assert meta(path)["title"] == "Council meets to discuss harbour again"


def test_hand_edited_file_is_kept_and_never_overwritten(site: Path) -> None:
    seed = write_seed(site, "budget.txt", PLAIN)
    run(site)
    (path,) = articles_in(site)
    edited = path.read_text().replace("It passed by one vote.", "It passed by two votes.")
    path.write_text(edited)
    seed.write_text(PLAIN + "A new paragraph from the wire.\n")
    report = run(site)
    assert report.kept == [path]
    assert report.written == []
    assert path.read_text() == edited
    seed.unlink()
    assert run(site).removed == []
    assert path.read_text() == edited


def test_hand_written_article_without_a_seed_is_left_alone(site: Path) -> None:
    own = site / "content" / "politics" / "own.md"
    own.parent.mkdir(parents=True)
    own.write_text("Title: Mine\nDate: 2026-01-01\nSlug: budget-passes\n\nMy text.\n")
    write_seed(site, "budget.txt", "Budget passes\n\nIt passed by one vote on Monday.\n")
    run(site)
    assert own.read_text().startswith("Title: Mine")
    slugs = sorted(meta(p)["slug"] for p in articles_in(site))
    assert slugs == ["budget-passes", "budget-passes-2"]


def test_deleting_a_seed_removes_its_generated_article(site: Path) -> None:
    seed = write_seed(site, "budget.txt", PLAIN)
    run(site)
    (path,) = articles_in(site)
    seed.unlink()
    report = run(site)
    assert report.removed == [path]
    assert articles_in(site) == []


def test_a_changed_headline_moves_the_file_and_removes_the_old_one(site: Path) -> None:
    seed = write_seed(site, "s.txt", "Ferry returns\n\nThe ferry is back in service today.\n")
    run(site)
    seed.write_text("Ferry is back\n\nThe ferry is back in service today.\n")
    run(site)
    assert [p.name for p in articles_in(site)] == ["ferry-is-back.md"]


def test_same_headline_twice_gets_unique_slugs(site: Path) -> None:
    write_seed(site, "a.txt", "Budget passes\n\nIt passed by one vote on Monday.\n")
    write_seed(site, "b.txt", "Budget passes\n\nA second report of the same vote.\n")
    run(site)
    assert sorted(meta(p)["slug"] for p in articles_in(site)) == [
        "budget-passes",
        "budget-passes-2",
    ]
    run(site)  # and they stay put
    assert sorted(meta(p)["slug"] for p in articles_in(site)) == [
        "budget-passes",
        "budget-passes-2",
    ]


def test_a_bad_seed_is_reported_and_the_others_still_ingest(site: Path) -> None:
    write_seed(site, "good.txt", PLAIN)
    write_seed(site, "bad.txt", b"\x00\x01binary")
    report = run(site)
    assert [str(e) for e in report.errors] == [
        f"{site / 'seeds' / 'bad.txt'}: binary file, not text (contains NUL bytes)"
    ]
    assert len(report.written) == 1 and not report.ok


def test_a_seed_that_turns_bad_keeps_its_published_article(site: Path) -> None:
    seed = write_seed(site, "good.txt", PLAIN)
    run(site)
    (path,) = articles_in(site)
    seed.write_bytes(b"")
    report = run(site)
    assert len(report.errors) == 1
    assert articles_in(site) == [path]


def test_boilerplate_is_removed_and_reported(site: Path) -> None:
    write_seed(site, "s.txt", PLAIN + "Subscribe to our newsletter for more!\n")
    report = run(site)
    assert report.boilerplate == [("s.txt", "Subscribe to our newsletter for more!")]
    (path,) = articles_in(site)
    assert "Subscribe" not in path.read_text()
    assert meta(path)["boilerplate_removed"] == "1"


def test_a_seed_that_is_only_boilerplate_is_an_error(site: Path) -> None:
    write_seed(site, "promo.txt", "Subscribe to our newsletter!\n")
    report = run(site)
    assert [e.problem for e in report.errors] == ["no article text left after removing boilerplate"]
    assert str(report.errors[0]).startswith(str(site / "seeds" / "promo.txt"))


def test_given_fields_are_kept_as_given(site: Path) -> None:
    write_seed(
        site,
        "s.txt",
        (
            "Title: Rail app shows where the empty seats are\nAuthor: Sam Okonjo\n"
            "Category: technology\nTags: Lowland Rail, Apps\nSummary: Sensors count people.\n\n"
            "Passengers can now see how full each carriage is.\n"
        ),
    )
    run(site)
    record = meta(articles_in(site)[0])
    assert record["title"] == "Rail app shows where the empty seats are"
    assert (record["authors"], record["category"]) == ("Sam Okonjo", "Technology")
    assert (record["tags"], record["summary"]) == ("Lowland Rail, Apps", "Sensors count people.")
    assert record["derived"] == "date"


def test_interrupted_write_leaves_no_partial_content_file(site: Path) -> None:
    write_seed(site, "s.txt", PLAIN)
    run(site)
    (path,) = articles_in(site)
    # A temporary file from a write that was killed is not an article and is not read.
    (path.parent / f".{path.name}.abc.tmp").write_text("Title: half")
    assert run(site).written == []
    assert articles_in(site) == [path]
    assert sorted(os.listdir(path.parent)) == [f".{path.name}.abc.tmp", path.name]


def test_a_renamed_seed_keeps_its_date_and_address(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = write_seed(site, "a.txt", "Budget passes\n\nIt passed by one vote on Monday.\n")
    write_seed(site, "b.txt", "Budget passes\n\nA second report of the same vote.\n")
    run(site)
    before = {meta(p)["slug"]: meta(p)["date"] for p in articles_in(site)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    seed.rename(site / "seeds" / "renamed.txt")
    report = run(site)
    assert report.removed == []
    after = {meta(p)["slug"]: (meta(p)["date"], meta(p)["seed"]) for p in articles_in(site)}
    assert after == {
        "budget-passes": (before["budget-passes"], "renamed.txt"),
        "budget-passes-2": (before["budget-passes-2"], "b.txt"),
    }


def test_a_seed_never_takes_the_address_of_a_hand_written_article(site: Path) -> None:
    own = site / "content" / "world" / "my-note.md"
    own.parent.mkdir(parents=True)
    own.write_text("Title: Council approves budget\nDate: 2026-11-01\n\nMy text.\n")
    write_seed(site, "s.txt", "Council approves budget\n\nThe vote was close.\n")
    run(site)
    assert [meta(p)["slug"] for p in articles_in(site) if p != own] == ["council-approves-budget-2"]


def test_several_authors_and_tags_without_letters(site: Path) -> None:
    write_seed(
        site,
        "s.txt",
        (
            "Title: Joint report\nAuthor: Jane Doe, John Smith\n"
            "Tags: !!!, ???, Harbour, harbour\n\n"
            "The harbour reopened.\n"
        ),
    )
    run(site)
    record = meta(articles_in(site)[0])
    assert (record["authors"], record["tags"]) == ("Jane Doe, John Smith", "Harbour")


def test_an_unknown_category_is_derived_and_noted(site: Path) -> None:
    write_seed(site, "s.txt", "Category: Opinion\n\nThe striker scored twice in the cup final.\n")
    report = run(site)
    assert report.notes == [
        ("s.txt", "Category 'Opinion' is not a configured section; chose 'Sport'")
    ]
    assert meta(articles_in(site)[0])["derived"] == "title, summary, date, category, tags, author"


def test_derived_sections_are_chosen_with_all_seeds_of_a_run_in_view(site: Path) -> None:
    teams = ["Ayr", "Bury", "Derby", "Exeter", "Fulham", "Hull", "Leeds", "Luton", "Wigan"]
    for n, team in enumerate(teams * 2):
        write_seed(
            site,
            f"match-{n}.txt",
            f"{team} won the league match as the goalkeeper "
            f"and the winger starred for the fans at home, the coach said of game {n}.\n",
        )
    for n, firm in enumerate(teams):
        write_seed(
            site,
            f"firm-{n}.txt",
            f"Shares in {firm} Foods rose after profit beat "
            f"forecasts and investors welcomed the dividend, the company said ({n}).\n",
        )
    # No configured keyword: alone it would go to the first section with confidence 0.
    write_seed(site, "keeper.txt", "Fans cheered the goalkeeper and the winger at home.\n")
    write_seed(site, "given.txt", "Category: Culture\n\nThe goalkeeper won the league match.\n")
    run(site)
    section = {meta(p)["seed"]: p.parent.name for p in articles_in(site)}
    assert section["keeper.txt"] == "sport"
    assert section["given.txt"] == "culture"  # a given Category always wins
    assert {section[f"firm-{n}.txt"] for n in range(len(teams))} == {"business"}
    keeper = next(p for p in articles_in(site) if meta(p)["seed"] == "keeper.txt")
    assert 0 < float(meta(keeper)["section_confidence"]) <= 1
