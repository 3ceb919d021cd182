import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

import generator.content
import generator.derive
import generator.ingest
from generator.content import read_content_file
from generator.ingest import ingest

from .conftest import EPOCH, LONG, articles_in, config_of, write_seed

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


def by_seed(site: Path) -> dict[str, dict[str, str]]:
    return {meta(p)["seed"]: meta(p) for p in articles_in(site)}


def test_a_sections_folder_is_a_section_hint(site: Path) -> None:
    write_seed(site, "sport/budget.txt", PLAIN)  # about a budget, filed under sport
    write_seed(site, "inbox/budget.txt", "The minister said the budget passed.\n")  # no section
    run(site)
    record = by_seed(site)
    assert record["sport/budget.txt"]["category"] == "Sport"
    assert "category" not in record["sport/budget.txt"]["derived"]
    assert record["inbox/budget.txt"]["category"] == "Politics"


WIRE = [
    {"id": "1", "title": "Ferry returns", "body": "The ferry is back in service today."},
    {"id": "2", "title": "Budget passes", "body": "The budget passed by one vote on Monday."},
    {"id": "3", "title": "Orchestra plays", "body": "The school orchestra played in Vienna."},
]


def write_wire(site: Path, items: list[dict[str, str]]) -> None:
    write_seed(site, "wire.json", json.dumps(items))


def test_each_item_of_a_json_list_is_an_article_of_its_own(site: Path) -> None:
    write_wire(site, WIRE)
    report = run(site)
    assert len(report.written) == 3
    assert sorted(by_seed(site)) == ["wire.json#1", "wire.json#2", "wire.json#3"]
    edited = [*WIRE[:1], {**WIRE[1], "body": "The budget passed by two votes."}, *WIRE[2:]]
    write_wire(site, edited)
    report = run(site)
    assert [meta(p)["seed"] for p in report.written] == ["wire.json#2"]
    assert len(report.unchanged) == 2


def test_a_hand_edit_of_a_json_item_is_kept_and_a_deleted_item_is_removed(site: Path) -> None:
    write_wire(site, WIRE)
    run(site)
    paths = {meta(p)["seed"]: p for p in articles_in(site)}
    mine = paths["wire.json#1"].read_text().replace("back in service", "running again")
    paths["wire.json#1"].write_text(mine)
    write_wire(site, [{**WIRE[0], "body": "Changed on the wire."}, WIRE[1]])
    report = run(site)
    assert report.kept == [paths["wire.json#1"]]
    assert report.removed == [paths["wire.json#3"]]
    assert paths["wire.json#1"].read_text() == mine


def test_a_json_file_that_turns_bad_keeps_its_articles(site: Path) -> None:
    write_wire(site, WIRE)
    run(site)
    write_seed(site, "wire.json", "[{")
    report = run(site)
    assert len(report.errors) == 1 and report.removed == []
    assert len(articles_in(site)) == 3


def test_markup_in_html_and_json_seeds_never_becomes_markup(site: Path) -> None:
    body = "The &lt;script&gt;alert(1)&lt;/script&gt; tag and [a link](javascript:x) stay text."
    write_seed(site, "page.html", f"<html><body><article><p>{body}</p></article></body></html>")
    write_seed(site, "item.json", json.dumps({"title": "<b>Bold</b> # claim", "text": "A *b* c."}))
    run(site)
    texts = {meta(p)["seed"]: p.read_text() for p in articles_in(site)}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts["page.html"]
    assert "\\[a link\\](javascript:x)" in texts["page.html"]
    # Metadata stays one line of plain text; the theme escapes it like any seed's title.
    assert "\nTitle: <b>Bold</b> # claim\n" in "\n" + texts["item.json"]
    assert "A \\*b\\* c." in texts["item.json"]


def test_dateline_byline_and_credits_become_metadata(site: Path) -> None:
    write_seed(
        site,
        "wire.txt",
        "By Jane Doe\n"
        "GAZA CITY, Nov 18, 2026 (Reuters) - Aid trucks entered the enclave on Tuesday.\n"
        "Officials said more would follow.\n"
        "(Additional reporting by Sam Lee; Editing by Tom Hogue)\n",
    )
    run(site)
    (path,) = articles_in(site)
    record = meta(path)
    assert record["dateline"] == "Gaza City"
    assert record["credit"] == "Reuters; Additional reporting by Sam Lee; Editing by Tom Hogue"
    assert record["authors"] == "Jane Doe"
    assert record["date"] == "2026-11-18T00:00:00+00:00"
    assert "author" not in record["derived"] and "date" not in record["derived"]
    body = path.read_text().split("\n\n", 1)[1]
    assert body.startswith("Aid trucks entered the enclave on Tuesday.")
    assert "Reuters" not in body and "Jane Doe" not in body


def test_a_dateline_date_without_a_year_is_noted_not_used(site: Path) -> None:
    write_seed(site, "wire.txt", "WASHINGTON, Nov 3 (AP) — The Senate voted on the bill.\n")
    report = run(site)
    record = meta(articles_in(site)[0])
    assert record["date"] == "2026-11-18T11:06:40+00:00"  # SOURCE_DATE_EPOCH, not 3 November
    assert report.notes == [
        ("wire.txt", "the dateline gives 'Nov 3' without a year; its date was not used")
    ]


def test_a_given_author_wins_over_the_byline(site: Path) -> None:
    write_seed(site, "s.txt", "Author: Sam Okonjo\n\nBy Jane Doe\n\nThe harbour reopened.\n")
    run(site)
    assert meta(articles_in(site)[0])["authors"] == "Sam Okonjo"


