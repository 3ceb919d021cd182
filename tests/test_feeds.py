"""feeds.py on hand-made stories: no Pelican involved."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.feeds import render_feeds
from generator.models import Story


def story(number: int, **changes) -> Story:
    url = f"http://localhost:8000/world/story-{number}/"
    fields = dict(
        id=url,
        url=url,
        title=f"Story {number}",
        summary=f"Summary {number}.",
        body_html=f"<p>Body {number}.</p>",
        date=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=number),
        updated=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=number),
        section="World",
        section_slug="world",
        tags=("Harbour",),
        authors=("Jo Bloggs",),
    )
    fields.update(changes)
    return Story(**fields)


def test_site_and_section_feeds_in_rss_and_atom(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    stories = [story(2), story(1, section="Sport", section_slug="sport")]
    files = render_feeds(stories, config)
    assert sorted(files) == [
        "feeds/all.atom.xml",
        "feeds/all.rss.xml",
        "feeds/sport.atom.xml",
        "feeds/sport.rss.xml",
        "feeds/world.atom.xml",
        "feeds/world.rss.xml",
    ]
    rss = feedparser.parse(files["feeds/all.rss.xml"])
    atom = feedparser.parse(files["feeds/all.atom.xml"])
    for parsed in (rss, atom):
        assert not parsed.bozo
        assert [e.title for e in parsed.entries] == ["Story 2", "Story 1"]
        assert parsed.entries[0].id == "http://localhost:8000/world/story-2/"
        assert parsed.entries[0].author == "Jo Bloggs"
        assert parsed.entries[0].content[0].value == "<p>Body 2.</p>"
        assert parsed.entries[0].summary == "Summary 2."
        assert {t.term for t in parsed.entries[0].tags} == {"World", "Harbour"}
    assert [e.title for e in feedparser.parse(files["feeds/sport.rss.xml"]).entries] == ["Story 1"]
    assert (
        b'<atom:link href="http://localhost:8000/feeds/all.rss.xml" rel="self"/>'
        in files["feeds/all.rss.xml"]
    )
    assert b"<link>http://localhost:8000/</link>" in files["feeds/all.rss.xml"]
    assert (
        b'<link href="http://localhost:8000/feeds/all.atom.xml" rel="self"/>'
        in files["feeds/all.atom.xml"]
    )


def test_feed_bytes_depend_only_on_the_stories(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert render_feeds([story(1)], config) == render_feeds([story(1)], config)
    assert (
        b"<lastBuildDate>Mon, 02 Nov 2026 00:00:00 +0000</lastBuildDate>"
        in render_feeds([story(1)], config)["feeds/all.rss.xml"]
    )


def test_characters_illegal_in_xml_are_dropped_not_fatal(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    files = render_feeds([story(1, title="Bad\x00\x0bTitle", body_html="<p>a\x1fb</p>")], config)
    entry = feedparser.parse(files["feeds/all.atom.xml"]).entries[0]
    assert entry.title == "BadTitle"
    assert entry.content[0].value == "<p>ab</p>"


@settings(max_examples=50, deadline=None)
@given(title=st.text(), summary=st.text(), tag=st.text(min_size=1))
def test_any_text_gives_well_formed_feeds(title: str, summary: str, tag: str) -> None:
    config = load_config(Path("/nonexistent-site"))
    files = render_feeds([story(1, title=title, summary=summary, tags=(tag,))], config)
    for name, data in files.items():
        assert not feedparser.parse(data).bozo, name


def test_summaries_are_text_in_every_format(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    files = render_feeds([story(1, summary="<img src=x onerror=alert(1)> & co")], config)
    for name in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        entry = feedparser.parse(files[name]).entries[0]
        assert entry.summary == "&lt;img src=x onerror=alert(1)&gt; &amp; co" or (
            entry.summary == "<img src=x onerror=alert(1)> & co"
            and entry.summary_detail.type == "text/plain"
        ), name
    assert b"&amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; co" in files["feeds/all.rss.xml"]
