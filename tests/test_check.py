"""`newsdesk check` and `newsdesk new`: linting without building, and starting a seed."""

from pathlib import Path

from .conftest import write_seed


def check(newsdesk, site: Path, *options: str):
    return newsdesk("--site", str(site), "check", *options)


def test_a_clean_site_passes(demo_site: Path, newsdesk) -> None:
    result = check(newsdesk, demo_site, "--strict")
    assert result.exit_code == 0
    assert result.output == "check: 0 errors, 0 warnings\n"
    assert not (demo_site / "output").exists() and not (demo_site / "content" / "world").exists()


def test_problems_in_seeds_are_errors_and_doubts_are_warnings(site: Path, newsdesk) -> None:
    write_seed(site, "bad.txt", b"\x00binary")
    write_seed(site, "a.txt", "The club won the cup final on Saturday afternoon.\n")
    write_seed(site, "copy.txt", "The club won the cup final on Saturday  afternoon.\n")
    write_seed(site, "vague.txt", "It was.\n")
    result = check(newsdesk, site)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: seeds/bad.txt: binary file, not text (contains NUL bytes)",
        "warning: seeds/vague.txt: section 'World' was chosen with low confidence (0.00); "
        "give it a Category:",
        "warning: seeds/a.txt, seeds/copy.txt: the same story more than once; "
        "ingest publishes seeds/a.txt",
    ]
    assert result.stdout == "check: 1 error, 2 warnings\n"


def test_warnings_fail_only_with_strict(site: Path, newsdesk) -> None:
    write_seed(site, "vague.txt", "It was.\n")
    assert check(newsdesk, site).exit_code == 0
    assert check(newsdesk, site, "--strict").exit_code == 1


def test_content_problems_are_found(site: Path, newsdesk) -> None:
    world = site / "content" / "world"
    world.mkdir(parents=True)
    (world / "a.md").write_text("Title: Same\nDate: 2026-11-01\nCategory: World\n\nText.\n")
    (world / "b.md").write_text("Title: Same\nDate: 2026-11-02\nCategory: World\n\nText.\n")
    (world / "c.md").write_text(
        "Title: Undated\n\nSee [the mayor](/world/no-such-story/) and "
        "[about]({filename}../pages/missing.md).\n"
    )
    pages = site / "content" / "pages"
    pages.mkdir()
    (pages / "about.md").write_text("Title: About\n\nSee [the archive](/archive/).\n")
    result = check(newsdesk, site)
    assert result.stderr.splitlines() == [
        "error: content/world/c.md: no Date: the site would skip it",
        "error: content/world/a.md, content/world/b.md: all want the address /world/same/",
        "warning: content/world/c.md: link to /world/no-such-story/, which the site does not have",
        "warning: content/world/c.md: link to {filename}../pages/missing.md, which does not exist",
    ]


def test_an_issue_too_big_for_gmail_is_a_warning(site: Path, newsdesk) -> None:
    (site / "newsdesk.toml").write_text("[newsletter]\nmore_after = 500\n")
    for number in range(300):
        write_seed(
            site,
            f"s{number}.txt",
            (
                f"Title: Story {number}\nDate: 2026-11-18\nCategory: Sport\n"
                f"Summary: {'A long summary of the match. ' * 30}\n\nThe club won.\n"
            ),
        )
    assert newsdesk("--site", str(site), "ingest").exit_code == 0
    result = check(newsdesk, site)
    assert "warning: newsletter 2026-W47: the e-mail would pass Gmail's 102 KB limit" in (
        result.stderr
    )


def test_new_creates_a_seed_with_its_header(site: Path, newsdesk) -> None:
    result = newsdesk(
        "--site",
        str(site),
        "new",
        "Council approves harbour budget",
        "--section",
        "Politics",
        "--tags",
        "Harbour, Budget",
    )
    assert result.exit_code == 0
    path = site / "seeds" / "2026-11-18-council-approves-harbour-budget.txt"
    assert result.output == f"created {path.relative_to(site)}: write the story below its header\n"
    assert path.read_text() == (
        "Title: Council approves harbour budget\nDate: 2026-11-18 11:06\nAuthor: \n"
        "Category: Politics\nTags: Harbour, Budget\nSummary: \n\n"
    )
    again = newsdesk("--site", str(site), "new", "Council approves harbour budget")
    assert again.exit_code == 2 and "already exists; not overwriting it" in again.stderr
    with path.open("a") as seed:
        seed.write("The council approved the budget by one vote.\n")
    assert newsdesk("--site", str(site), "build").exit_code == 0
    page = site / "output" / "politics" / "council-approves-harbour-budget" / "index.html"
    assert "<h1>Council approves harbour budget</h1>" in page.read_text()


def test_the_same_story_in_a_json_list_and_a_text_seed_is_listed(site: Path, newsdesk) -> None:
    story = (
        "The electric ferry that links Northgate and the island village of Carrow returned to "
        "service on Wednesday, six months after a battery fault left it in the harbour."
    )
    write_seed(site, "2026-11-17-ferry.txt", story + "\n")
    write_seed(site, "wire.json", f'[{{"id": "f1", "date": "2026-11-18", "text": "{story}"}}]')
    result = check(newsdesk, site)
    assert result.stderr.splitlines()[-1:] == [
        "warning: seeds/2026-11-17-ferry.txt, seeds/wire.json#f1: the same story more than "
        "once; ingest publishes seeds/wire.json#f1"
    ]
