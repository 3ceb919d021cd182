"""feeds.py on hand-made stories: no Pelican involved."""

import dataclasses
import html
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import feeds
from generator.config import load_config
from generator.feeds import feed_links, render_feeds, safe_html
from generator.models import Story, Term

from .feedcheck import check_atom, check_feed, check_json_feed, check_rss

SITE = "http://localhost:8000/"


def story(number: int, **changes) -> Story:
    url = f"{SITE}world/story-{number}/"
    fields = dict(
        id=url,
        url=url,
        title=f"Story {number}",
        summary=f"Summary {number}.",
        body_html=f"<p>Body {number}.</p>",
        date=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=number),
        updated=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=number),
        section=Term("World", "world"),
        tags=(Term("Harbour", "harbour"),),
        authors=(Term("Jo Bloggs", "jo-bloggs"),),
    )
    fields.update(changes)
    return Story(**fields)


def config_with(tmp_path: Path, toml: str = ""):
    (tmp_path / "newsdesk.toml").write_text(toml)
    return load_config(tmp_path)


def assert_valid(files: dict[str, bytes]) -> None:
    for path, data in files.items():
        assert check_feed(path, data, SITE) == [], path
        if not path.endswith(".json"):
            assert not feedparser.parse(data).bozo, path


def test_every_scope_in_every_format(tmp_path: Path) -> None:
    stories = [story(2), story(1, section=Term("Sport", "sport"), tags=())]
    files = render_feeds(stories, config_with(tmp_path))
    stems = sorted({path.rsplit(".", 2)[0] if ".xml" in path else path[:-5] for path in files})
    assert stems == [
        "feeds/all",
        "feeds/author/jo-bloggs",
        "feeds/section/sport",
        "feeds/section/world",
        "feeds/tag/harbour",
    ]
    assert len(files) == 15
    assert_valid(files)


def test_items_carry_everything_a_reader_shows(tmp_path: Path) -> None:
    files = render_feeds([story(2), story(1)], config_with(tmp_path))
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        parsed = feedparser.parse(files[path])
        entry = parsed.entries[0]
        assert [e.title for e in parsed.entries] == ["Story 2", "Story 1"]
        assert (entry.id, entry.link) == (f"{SITE}world/story-2/", f"{SITE}world/story-2/")
        assert entry.author == "Jo Bloggs"
        assert entry.content[0].value == "<p>Body 2.</p>"
        assert entry.summary == "Summary 2."
        assert {t.term for t in entry.tags} == {"World", "Harbour"}
        assert entry.published_parsed[:3] == (2026, 11, 3)
    item = json.loads(files["feeds/all.json"])["items"][0]
    assert item == {
        "id": f"{SITE}world/story-2/",
        "url": f"{SITE}world/story-2/",
        "title": "Story 2",
        "content_html": "<p>Body 2.</p>",
        "summary": "Summary 2.",
        "date_published": "2026-11-03T00:00:00+00:00",
        "date_modified": "2026-11-03T00:00:00+00:00",
        "authors": [{"name": "Jo Bloggs", "url": f"{SITE}author/jo-bloggs/"}],
        "tags": ["World", "Harbour"],
        "language": "en",
    }


def test_rss_uses_dc_creator_not_author(tmp_path: Path) -> None:
    rss = render_feeds([story(1)], config_with(tmp_path))["feeds/all.rss.xml"]
    assert b"<dc:creator>Jo Bloggs</dc:creator>" in rss
    assert b"<author>" not in rss


