"""Incremental builds: after any sequence of edits, additions and deletions, output/ is byte
for byte what a clean build of the same site gives, and an edit remakes only the pages that
show what changed."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from generator.build import build as build_site_of
from generator.site.layout import layout_signature

from .conftest import config_of, output_files, write_seed

PEOPLE = ["Maria Lopez", "Tom Okafor", "Anna Berg", "Li Wei", "Sam Patel", "Ruth Cole"]
SECTIONS = ["World", "Business", "Sport"]
PLACES = ["Harbourside", "Northgate", "Westmoor", "Eastbridge"]
# Each story gets words of its own, so that no two are taken for the same story told twice.
WORDS = (
    "bridge ferry library school market tram clinic theatre orchard quarry stadium canal "
    "harbour bakery museum railway hospital airport foundry garden brewery dairy mill "
    "festival lighthouse reservoir vineyard workshop observatory cinema gallery pier"
).split()


def seed_text(number: int, extra: str = "") -> str:
    person, other = PEOPLE[number % len(PEOPLE)], PEOPLE[(number * 5 + 1) % len(PEOPLE)]
    place = PLACES[number % len(PLACES)]
    day = 1 + number % 27
    own = [WORDS[(number * k + 3) % len(WORDS)] for k in (1, 7, 11, 13)]
    return (
        f"Title: Story number {number} about {place}\n"
        f"Date: 2026-{10 + number % 2:02}-{day:02} 09:{number % 60:02}\n"
        f"Category: {SECTIONS[number % len(SECTIONS)]}\n\n"
        f"{person} met {other} in {place} on Monday to talk about the {own[0]} and the "
        f"{own[1]}.\n\n"
        f"“The {own[2]} comes first,” {person} said after visiting the {own[3]}.\n\n"
        f"{other} said work on the {own[1]} would start in spring. {extra}\n"
    )


@pytest.fixture
def news_site(site: Path, newsdesk) -> Path:
    for number in range(30):
        write_seed(site, f"story-{number:02}.txt", seed_text(number))
    build(newsdesk, site)
    return site


def build(newsdesk, site: Path) -> str:
    result = newsdesk("--site", str(site), "build")
    assert result.exit_code == 0, result.output
    return result.output


def clean_build(site: Path, tmp_path: Path, newsdesk) -> dict[str, bytes]:
    """The same seeds and content built from nothing, in another folder."""
    copy = tmp_path / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site / "seeds", copy / "seeds")
    shutil.copytree(site / "content", copy / "content")
    build(newsdesk, copy)
    return output_files(copy)


def edit_by_hand(site: Path, pattern: str, old: str, new: str) -> None:
    content = next((site / "content").rglob(pattern))
    content.write_text(content.read_text().replace(old, new))


def mtimes(site: Path) -> dict[str, int]:
    root = site / "output"
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.html")}


STEPS = {
    "edit a seed": lambda site: write_seed(site, "story-03.txt", seed_text(3, "It passed.")),
    "add seeds": lambda site: (
        write_seed(site, "story-30.txt", seed_text(30)),
        write_seed(site, "story-31.txt", seed_text(31, "A second new story.")),
    ),
    "delete a seed": lambda site: (site / "seeds" / "story-07.txt").unlink(),
    "edit a headline by hand": lambda site: edit_by_hand(
        site, "story-number-12-*.md", "Title: Story", "Title: Edited story"
    ),
    "edit a date by hand": lambda site: edit_by_hand(
        site, "story-number-13-*.md", "Date: 2026-11", "Date: 2026-09"
    ),
    "add a tag": lambda site: write_seed(site, "story-05.txt", seed_text(5, "Sam Patel came.")),
    "delete and edit": lambda site: (
        (site / "seeds" / "story-30.txt").unlink(),
        write_seed(site, "story-09.txt", seed_text(9, "Anna Berg left.")),
    ),
}


def test_incremental_builds_equal_a_clean_build(news_site: Path, tmp_path: Path, newsdesk):
    for step, change in STEPS.items():
        change(news_site)
        build(newsdesk, news_site)
        assert output_files(news_site) == clean_build(news_site, tmp_path, newsdesk), step


def test_an_edit_remakes_only_the_pages_that_show_the_story(news_site: Path, newsdesk) -> None:
    site = news_site
    before = mtimes(site)
    write_seed(site, "story-04.txt", seed_text(4, "The budget was approved."))
    output = build(newsdesk, site)
    changed = {path for path, stamp in mtimes(site).items() if before.get(path) != stamp}
    assert "business/story-number-4-about-harbourside/index.html" in changed
    assert "sport/story-number-5-about-northgate/index.html" not in changed
    assert len(changed) < len(before) / 4, sorted(changed)
    made = int(output.split("; ")[1].split(" page")[0])
    assert made < len(before) / 3


def test_a_text_edit_looks_only_at_the_pages_that_read_the_story(news_site: Path) -> None:
    """Same layout (no story added, moved or regrouped): pages that read no changed file are
    kept without fingerprinting their inputs."""
    write_seed(news_site, "story-04.txt", seed_text(4, "The budget was approved."))
    render = build_site_of(config_of(news_site)).site.render
    assert render is not None
    pages = render.rendered + render.kept
    # Looked at: its page, its lists (section, topics, author, month, front pages), the
    # pages that show it as related or as a neighbour, the indexes of all topics, authors
    # and months, and the newsletter's pages (made of Story records: always looked at).
    assert render.rendered < pages - render.untouched < pages / 2, render


def test_pages_of_a_long_list_that_do_not_show_the_story_are_not_looked_at(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.site as site_build

    monkeypatch.setattr("generator.site.settings.PAGE_SIZE", 3)
    for number in range(30):
        write_seed(site, f"story-{number:02}.txt", seed_text(number))
    build_site_of(config_of(site))
    looked_at = []
    is_fresh = site_build.IncrementalWriter.is_fresh
    monkeypatch.setattr(site_build, "cores", lambda: 1)
    monkeypatch.setattr(
        site_build.IncrementalWriter,
        "is_fresh",
        lambda writer, job: looked_at.append(job.path) or is_fresh(writer, job),
    )
    write_seed(site, "story-00.txt", seed_text(0, "The vote was close."))
    build_site_of(config_of(site))
    front = sorted(p for p in looked_at if p == "index.html" or p.startswith("page/"))
    # story 0 is on page 10 (and so read by page 9); the first page reads every story
    assert front == ["index.html", "page/10/index.html", "page/9/index.html"]


def test_a_new_story_changes_the_layout_and_every_page_is_looked_at(news_site: Path) -> None:
    write_seed(news_site, "story-30.txt", seed_text(30))
    render = build_site_of(config_of(news_site)).site.render
    assert render is not None and render.untouched == 0 and render.kept > 0, render


class Article:
    """The fields of a Pelican article that place it in the site."""

    def __init__(self, source: str, **changes: object) -> None:
        self.source_path, self.slug, self.metadata = source, source.removesuffix(".md"), {}
        self.date, self.category, self.tags, self.authors = None, None, [], []
        for name, value in changes.items():
            setattr(self, name, value)


class Term:
    def __init__(self, name: str) -> None:
        self.name, self.slug = name, name.lower()


@pytest.mark.parametrize(
    "change",
    [
        {"slug": "moved"},
        {"category": Term("Sport")},
        {"tags": [Term("Harbour"), Term("Ferry")]},
        {"tags": [Term("harbour")]},  # the same topic, named otherwise
        {"authors": [Term("Ruth Cole")]},
        {"metadata": {"save_as": "elsewhere.html"}},
        {"metadata": {"status": "draft"}},
    ],
    ids=str,
)
def test_what_places_a_story_is_in_the_layout(change: dict[str, object]) -> None:
    story = {"category": Term("World"), "tags": [Term("Harbour")]}
    before = {"articles": [Article("a.md", **story), Article("b.md")]}
    after = {"articles": [Article("a.md", **{**story, **change}), Article("b.md")]}
    assert layout_signature(before, b"k") == layout_signature(
        {"articles": [Article("a.md", **story), Article("b.md")]}, b"k"
    )
    assert layout_signature(before, b"k") != layout_signature(after, b"k")


def test_the_order_of_stories_and_the_global_key_are_in_the_layout() -> None:
    a, b = Article("a.md"), Article("b.md")
    assert layout_signature({"articles": [a, b]}, b"k") != layout_signature(
        {"articles": [b, a]}, b"k"
    )
    assert layout_signature({"articles": [a]}, b"k") != layout_signature({"articles": [a]}, b"j")
    assert layout_signature({"articles": [a]}, b"k") != layout_signature({"pages": [a]}, b"k")


def page_keys(site: Path) -> dict[str, str]:
    """Each recorded output file's key: what it was made from."""
    with sqlite3.connect(site / ".newsdesk" / "outputs.sqlite") as db:
        return dict(db.execute("SELECT path, key FROM outputs"))