STORIES = [
    "The council approved the new harbour wall after a long debate about costs.",
    "A striker scored twice as the home side won the cup final in extra time.",
    "Shares in the bakery chain rose after profits beat the forecasts of analysts.",
    "The orchestra of the village school played its first concert in the capital.",
]
FOOTER = "© 2026 Gazette Media Ltd. Reproduction without permission is not allowed."


def test_a_footer_repeated_across_seeds_is_removed_and_reported(site: Path) -> None:
    for n, story in enumerate(STORIES):
        write_seed(site, f"s{n}.txt", f"{story}\n{FOOTER}\n")
    report = run(site)
    assert report.boilerplate == [(f"s{n}.txt", FOOTER) for n in range(4)]
    assert all(FOOTER not in p.read_text() for p in articles_in(site))


def test_flag_mode_keeps_boilerplate_and_reports_it(site: Path) -> None:
    (site / "newsdesk.toml").write_text('[ingest]\nboilerplate = "flag"\n')
    for n, story in enumerate(STORIES[:3]):
        write_seed(site, f"s{n}.txt", f"{story}\nFollow us on Instagram for more.\n{FOOTER}\n")
    report = run(site)
    assert report.boilerplate == []
    assert report.flagged[:2] == [
        ("s0.txt", "Follow us on Instagram for more."),
        ("s0.txt", FOOTER),
    ]
    assert len(report.flagged) == 6
    assert all(FOOTER in p.read_text() for p in articles_in(site))


def test_a_truncated_copy_is_left_out_and_the_newest_published(site: Path) -> None:
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")
    write_seed(site, "2026-11-18-ferry-short.txt", LONG[:200] + "\n")
    report = run(site)
    assert report.duplicates == [("2026-11-17-ferry.txt", "2026-11-18-ferry-short.txt")]
    assert list(by_seed(site)) == ["2026-11-18-ferry-short.txt"]
    again = run(site)  # recorded: not derived again, not reported again
    assert (again.written, again.duplicates) == ([], [])
    assert json.loads((site / "content" / "duplicates.json").read_text()) == {
        "2026-11-17-ferry.txt": {
            "sha256": hashlib.sha256((LONG + "\n").encode()).hexdigest(),
            "kept": "2026-11-18-ferry-short.txt",
        }
    }


def test_deleting_the_copy_kept_publishes_the_one_left_out_in_the_same_run(site: Path) -> None:
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")
    write_seed(site, "2026-11-18-ferry-short.txt", LONG[:200] + "\n")
    run(site)
    (site / "seeds" / "2026-11-18-ferry-short.txt").unlink()
    run(site)
    assert list(by_seed(site)) == ["2026-11-17-ferry.txt"]
    assert json.loads((site / "content" / "duplicates.json").read_text()) == {}


@pytest.mark.parametrize(
    ("policy", "published"),
    [
        ("first", ["2026-11-17-ferry.txt"]),
        ("both", ["2026-11-17-ferry.txt", "2026-11-18-update.txt"]),
    ],
)
def test_duplicate_policy_first_or_both(site: Path, policy: str, published: list[str]) -> None:
    (site / "newsdesk.toml").write_text(f'[ingest]\nduplicates = "{policy}"\n')
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")
    run(site)
    write_seed(site, "2026-11-18-update.txt", LONG + "\nThe mayor welcomed the news.\n")
    run(site)
    assert sorted(by_seed(site)) == published


def test_an_update_replaces_the_published_story_and_keeps_its_feed_id(site: Path) -> None:
    write_seed(site, "2026-11-17-ferry.txt", LONG + "\n")
    run(site)
    (old,) = articles_in(site)
    guid = meta(old)["guid"]
    write_seed(site, "2026-11-18-update.txt", LONG + "\nThe mayor welcomed the news.\n")
    report = run(site)
    assert report.duplicates == [("2026-11-17-ferry.txt", "2026-11-18-update.txt")]
    (new,) = articles_in(site)
    assert (meta(new)["seed"], meta(new)["guid"]) == ("2026-11-18-update.txt", guid)


def test_parallel_and_serial_ingest_write_the_same_bytes(tmp_path: Path, site: Path) -> None:
    for n in range(12):
        write_seed(site, f"s{n:02}.txt", f"{STORIES[n % 4]} Report number {n} of {n * 7}.\n")
    write_seed(site, "sport/wire.json", json.dumps(WIRE))
    write_seed(site, "bad.txt", b"\x00")
    outputs = []
    for workers in (1, 2):
        (site / "newsdesk.toml").write_text(f"[ingest]\nworkers = {workers}\n")
        report = run(site)
        assert [e.problem for e in report.errors] == ["binary file, not text (contains NUL bytes)"]
        outputs.append({p.relative_to(site): p.read_bytes() for p in articles_in(site)})
        shutil.rmtree(site / "content")
    # 12 seeds + 3 JSON items, less the two copies of the one story long enough to compare.
    assert outputs[0] == outputs[1] and len(outputs[0]) == 13


def test_an_unchanged_seed_keeps_its_address_when_a_newer_newsdesk_derives_another_headline(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_seed(site, "s.txt", "The ferry is back in service today after six months.\n")
    run(site)
    (before,) = articles_in(site)
    for module in (generator.ingest, generator.content):
        monkeypatch.setattr(module, "INGEST_VERSION", "newer")
    monkeypatch.setattr(generator.derive, "derive_headline", lambda _: ("Ferry back", 0.9))
    run(site)
    (after,) = articles_in(site)
    assert meta(after)["title"] == "Ferry back"
    assert after == before