def test_summary_feeds_leave_out_the_article_text(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[feeds]\ncontent = "summary"\n[feeds.tag]\ncontent = "full"\n')
    files = render_feeds([story(1)], config)
    assert b"content:encoded" not in files["feeds/all.rss.xml"]
    assert b"<content" not in files["feeds/all.atom.xml"]
    assert json.loads(files["feeds/all.json"])["items"][0]["content_text"] == "Summary 1."
    assert b"Body 1." in files["feeds/tag/harbour.rss.xml"]
    assert_valid(files)


def test_limits_formats_and_switched_off_scopes(tmp_path: Path) -> None:
    config = config_with(
        tmp_path,
        (
            '[feeds]\nformats = ["atom"]\nlimit = 2\n[feeds.author]\nenabled = false\n'
            "[feeds.tag]\nmin_items = 3\nlimit = 0\n[feeds.site]\nlimit = 3\n"
        ),
    )
    files = render_feeds([story(n) for n in range(5, 0, -1)], config)
    assert sorted(files) == [
        "feeds/all.atom.xml",
        "feeds/section/world.atom.xml",
        "feeds/tag/harbour.atom.xml",
    ]
    assert len(feedparser.parse(files["feeds/all.atom.xml"]).entries) == 3
    assert len(feedparser.parse(files["feeds/tag/harbour.atom.xml"]).entries) == 2
    assert feed_links(config, "author", "jo-bloggs", "x", 5) == []
    assert feed_links(config, "tag", "harbour", "x", 2) == []
    (link,) = feed_links(config, "tag", "harbour", "topic Harbour", 3)
    assert (link.title, link.url, link.type) == (
        "Newsdesk Demo: topic Harbour (Atom)",
        f"{SITE}feeds/tag/harbour.atom.xml",
        "application/atom+xml",
    )


def test_an_id_fixed_at_first_publication_survives_a_new_address(tmp_path: Path) -> None:
    moved = story(1, url=f"{SITE}world/new-headline/", id=f"{SITE}world/story-1/")
    files = render_feeds([moved], config_with(tmp_path))
    assert (
        b'<guid isPermaLink="false">http://localhost:8000/world/story-1/</guid>'
        in files["feeds/all.rss.xml"]
    )
    entry = feedparser.parse(files["feeds/all.atom.xml"]).entries[0]
    assert (entry.id, entry.link) == (f"{SITE}world/story-1/", f"{SITE}world/new-headline/")
    assert json.loads(files["feeds/all.json"])["items"][0]["id"] == f"{SITE}world/story-1/"
    assert_valid(files)


def test_content_gets_absolute_links_and_loses_scripts() -> None:
    body = (
        '<p onclick="x()">See <a href="/world/other/">this</a>, <a href="../b/">that</a>, '
        '<a href="javascript:alert(1)">bad</a> and <img src="pic.png" alt="A pic">'
        "<script>alert(1)</script><style>p{}</style>\x0b.</p>"
    )
    assert safe_html(body, f"{SITE}news/world/story/") == (
        f'<p>See <a href="{SITE}world/other/">this</a>, <a href="{SITE}news/world/b/">that</a>, '
        f'<a>bad</a> and <img src="{SITE}news/world/story/pic.png" alt="A pic">.</p>'
    )


def test_websub_hub_is_announced_in_every_format(tmp_path: Path) -> None:
    hub = "https://hub.example.org/"
    files = render_feeds([story(1)], config_with(tmp_path, f'[feeds]\nwebsub_hub = "{hub}"\n'))
    assert f'<atom:link href="{hub}" rel="hub"/>'.encode() in files["feeds/all.rss.xml"]
    assert f'<link href="{hub}" rel="hub"/>'.encode() in files["feeds/all.atom.xml"]
    assert json.loads(files["feeds/all.json"])["hubs"] == [{"type": "WebSub", "url": hub}]
    assert_valid(files)


def test_xml_feeds_name_the_stylesheet_that_makes_them_readable(tmp_path: Path) -> None:
    files = render_feeds([story(1)], config_with(tmp_path, '[site]\nurl = "https://x.org/n/"\n'))
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        assert files[path].split(b"\n")[1] == (
            b'<?xml-stylesheet href="/n/theme/feed.xsl" type="text/xsl"?>'
        )


def test_feed_bytes_depend_only_on_the_stories(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    assert render_feeds([story(1)], config) == render_feeds([story(1)], config)
    assert (
        b"<lastBuildDate>Mon, 02 Nov 2026 00:00:00 +0000</lastBuildDate>"
        in render_feeds([story(1)], config)["feeds/all.rss.xml"]
    )


def test_characters_illegal_in_xml_are_dropped_not_fatal(tmp_path: Path) -> None:
    files = render_feeds(
        [story(1, title="Bad\x00\x0bTitle", body_html="<p>a\x1fb</p>")], config_with(tmp_path)
    )
    entry = feedparser.parse(files["feeds/all.atom.xml"]).entries[0]
    assert entry.title == "BadTitle"
    assert entry.content[0].value == "<p>ab</p>"


def test_summaries_show_as_their_text_in_every_format(tmp_path: Path) -> None:
    text = "<img src=x onerror=alert(1)> & co"
    files = render_feeds([story(1, summary=text)], config_with(tmp_path))
    for fmt in ("rss", "atom"):
        summary = feedparser.parse(files[f"feeds/all.{fmt}.xml"]).entries[0].summary_detail
        assert (summary.value, summary.type) == (html.escape(text, quote=False), "text/html")
    assert json.loads(files["feeds/all.json"])["items"][0]["summary"] == text


@pytest.mark.parametrize("checker", [check_rss, check_atom, check_json_feed])
def test_the_validator_catches_broken_feeds(checker) -> None:
    broken = {
        check_rss: b'<rss version="2.0"><channel><title>t</title><link>/rel</link>'
        b"<item><guid>x</guid><pubDate>yesterday</pubDate></item></channel></rss>",
        check_atom: b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<entry><id>a</id></entry><entry><id>a</id></entry></feed>",
        check_json_feed: b'{"version": "1", "items": [{"id": 1}]}',
    }[checker]
    assert len(checker(broken, f"{SITE}feeds/all")) >= 3


@settings(max_examples=40, deadline=None)
@given(title=st.text(), summary=st.text(), tag=st.text(min_size=1), body=st.text())
def test_any_text_gives_valid_feeds(title: str, summary: str, tag: str, body: str) -> None:
    config = load_config(Path("/nonexistent-site"))
    item = story(1, title=title, summary=summary, tags=(Term(tag, "t"),), body_html=body)
    assert_valid(render_feeds([item], config))


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=60),
    slug=st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    hours=st.integers(min_value=-12, max_value=12),
    hub=st.booleans(),
)
@example(title="a\r&<>\"'\t\nb", slug="x", hours=0, hub=False)
def test_a_feed_made_from_the_header_template_equals_feedgens_own(
    tmp_path_factory, title: str, slug: str, hours: int, hub: bool
) -> None:
    """Feeds are assembled from one feedgen header per format with each channel's values put
    in, around entries cut from a batch; the result must be the bytes feedgen itself would
    write for that channel."""
    toml = '[feeds]\nwebsub_hub = "https://hub.example.org/"\n' if hub else ""
    config = config_with(tmp_path_factory.mktemp("feeds"), toml)
    zone = timezone(timedelta(hours=hours))
    item = story(3, updated=datetime(2026, 11, 5, 8, 30, tzinfo=zone))
    title = f"Gazette: topic {title}"  # as channels() names them: never empty
    channel = feeds.Channel("tag", title, f"{SITE}tag/{slug}/", f"feeds/tag/{slug}", (item,), True)
    entries = feeds.render_entries([item], True, config, ("rss", "atom"))
    for fmt in ("rss", "atom"):
        made = feeds._ASSEMBLE[fmt](channel, [entries[fmt][item.id]], config)
        self_url = f"{SITE}{channel.stem}{feeds.FORMATS[fmt][1]}"
        hub = config.feeds.websub_hub
        generator = feeds._generator(
            config.site, hub, fmt, title, channel.home, self_url, item.updated
        )
        feeds._add_entry(generator, item, True)
        own = feeds._feedgen_bytes(generator, fmt)
        assert made == feeds._with_stylesheet(own, config.site), fmt


def test_a_change_to_any_field_of_a_story_changes_its_fingerprint() -> None:
    """Feeds and pages are kept while their stories' fingerprints stay; a field left out of
    the fingerprint would leave them stale."""
    original = story(1, tags=(Term("Harbour", "harbour"), Term("Rail", "rail")))
    changes = {
        "id": "other",
        "url": "other",
        "title": "Other",
        "summary": "Other.",
        "body_html": "<p>Other.</p>",
        "date": original.date + timedelta(seconds=1),
        "updated": original.updated + timedelta(seconds=1),
        "section": Term("World", "world-2"),
        "tags": (Term("Harbour", "harbour"),),
        "authors": (Term("Jo Bloggs", "jo-bloggs"), Term("Rail", "rail")),
        "reading_minutes": 2,
    }
    assert sorted(changes) == sorted(f.name for f in dataclasses.fields(Story))
    before = original.fingerprint
    for name, value in changes.items():
        changed = dataclasses.replace(original, **{name: value})
        assert changed.fingerprint != before, name
