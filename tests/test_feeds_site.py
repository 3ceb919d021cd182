"""Feeds of real builds: valid, complete, announced on every page, readable in a browser."""

import json
import os
import re
import shutil
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs

import feedparser
import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.content import scan_content
from generator.slugs import slugify

from .conftest import EPOCH, REPO, output_files
from .feedcheck import check_feed
from .servers import dump_dom, recording_server, serve_folder

SITE = "http://localhost:8000/"
SECTIONS = ["World", "Politics", "Business", "Technology", "Science", "Sport", "Culture"]


def build(site: Path) -> None:
    result = CliRunner().invoke(cli, ["--site", str(site), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def expected_feeds(site: Path) -> dict[str, list[tuple]]:
    """What each feed must list, worked out from content/ alone: {feed stem: [(title, url,
    date, authors, tags)]}, newest first."""
    scopes: dict[str, list[tuple]] = defaultdict(list)
    for content in scan_content(site / "content"):
        meta = content.meta
        section = slugify(meta["category"], None)
        tags = [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]
        authors = [a.strip() for a in meta["authors"].split(",")]
        item = (
            meta["title"],
            f"{SITE}{section}/{meta['slug']}/",
            datetime.fromisoformat(meta["date"]),
            authors,
            [meta["category"], *tags],
        )
        stems = ["feeds/all", f"feeds/section/{section}"]
        stems += [f"feeds/tag/{slugify(t, None)}" for t in tags]
        stems += [f"feeds/author/{slugify(a, None)}" for a in authors]
        for stem in stems:
            scopes[stem].append(item)
    limits = {"tag": 20, "author": 20}  # the defaults; 50 for the others

    def newest(stem: str, items: list[tuple]) -> list[tuple]:
        items = sorted(items, key=lambda i: (-i[2].timestamp(), i[1].rsplit("/", 2)[1]))
        return items[: limits.get(stem.split("/")[1], 50)]

    return {stem: newest(stem, items) for stem, items in scopes.items()}


def assert_feeds_match_the_site(site: Path) -> None:
    files = output_files(site)
    expected = expected_feeds(site)
    written = {
        path.rsplit(".", 2)[0] if path.endswith(".xml") else path[:-5]
        for path in files
        if path.startswith("feeds/")
    }
    assert written == set(expected)
    for stem, items in expected.items():
        for suffix in (".rss.xml", ".atom.xml", ".json"):
            path = stem + suffix
            assert check_feed(path, files[path], SITE) == [], path
        for suffix in (".rss.xml", ".atom.xml"):
            parsed = feedparser.parse(files[stem + suffix])
            assert not parsed.bozo
            got = [
                (
                    e.title,
                    e.link,
                    datetime(*e.published_parsed[:6], tzinfo=UTC),
                    [a.name for a in e.get("authors", [])] or [e.get("author")],
                    [t.term for t in e.tags],
                )
                for e in parsed.entries
            ]
            assert got == [(t, u, d.astimezone(UTC), a, g) for t, u, d, a, g in items], (
                stem + suffix
            )
        items_json = json.loads(files[stem + ".json"])["items"]
        assert [(i["title"], i["url"]) for i in items_json] == [(t, u) for t, u, *_ in items]


def test_demo_feeds_are_valid_and_list_exactly_the_site_articles(demo_site: Path) -> None:
    build(demo_site)
    assert_feeds_match_the_site(demo_site)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """A site of 1,000 articles over two years, seven sections, 40 tags and 12 authors."""
    site = tmp_path_factory.mktemp("big") / "site"
    seeds = site / "seeds"
    seeds.mkdir(parents=True)
    start = datetime(2024, 11, 1, 6, 0)
    for number in range(1000):
        tags = ", ".join(f"Topic {(number * k) % 40}" for k in (1, 7) if k == 1 or number % 3 == 0)
        seeds.joinpath(f"story-{number:04}.txt").write_text(
            f"Title: Story {number} of the big site\n"
            f"Date: {(start + timedelta(hours=17 * number)).isoformat()}\n"
            f"Author: Reporter {number % 12}\nCategory: {SECTIONS[number % 7]}\nTags: {tags}\n\n"
            f"Paragraph one of story {number}. See <a href='/x'>this</a>.\n"
            f"Paragraph two says [more](javascript:alert({number})).\n",
            encoding="utf-8",
        )
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    build(site)
    return site


def test_a_thousand_article_site_has_valid_complete_feeds(big_site: Path) -> None:
    assert len(list((big_site / "output" / "feeds" / "tag").glob("*.rss.xml"))) == 40
    assert_feeds_match_the_site(big_site)


def test_no_two_items_share_an_id_across_the_site(big_site: Path) -> None:
    ids: dict[str, str] = {}
    parsed = feedparser.parse(big_site / "output" / "feeds" / "all.atom.xml")
    assert len(parsed.entries) == 50
    for content in scan_content(big_site / "content"):
        guid = content.meta["guid"]
        assert guid not in ids, (guid, ids.get(guid))
        ids[guid] = content.meta["seed"]
    assert len(ids) == 1000


def head_feeds(page: Path) -> list[tuple[str, str]]:
    return re.findall(
        r'<link rel="alternate" type="[^"]+" title="([^"]+)" href="([^"]+)">', page.read_text()
    )


def test_every_page_announces_the_feeds_that_concern_it(demo_site: Path) -> None:
    build(demo_site)
    output = demo_site / "output"
    site_feeds = [
        ("Newsdesk Demo (RSS)", f"{SITE}feeds/all.rss.xml"),
        ("Newsdesk Demo (Atom)", f"{SITE}feeds/all.atom.xml"),
        ("Newsdesk Demo (JSON Feed)", f"{SITE}feeds/all.json"),
    ]

    def scope(label: str, stem: str) -> list[tuple[str, str]]:
        return [
            (f"Newsdesk Demo: {label} ({name})", f"{SITE}{stem}{suffix}")
            for name, suffix in (("RSS", ".rss.xml"), ("Atom", ".atom.xml"), ("JSON Feed", ".json"))
        ]

    article = next((output / "culture").glob("*/index.html"))
    assert head_feeds(output / "index.html") == site_feeds
    assert head_feeds(output / "culture" / "index.html") == site_feeds + scope(
        "Culture", "feeds/section/culture"
    )
    assert head_feeds(article) == site_feeds + scope("Culture", "feeds/section/culture")
    assert head_feeds(output / "tag" / "lowland-rail" / "index.html") == site_feeds + scope(
        "topic Lowland Rail", "feeds/tag/lowland-rail"
    )
    assert head_feeds(output / "author" / "priya-raman" / "index.html") == site_feeds + scope(
        "stories by Priya Raman", "feeds/author/priya-raman"
    )
    assert head_feeds(output / "newsletter" / "index.html") == site_feeds + scope(
        "newsletter", "newsletter/feed"
    )
    for page in output.rglob("*.html"):
        for _, url in head_feeds(page):
            assert (output / url.removeprefix(SITE)).is_file(), (page, url)


def test_opening_a_feed_in_a_browser_shows_a_readable_page(demo_site: Path) -> None:
    build(demo_site)
    with serve_folder(demo_site / "output") as base:
        for name in ("feeds/all.rss.xml", "feeds/section/culture.atom.xml"):
            dom = " ".join(dump_dom(base + name).split())
            assert "This is a web feed." in dom, name
            assert "Subscribe by copying its address into a feed reader" in dom
            assert "School orchestra wins national youth prize" in dom
            assert re.search(r"<h1>Newsdesk Demo(: Culture)?</h1>", dom)


def test_ping_tells_the_hub_about_changed_feeds_only(demo_site: Path) -> None:
    with recording_server() as (hub, requests):
        # The copy of a seed made below must be published, not left out as a duplicate.
        (demo_site / "newsdesk.toml").write_text(
            f'[feeds]\nwebsub_hub = "{hub}"\n[ingest]\nduplicates = "both"\n'
        )
        build(demo_site)
        feed = (demo_site / "output" / "feeds" / "all.atom.xml").read_text()
        assert f'<link href="{hub}" rel="hub"/>' in feed
        runner = CliRunner()
        first = runner.invoke(cli, ["--site", str(demo_site), "ping"])
        total = len(
            [
                p
                for p in output_files(demo_site)
                if re.search(r"^(feeds/.+|newsletter/feed)\.(rss\.xml|atom\.xml|json)$", p)
            ]
        )
        assert first.exit_code == 0
        assert first.output == f"ping: {total} notified, 0 unchanged, 0 failed\n"
        assert len(requests) == total
        method, path, body = requests[0]
        assert (method, path) == ("POST", "/hub")
        assert parse_qs(body.decode()) == {
            "hub.mode": ["publish"],
            "hub.url": [f"{SITE}feeds/all.atom.xml"],
        }
        shutil.copy(REPO / "seeds" / "000_44987d1a5e7ed467.txt", demo_site / "seeds" / "x.txt")
        build(demo_site)
        again = runner.invoke(cli, ["--site", str(demo_site), "ping"])
        changed = [parse_qs(b.decode())["hub.url"][0] for _, _, b in requests[total:]]
        assert f"{SITE}feeds/section/world.rss.xml" in changed
        assert f"{SITE}feeds/section/culture.rss.xml" not in changed
        assert again.output == (
            f"ping: {len(changed)} notified, {total - len(changed)} unchanged, 0 failed\n"
        )


def test_ping_reports_a_hub_that_refuses(demo_site: Path) -> None:
    with recording_server(status=500) as (hub, _):
        (demo_site / "newsdesk.toml").write_text(f'[feeds]\nwebsub_hub = "{hub}"\n')
        build(demo_site)
        result = CliRunner().invoke(cli, ["--site", str(demo_site), "ping"])
    assert result.exit_code == 1
    assert f"{SITE}feeds/all.atom.xml: the hub answered 500 Internal Server Error" in (
        result.stderr
    )


def test_ping_without_a_hub_is_a_usage_error(demo_site: Path) -> None:
    result = CliRunner().invoke(cli, ["--site", str(demo_site), "ping"])
    assert result.exit_code == 2
    assert result.stderr == (
        "newsdesk.toml: feeds.websub_hub is not set; there is no hub to ping\n"
    )
