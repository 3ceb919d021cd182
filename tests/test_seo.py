"""seo.py on hand-made stories: JSON-LD, sitemaps, the news sitemap and robots.txt."""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

from generator.models import Term
from generator.seo import (
    NEWS_MAX_URLS,
    Publisher,
    SitemapEntry,
    breadcrumbs,
    json_ld,
    news_article,
    news_sitemap,
    robots_txt,
    sitemaps,
)

from .test_feeds import SITE, story

PUBLISHER = Publisher("The Gazette", SITE, "en")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_news_article_carries_headline_dates_with_zone_author_publisher_section_keywords():
    paris = timezone(timedelta(hours=1))
    item = story(
        1,
        date=datetime(2026, 11, 2, 9, 30, tzinfo=paris),
        updated=datetime(2026, 11, 3, 10, 0, tzinfo=paris),
        tags=(Term("Harbour", "harbour"), Term("Ferries", "ferries")),
    )
    data = json.loads(json_ld(news_article(item, PUBLISHER)))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Story 1"
    assert data["datePublished"] == "2026-11-02T09:30:00+01:00"
    assert data["dateModified"] == "2026-11-03T10:00:00+01:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Jo Bloggs", "url": f"{SITE}author/jo-bloggs/"}
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "The Gazette", "url": SITE}
    assert data["articleSection"] == "World"
    assert data["keywords"] == ["Harbour", "Ferries"]
    assert data["mainEntityOfPage"]["@id"] == item.url


def test_long_headline_is_cut_at_a_word_to_110_characters():
    item = story(1, title="word " * 40)
    headline = news_article(item, PUBLISHER)["headline"]
    assert len(headline) <= 110 and headline.endswith("word…")


def test_json_ld_cannot_close_its_script_element():
    item = story(1, title="</script><script>alert(1)</script> & more")
    text = json_ld(news_article(item, PUBLISHER))
    assert "<" not in text and ">" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & more"


def test_breadcrumbs_are_numbered_from_the_front_page():
    data = breadcrumbs([("Home", SITE), ("World", f"{SITE}world/")])
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", SITE),
        (2, "World", f"{SITE}world/"),
    ]


def test_sitemap_lists_every_url_with_its_lastmod():
    entries = [SitemapEntry(SITE), SitemapEntry(f"{SITE}a/?x=1&y=2", NOW)]
    root = ET.fromstring(sitemaps(entries, SITE)["sitemap.xml"])
    urls = [(u.findtext(f"{SM}loc"), u.findtext(f"{SM}lastmod")) for u in root]
    assert urls == [(SITE, None), (f"{SITE}a/?x=1&y=2", "2026-11-20T12:00:00+00:00")]


def test_more_than_50000_urls_are_split_under_a_sitemap_index():
    entries = [SitemapEntry(f"{SITE}{n}/") for n in range(50_001)]
    files = sitemaps(entries, SITE)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert [s.findtext(f"{SM}loc") for s in index] == [
        f"{SITE}sitemap-1.xml",
        f"{SITE}sitemap-2.xml",
    ]
    assert len(ET.fromstring(files["sitemap-2.xml"])) == 1


def test_news_sitemap_holds_only_the_last_two_days_newest_first():
    stories = [story(n, date=NOW - timedelta(hours=h)) for n, h in enumerate([1, 47, 49, -1])]
    root = ET.fromstring(news_sitemap(stories, PUBLISHER, NOW))
    assert [u.findtext(f"{SM}loc") for u in root] == [stories[0].url, stories[1].url]
    news = root[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Gazette"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == "2026-11-20T11:00:00+00:00"
    assert news.findtext(f"{NEWS}title") == "Story 0"


def test_news_sitemap_stops_at_1000_urls():
    stories = [story(n, date=NOW - timedelta(seconds=n)) for n in range(NEWS_MAX_URLS + 5)]
    root = ET.fromstring(news_sitemap(stories, PUBLISHER, NOW))
    assert len(root) == NEWS_MAX_URLS


def test_robots_txt_allows_everything_and_names_both_sitemaps():
    assert robots_txt(SITE).decode().splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        f"Sitemap: {SITE}sitemap.xml",
        f"Sitemap: {SITE}news-sitemap.xml",
    ]
