"""A rebuild with nothing changed skips the site build; any change to what it reads, or the
passing of time that changes the news sitemap, builds again."""

from pathlib import Path

import pytest

from .conftest import EPOCH, output_files, write_seed

UNCHANGED = "unchanged since the last build"


def build(newsdesk, site: Path) -> str:
    result = newsdesk("--site", str(site), "build")
    assert result.exit_code == 0, result.output
    return result.output


def test_a_rebuild_with_nothing_changed_is_skipped_and_output_stays(demo_site, newsdesk):
    build(newsdesk, demo_site)
    before = output_files(demo_site)
    assert UNCHANGED in build(newsdesk, demo_site)
    assert output_files(demo_site) == before


@pytest.mark.parametrize(
    "change",
    ["edit content", "new seed", "site theme", "config", "deleted output", "newsletter note"],
)
def test_any_change_to_what_the_site_is_made_from_builds_again(demo_site, newsdesk, change):
    build(newsdesk, demo_site)
    if change == "edit content":
        page = demo_site / "content" / "pages" / "about.md"
        page.write_text(page.read_text() + "\nA new line.\n")
    elif change == "new seed":
        write_seed(demo_site, "new.txt", "The museum reopened on Monday after repairs.\n")
    elif change == "site theme":
        (demo_site / "theme" / "static").mkdir(parents=True)
        (demo_site / "theme" / "static" / "extra.css").write_text("p { color: red }\n")
    elif change == "config":
        (demo_site / "newsdesk.toml").write_text('[site]\ntitle = "The Gazette"\n')
    elif change == "deleted output":
        (demo_site / "output" / "404.html").unlink()
    else:
        notes = demo_site / "content" / "newsletter"
        (notes / "2026-W48.md").write_text("Hello readers.\n")
    output = build(newsdesk, demo_site)
    assert UNCHANGED not in output
    assert (demo_site / "output" / "404.html").is_file()


def test_time_that_moves_the_news_sitemap_builds_again(demo_site, newsdesk, monkeypatch):
    build(newsdesk, demo_site)
    sitemap = (demo_site / "output" / "news-sitemap.xml").read_text()
    assert "<loc>" in sitemap  # stories of the last two days
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 3600))
    assert UNCHANGED in build(newsdesk, demo_site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 30 * 86400))
    assert UNCHANGED not in build(newsdesk, demo_site)
    assert "<loc>" not in (demo_site / "output" / "news-sitemap.xml").read_text()


def test_a_build_with_problems_is_never_skipped(site, newsdesk):
    folder = site / "content" / "world"
    folder.mkdir(parents=True)
    (folder / "bad.md").write_text("Title: Bad\nDate: garbage\n\nText.\n")
    for _ in range(2):
        result = newsdesk("--site", str(site), "build")
        assert result.exit_code == 1
        assert "Could not process world/bad.md" in result.stderr
