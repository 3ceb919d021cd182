"""Every story of the site, once Pelican has read them all (before it writes a page): the
`Story` records for feeds and digests, and what templates ask about a story — related
stories, previous/next in its section, JSON-LD, the feeds a page announces.

Each template function notes its call (`pagedeps.record_call`), and `fingerprint` answers
it again cheaply, so a page is made again only when an answer it used has changed.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from ..config import Config, Section
from ..dates import now
from ..feeds import FeedLink, feed_links, scope_label
from ..models import Story, Term
from ..pagedeps import record_call
from ..related import Neighbours, RelatedIndex, related_index, section_neighbours
from ..seo import (
    NEWS_SITEMAP,
    Publisher,
    SitemapEntry,
    breadcrumbs,
    json_ld,
    news_article,
    news_sitemap,
    robots_txt,
    sitemaps,
)
from .layout import content_html, file_stamp, has_links

FRONT_PAGE_PER_SECTION = 5
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def dek(article: Any) -> str:
    """The article's summary as plain text: the one its file gives, or else the text of its
    first paragraph (Pelican's own fallback would be HTML)."""
    given = article.metadata.get("summary")
    if given:
        return str(given)
    match = _FIRST_PARAGRAPH.search(content_html(article))
    return html.unescape(_TAG.sub("", match[1])).strip() if match else ""


def by_section_filter(sections: Sequence[Section]):
    def by_section(
        articles: Sequence[Any], limit: int = FRONT_PAGE_PER_SECTION, skip: int = 0
    ) -> list[tuple[dict[str, str], list[Any]]]:
        """[(section, its newest articles)] in the configured order, in one pass."""
        groups: dict[str, list[Any]] = {s.slug: [] for s in sections}
        for article in articles[skip:]:
            bucket = groups.get(article.category.slug)
            if bucket is not None and len(bucket) < limit:
                bucket.append(article)
        return [
            ({"name": s.name, "slug": s.slug}, groups[s.slug]) for s in sections if groups[s.slug]
        ]

    return by_section


def story_from_article(article: Any, config: Config) -> Story:
    url = config.site.url + article.url
    guid = article.metadata.get("guid")  # recorded at first publication, relative to the site
    return Story(
        id=config.site.url + guid if guid else url,
        url=url,
        title=article.title,
        summary=dek(article),
        body_html=content_html(article),
        date=article.date,
        updated=getattr(article, "modified", None) or article.date,
        section=Term(article.category.name, article.category.slug),
        tags=tuple(Term(t.name, t.slug) for t in getattr(article, "tags", [])),
        authors=tuple(Term(a.name, a.slug) for a in getattr(article, "authors", [])),
        reading_minutes=int(getattr(article, "reading_time", 1) or 1),
    )


# The attribute that keeps an article's story with it in Pelican's content cache.
_STORY = "newsdesk_story"


def keep_story(article: Any, config: Config) -> None:
    """Keep the article's story with it, and the story's fingerprint, for Pelican's content
    cache to keep too (making them all again cost 0.3 s of a 10,000-article edit build, and
    the pages that show stories ask for their fingerprints), unless its text links to other
    content: those links resolve against the rest of the site at each build."""
    if not has_links(article):
        story = story_from_article(article, config)
        story.fingerprint  # noqa: B018 (worked out now, to be kept with the story)
        setattr(article, _STORY, story)


def story_of(article: Any, config: Config) -> Story:
    return getattr(article, _STORY, None) or story_from_article(article, config)


class SiteIndex:
    def __init__(self, config: Config) -> None:
        self.config = config
        site = config.site
        self.publisher = Publisher(site.title, site.url, site.language)
        self.stories: list[Story] = []
        self._by_source: dict[str, tuple[Any, Story]] = {}
        self._article_by_url: dict[str, Any] = {}
        self._related: RelatedIndex = related_index([])
        self._neighbours: dict[str, Neighbours] = {}
        self._counts: Counter[tuple[str, str]] = Counter()
        self._content_prefix = f"{config.content_dir}/"
        self.source_ids: dict[str, int] = {}  # content files by `relative` path, for records
        self._stamps: dict[str, str] = {}  # by `relative` path (layout.file_stamp)
        self._story_source_ids: dict[str, int | None] = {}  # by story URL

    def read(self, articles: Sequence[Any]) -> None:
        """Pelican's published articles, newest first."""
        self.stories = [story_of(a, self.config) for a in articles]
        self._by_source = {
            self.source(a): (a, s) for a, s in zip(articles, self.stories, strict=True)
        }
        self._article_by_url = {s.url: a for a, s in zip(articles, self.stories, strict=True)}
        self._related = related_index(self.stories)
        self._neighbours = section_neighbours(self.stories)
        for story in self.stories:
            self._counts["section", story.section.slug] += 1
            for tag in story.tags:
                self._counts["tag", tag.slug] += 1
            for author in story.authors:
                self._counts["author", author.slug] += 1

    def source(self, article: Any) -> str:
        """The article's file, relative to content/: how recorded calls name it."""
        return self.relative(article.source_path)

    def relative(self, path: str) -> str:
        return path.removeprefix(self._content_prefix)

    def source_id(self, content: Any) -> int | None:
        return self.source_ids.get(self.source(content))

    def take_sources(self, stamps: dict[str, str], ids: dict[str, int]) -> None:
        """Each content file's stamp as this build found it, and its id in the record of
        outputs, once the build has noted them (by `relative` path)."""
        self._stamps = stamps
        self.source_ids = ids
        self._story_source_ids = {
            url: self.source_id(article) for url, article in self._article_by_url.items()
        }

    def stamp(self, content: Any) -> str:
        path = content.source_path
        found = self._stamps.get(self.relative(path))
        return found if found is not None else file_stamp(path)

    def story_source_ids(self, stories: Sequence[Story]) -> list[int | None]:
        return [self._story_source_ids.get(s.url) for s in stories]

    def story(self, article: Any) -> Story:
        found = self._by_source.get(self.source(article))
        return found[1] if found else story_of(article, self.config)

    # Template functions

    def related_to(self, article: Any) -> list[Story]:
        record_call("related", self.source(article))
        return self._related.get(self.story(article).url, [])

    def neighbours_of(self, article: Any) -> Neighbours:
        record_call("neighbours", self.source(article))
        return self._neighbours.get(self.story(article).url, Neighbours(None, None))

    def article_json_ld(self, article: Any) -> list[Markup]:
        """NewsArticle and BreadcrumbList, ready for <script type="application/ld+json">;
        json_ld() escapes every character that could end the element."""
        record_call("article", self.source(article))
        story = self.story(article)
        trail = [
            (self.config.site.title, self.config.site.url),
            (story.section.name, self.canonical(article.category.save_as)),
            (story.title, story.url),
        ]
        return [
            Markup(json_ld(news_article(story, self.publisher))),
            Markup(json_ld(breadcrumbs(trail))),
        ]

    def feeds_for(self, scope: str = "site", term: Any = None, own: bool = False) -> list[FeedLink]:
        """The feeds a page of `scope` about `term` (a Pelican category, tag or author)
        announces; with `own`, without the site-wide ones."""
        name, slug = (term.name, term.slug) if term is not None else ("", "")
        record_call("feeds", scope, name, slug, "own" if own else "")
        return self._feeds(scope, name, slug, own)

    def _min_items(self, scope: str) -> int:
        settings = getattr(self.config.feeds, scope, None)
        return settings.min_items if settings else 0

    def _feeds(self, scope: str, name: str, slug: str, own: bool) -> list[FeedLink]:
        links = [] if own and scope != "site" else feed_links(self.config, "site")
        if scope == "newsletter":
            links += feed_links(self.config, "newsletter", label="newsletter")
        elif slug:
            label = scope_label(scope, name)
            links += feed_links(self.config, scope, slug, label, self._counts[scope, slug])
        return links

    # Filters: pure functions of their argument and the config

    def local(self, url: str) -> str:
        """An absolute URL of this site as a path from the host, so that pages work served
        from anywhere (as the theme's other links do)."""
        site = self.config.site
        if url.startswith(site.url):
            return f"{site.path_prefix}/{url.removeprefix(site.url)}"
        return url

    def canonical(self, output_file: str) -> str:
        """The absolute URL of the page Pelican writes to `output_file`."""
        return self.config.site.url + output_file.removesuffix("index.html")

    # Answers to recorded calls, for the next build's comparison

    def fingerprint(self, call: tuple[str, ...], of: Any) -> bytes:
        """What `call` answers now, fingerprinted with `of` (the writer's fingerprint of a
        value); a story that no longer exists answers differently from any that does."""
        kind, *args = call
        if kind == "feeds" and len(args) == 4:  # the links follow from these and the config
            scope, name, slug, own = args
            exists = self._counts[scope, slug] >= self._min_items(scope)
            return repr((scope, name, slug, own, exists)).encode()
        found = self._by_source.get(args[0]) if args else None
        if found is None:
            return b"gone"
        article, story = found
        # A story is made from its article alone (and the config): its file says it all.
        if kind == "related":
            return b"".join(self._file_of(s, of) for s in self._related.get(story.url, []))
        if kind == "neighbours":
            near = self._neighbours.get(story.url, Neighbours(None, None))
            return self._file_of(near.previous, of) + self._file_of(near.next, of)
        if kind == "article":
            return of(article)
        return b"unknown call"

    def _file_of(self, story: Story | None, of: Any) -> bytes:
        return of(self._article_by_url[story.url]) if story else b"none"

    def call_sources(self, call: tuple[str, ...], sources: Any) -> frozenset[int] | None:
        """The content files whose text the answer to `call` shows (`fingerprint` folds in
        their stamps); what else it depends on follows from the layout (site/layout.py)."""
        kind, *args = call
        if kind == "feeds":
            return frozenset()  # the links follow from the counts of stories: the layout
        found = self._by_source.get(args[0]) if args else None
        if found is None:
            return frozenset() if kind in ("related", "neighbours", "article") else None
        article, story = found
        if kind == "related":
            shown = self._related.get(story.url, [])
        elif kind == "neighbours":
            near = self._neighbours.get(story.url, Neighbours(None, None))
            shown = [s for s in (near.previous, near.next) if s]
        elif kind == "article":
            return sources(article)
        else:
            return None
        return sources([self._article_by_url[s.url] for s in shown])

    def seo_files(self, pages: list[Any]) -> dict[str, bytes]:
        """sitemap.xml (front page, sections, pages, articles), the news sitemap, robots.txt."""
        site = self.config.site
        newest = self.stories[0].updated if self.stories else None
        entries = [SitemapEntry(site.url, newest)]
        seen = set()
        for story in self.stories:
            if story.section.slug not in seen:
                seen.add(story.section.slug)
                entries.append(SitemapEntry(f"{site.url}{story.section.slug}/", story.updated))
        entries += [SitemapEntry(self.canonical(p.save_as)) for p in pages]
        entries += [SitemapEntry(s.url, max(s.updated, s.date)) for s in self.stories]
        return {
            **sitemaps(entries, site.url),
            NEWS_SITEMAP: news_sitemap(self.stories, self.publisher, now(site.zone)),
            "robots.txt": robots_txt(site.url),
        }