def test_an_edit_remakes_its_list_page_and_the_two_beside_it_not_the_whole_list(
    site: Path, newsdesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.site.settings.PAGE_SIZE", 3)
    for number in range(30):
        write_seed(site, f"story-{number:02}.txt", seed_text(number))
    build(newsdesk, site)
    before = page_keys(site)
    front_pages = sorted(p for p in before if p == "index.html" or p.startswith("page/"))
    assert len(front_pages) == 10
    write_seed(site, "story-00.txt", seed_text(0, "The vote was close."))
    build(newsdesk, site)
    after = page_keys(site)
    remade = [p for p in front_pages if after[p] != before[p]]
    # story 0 is the 28th newest of 30: on page 10, whose neighbour is page 9; the front
    # page (index.html) shows the newest stories by section and reads the whole list.
    assert remade == ["index.html", "page/10/index.html", "page/9/index.html"]


def test_a_deleted_story_leaves_every_page_and_feed(news_site: Path, newsdesk) -> None:
    site = news_site
    page = "sport/story-number-8-about-harbourside/index.html"
    assert page in output_files(site)
    (site / "seeds" / "story-08.txt").unlink()
    build(newsdesk, site)
    files = output_files(site)
    assert page not in files
    mentions = [name for name, data in files.items() if b"story-number-8-about" in data]
    assert mentions == [], mentions


def test_a_changed_template_remakes_every_page(news_site: Path, newsdesk) -> None:
    site = news_site
    templates = site / "theme" / "templates"
    templates.mkdir(parents=True)
    base = (Path(__file__).parent.parent / "theme" / "templates" / "base.html").read_text()
    (templates / "base.html").write_text(base.replace("<body>", '<body class="custom">'))
    build(newsdesk, site)
    pages = [p for p in (site / "output").rglob("*.html") if p.name != "404.html"]
    assert pages and all('<body class="custom">' in p.read_text() for p in pages)


def test_a_page_deleted_from_output_is_made_again(news_site: Path, newsdesk) -> None:
    page = news_site / "output" / "business" / "index.html"
    text = page.read_text()
    page.unlink()
    write_seed(news_site, "story-00.txt", seed_text(0, "One more line."))  # not a no-op build
    build(newsdesk, news_site)
    assert page.read_text() == text


def test_pages_made_in_worker_processes_equal_those_made_here(
    news_site: Path, tmp_path: Path, newsdesk, monkeypatch
) -> None:
    """Small sites render in this process; big ones in forked workers. Both must give the
    same bytes and records, so that a later build keeps the same files either way."""
    import generator.site as site

    serial = output_files(news_site)
    copy = tmp_path / "workers"
    shutil.copytree(news_site / "seeds", copy / "seeds")
    shutil.copytree(news_site / "content", copy / "content")
    monkeypatch.setattr(site, "PARALLEL_FROM", 0)
    monkeypatch.setattr(site, "PAGES_PER_TASK", 7)
    monkeypatch.setattr(site, "cores", lambda: 2)
    output = build(newsdesk, copy)
    assert output_files(copy) == serial
    assert "0 kept" in output
    write_seed(copy, "story-03.txt", seed_text(3, "It passed."))
    write_seed(news_site, "story-03.txt", seed_text(3, "It passed."))
    build(newsdesk, news_site)
    assert " 0 pages made" not in build(newsdesk, copy)
    assert output_files(copy) == output_files(news_site)


def test_an_edit_rewrites_its_own_issues_email_and_keeps_the_others(news_site: Path) -> None:
    def emails() -> dict[str, tuple[int, bytes]]:
        found = (news_site / "output" / "newsletter").rglob("*.eml")
        return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in found}

    before = emails()
    text = seed_text(4).replace("to talk about", "to argue about")  # in its dek
    write_seed(news_site, "story-04.txt", text)
    build_site_of(config_of(news_site))
    after = emails()
    changed = [name for name in before if after[name] != before[name]]
    assert len(before) > 1 and len(changed) == 1
    assert b"to argue about" in after[changed[0]][1]


def test_an_edit_keeps_other_feeds_and_makes_one_deleted_by_hand_again(news_site: Path) -> None:
    feeds = news_site / "output" / "feeds"
    sport = next((feeds / "section").glob("sport.*"))
    business = next((feeds / "section").glob("business.*"))
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (sport, business)}
    text = seed_text(4).replace("to talk about", "to argue about")  # a Business story
    write_seed(news_site, "story-04.txt", text)
    build_site_of(config_of(news_site))
    assert (sport.stat().st_mtime_ns, sport.read_bytes()) == before[sport]
    assert b"to argue about" in business.read_bytes()
    sport.unlink()
    write_seed(news_site, "story-04.txt", seed_text(4))
    build_site_of(config_of(news_site))
    assert sport.read_bytes() == before[sport][1]


def test_a_forced_build_makes_every_file_again_and_gives_the_same_output(
    news_site: Path, newsdesk
) -> None:
    before = output_files(news_site)
    result = newsdesk("--site", str(news_site), "build", "--force")
    assert result.exit_code == 0, result.output
    assert " 0 kept" in result.output
    assert output_files(news_site) == before
