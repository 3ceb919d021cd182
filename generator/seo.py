"""What search engines read: schema.org JSON-LD, `sitemap.xml`, the Google News sitemap and
`robots.txt`.

Plain functions over `Story` records: no Pelican here. Output is written by hand rather than
by an XML library so that its bytes are stable and easy to read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from .dates import isoformat
from .models import Story

SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
# Limits from Google's documentation of sitemaps and of news sitemaps.
SITEMAP_MAX_URLS = 50_000
NEWS_MAX_URLS = 1_000
NEWS_MAX_AGE = timedelta(days=2)
HEADLINE_MAX = 110  # Google ignores a NewsArticle headline longer than this

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str  # absolute, ending in /
    language: str  # ISO 639 code, as news sitemaps want it


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # absolute
    lastmod: datetime | None = None


def news_article(story: Story, publisher: Publisher) -> dict[str, object]:
    """schema.org NewsArticle for one story."""
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _shorten(story.title, HEADLINE_MAX),
        "description": story.summary,
        "url": story.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": story.url},
        "datePublished": isoformat(story.date),
        "dateModified": isoformat(max(story.updated, story.date)),
        "author": [
            {"@type": "Person", "name": a.name, "url": f"{publisher.url}author/{a.slug}/"}
            for a in story.authors
        ],
        "publisher": {"@type": "Organization", "name": publisher.name, "url": publisher.url},
        "articleSection": story.section.name,
        "keywords": [t.name for t in story.tags],
        "inLanguage": publisher.language,
        "isAccessibleForFree": True,
    }


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict[str, object]:
    """schema.org BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld(data: object) -> str:
    """JSON for a <script type="application/ld+json"> element: `<` escaped, so no text from
    a story can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def sitemaps(entries: Sequence[SitemapEntry], site_url: str) -> dict[str, bytes]:
    """`sitemap.xml`; beyond 50,000 URLs, numbered sitemaps and `sitemap.xml` as their index."""
    if len(entries) <= SITEMAP_MAX_URLS:
        return {SITEMAP: _urlset(entries)}
    files: dict[str, bytes] = {}
    for start in range(0, len(entries), SITEMAP_MAX_URLS):
        name = f"sitemap-{start // SITEMAP_MAX_URLS + 1}.xml"
        files[name] = _urlset(entries[start : start + SITEMAP_MAX_URLS])
    index = "".join(f"<sitemap><loc>{escape(site_url + name)}</loc></sitemap>\n" for name in files)
    files[SITEMAP] = _document(f'<sitemapindex xmlns="{_SITEMAP_NS}">\n{index}</sitemapindex>')
    return files


def _urlset(entries: Iterable[SitemapEntry]) -> bytes:
    rows = []
    for entry in entries:
        lastmod = f"<lastmod>{isoformat(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        rows.append(f"<url><loc>{escape(entry.url)}</loc>{lastmod}</url>\n")
    return _document(f'<urlset xmlns="{_SITEMAP_NS}">\n{"".join(rows)}</urlset>')


def news_sitemap(stories: Sequence[Story], publisher: Publisher, now: datetime) -> bytes:
    """Google News sitemap: stories published in the two days before `now`, newest first, at
    most 1,000. `now` is an argument so that a build with SOURCE_DATE_EPOCH is reproducible."""
    recent = [s for s in stories if now - NEWS_MAX_AGE <= s.date <= now]
    recent.sort(key=lambda s: (s.date, s.url), reverse=True)
    rows = []
    for story in recent[:NEWS_MAX_URLS]:
        rows.append(
            f"<url><loc>{escape(story.url)}</loc><news:news><news:publication>"
            f"<news:name>{escape(publisher.name)}</news:name>"
            f"<news:language>{escape(publisher.language)}</news:language></news:publication>"
            f"<news:publication_date>{isoformat(story.date)}</news:publication_date>"
            f"<news:title>{escape(story.title)}</news:title></news:news></url>\n"
        )
    return _document(
        f'<urlset xmlns="{_SITEMAP_NS}" xmlns:news="{_NEWS_NS}">\n{"".join(rows)}</urlset>'
    )


def robots_txt(site_url: str) -> bytes:
    """Everything may be crawled; the sitemaps are named with absolute URLs, as required."""
    return (
        "User-agent: *\nAllow: /\n\n"
        f"Sitemap: {site_url}{SITEMAP}\nSitemap: {site_url}{NEWS_SITEMAP}\n"
    ).encode()


def _document(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def news_window_changes(stories: Sequence[Story], now: datetime) -> datetime | None:
    """When the news sitemap would next change with no new input: a story leaves the
    two-day window, or a story dated in the future enters it."""
    moments = [s.date + NEWS_MAX_AGE for s in stories if now - NEWS_MAX_AGE <= s.date <= now]
    moments += [s.date for s in stories if s.date > now]
    return min(moments, default=None)
