"""All of newsdesk's Pelican code: settings from the config, the build, and the generator
that turns Pelican's articles into `Story` records for feeds and digests."""

from __future__ import annotations

import html
import logging
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican import Pelican, signals
from pelican.generators import Generator
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from .atomic import write_staged
from .config import Config, Section
from .dates import now
from .digest import build_digests, grouped_by_section, render_email
from .errors import BuildError
from .feeds import (
    FeedLink,
    feed_links,
    newsletter_channel,
    render_channels,
    render_feeds,
    scope_label,
)
from .mail import digest_message
from .models import Digest, Story, Term
from .related import Neighbours, related_index, section_neighbours
from .seo import (
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
from .slugs import PELICAN_SLUG_SUBSTITUTIONS
from .themes import builtin_theme_dir, theme_dirs

PAGE_SIZE = 20
FRONT_PAGE_PER_SECTION = 5


@dataclass
class SiteReport:
    stories: list[Story] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # from Pelican, e.g. a skipped file
    errors: list[str] = field(default_factory=list)


def build_site(config: Config, output: Path) -> SiteReport:
    """Run Pelican on content/ into `output` (a staging folder), plus our feeds and digests."""
    report = SiteReport()
    config.content_dir.mkdir(parents=True, exist_ok=True)  # Pelican refuses a missing one
    page_feeds = _PageFeeds(config)
    index = _SiteIndex(config)
    settings = read_settings(None, override=pelican_settings(config, output, page_feeds, index))
    capture = _ProblemLog(report)
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(capture)

    def add_generator(_pelican: Pelican) -> type[Generator]:
        return _newsdesk_generator(config, report, index)

    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(page_feeds.count)
    signals.article_generator_finalized.connect(index.read)
    pelican_console.quiet = True  # our CLI prints its own summary
    try:
        Pelican(settings).run()
    except Exception as error:  # Pelican raises bare exceptions for template and read errors
        raise BuildError(f"site build failed: {error}") from error
    finally:
        signals.get_generators.disconnect(add_generator)
        signals.article_generator_finalized.disconnect(page_feeds.count)
        signals.article_generator_finalized.disconnect(index.read)
        pelican_logger.removeHandler(capture)
        pelican_console.quiet = False
    return report


def pelican_settings(
    config: Config, output: Path, feeds: _PageFeeds, index: _SiteIndex
) -> dict[str, Any]:
    site = config.site
    overrides = [str(d) for d in theme_dirs(config, "templates")][:-1]
    static = [str(d) for d in reversed(theme_dirs(config, "static"))]
    return {
        "PATH": str(config.content_dir),
        "OUTPUT_PATH": str(output),
        "THEME": str(builtin_theme_dir()),
        "THEME_TEMPLATES_OVERRIDES": overrides,
        "THEME_STATIC_PATHS": static,
        "THEME_STATIC_DIR": "theme",
        "SITENAME": site.title,
        "SITEURL": site.path_prefix,
        "SITE_ABSOLUTE_URL": site.url,
        "SITE_DESCRIPTION": site.description,
        "AUTHOR": site.default_author,
        "TIMEZONE": site.timezone,
        "DEFAULT_LANG": site.language,
        "LOCALE": ("C.UTF-8", "C"),
        "DEFAULT_DATE_FORMAT": "%-d %B %Y",
        "DEFAULT_CATEGORY": config.sections[0].name,
        "USE_FOLDER_AS_CATEGORY": False,
        "PLUGINS": [],
        "MARKDOWN": {
            "extension_configs": {"markdown.extensions.meta": {}},
            "output_format": "html5",
        },
        "FORMATTED_FIELDS": [],  # summaries are plain text, escaped by the theme
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True},
        "JINJA_FILTERS": {
            "by_section": _by_section_filter(config.sections),
            "dek": dek,
            "local": index.local,
            "canonical": index.canonical,
        },
        "TYPOGRIFY": False,
        **{
            f"{kind}_REGEX_SUBSTITUTIONS": PELICAN_SLUG_SUBSTITUTIONS
            for kind in ("SLUG", "CATEGORY", "TAG", "AUTHOR")
        },
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "DELETE_OUTPUT_DIRECTORY": False,
        "OUTPUT_SOURCES": False,
        "WITH_FUTURE_DATES": True,
        "RELATIVE_URLS": False,
        "ARTICLE_PATHS": [""],
        "ARTICLE_EXCLUDES": ["pages", "newsletter"],
        "PAGE_PATHS": ["pages"],
        "STATIC_PATHS": ["images"],
        "ARTICLE_ORDER_BY": _newest_first,
        "ARTICLE_URL": "{category}/{slug}/",
        "ARTICLE_SAVE_AS": "{category}/{slug}/index.html",
        "PAGE_URL": "{slug}/",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "CATEGORY_URL": "{slug}/",
        "CATEGORY_SAVE_AS": "{slug}/index.html",
        "TAG_URL": "tag/{slug}/",
        "TAG_SAVE_AS": "tag/{slug}/index.html",
        "AUTHOR_URL": "author/{slug}/",
        "AUTHOR_SAVE_AS": "author/{slug}/index.html",
        "ARCHIVES_SAVE_AS": "archive/index.html",
        "YEAR_ARCHIVE_URL": "archive/{date:%Y}/",
        "YEAR_ARCHIVE_SAVE_AS": "archive/{date:%Y}/index.html",
        "MONTH_ARCHIVE_URL": "archive/{date:%Y}/{date:%m}/",
        "MONTH_ARCHIVE_SAVE_AS": "archive/{date:%Y}/{date:%m}/index.html",
        "TAGS_SAVE_AS": "tag/index.html",
        "CATEGORIES_SAVE_AS": "sections/index.html",
        "AUTHORS_SAVE_AS": "author/index.html",
        "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],
        "TEMPLATE_PAGES": {"404.html": "404.html", "search.html": "search/index.html"},
        "DEFAULT_PAGINATION": PAGE_SIZE,
        "PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "author": None},
        "PAGINATION_PATTERNS": (
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        ),
        "SECTIONS": [
            {"name": s.name, "slug": s.slug, "description": s.description} for s in config.sections
        ],
        "JINJA_GLOBALS": {
            "feeds_for": feeds.feeds_for,
            "related_to": index.related_to,
            "neighbours_of": index.neighbours_of,
            "article_json_ld": index.article_json_ld,
            "NEWSLETTER_ADDRESS": parseaddr(config.newsletter.sender)[1],
            "SIGNUP_URL": (config.subscribers.endpoint + "subscribe")
            if config.subscribers.endpoint
            else "",
        },
        # Pelican's own feeds are off: ours come from feeds.py.
        **{
            key: None
            for key in (
                "FEED_ATOM",
                "FEED_RSS",
                "FEED_ALL_ATOM",
                "FEED_ALL_RSS",
                "CATEGORY_FEED_ATOM",
                "CATEGORY_FEED_RSS",
                "AUTHOR_FEED_ATOM",
                "AUTHOR_FEED_RSS",
                "TAG_FEED_ATOM",
                "TAG_FEED_RSS",
                "TRANSLATION_FEED_ATOM",
                "TRANSLATION_FEED_RSS",
            )
        },
    }


def _newest_first(article: Any) -> tuple[float, str]:
    return (-article.date.timestamp(), article.slug)


def _by_section_filter(sections: Sequence[Section]):
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


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def dek(article: Any) -> str:
    """The article's summary as plain text: the one its file gives, or else the text of its
    first paragraph (Pelican's own fallback would be HTML)."""
    given = article.metadata.get("summary")
    if given:
        return str(given)
    match = _FIRST_PARAGRAPH.search(article.content)
    return html.unescape(_TAG.sub("", match[1])).strip() if match else ""


def story_from_article(article: Any, config: Config) -> Story:
    url = config.site.url + article.url
    guid = article.metadata.get("guid")  # recorded at first publication, relative to the site
    return Story(
        id=config.site.url + guid if guid else url,
        url=url,
        title=article.title,
        summary=dek(article),
        body_html=article.content,
        date=article.date,
        updated=getattr(article, "modified", None) or article.date,
        section=Term(article.category.name, article.category.slug),
        tags=tuple(Term(t.name, t.slug) for t in getattr(article, "tags", [])),
        authors=tuple(Term(a.name, a.slug) for a in getattr(article, "authors", [])),
        reading_minutes=int(getattr(article, "reading_time", 1) or 1),
    )


class _PageFeeds:
    """The feeds a page announces in its <head>: the site's, plus those of the section, tag
    or author it shows. Counts come from Pelican's articles, once they are read."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.counts: Counter[tuple[str, str]] = Counter()

    def count(self, generator: Any) -> None:
        for article in generator.articles:
            self.counts["section", article.category.slug] += 1
            for tag in getattr(article, "tags", []):
                self.counts["tag", tag.slug] += 1
            for author in getattr(article, "authors", []):
                self.counts["author", author.slug] += 1

    def feeds_for(self, scope: str = "site", term: Any = None, own: bool = False) -> list[FeedLink]:
        """Feeds for a page of `scope` about `term` (a Pelican category, tag or author); with
        `own`, without the site-wide ones."""
        links = [] if own and scope != "site" else feed_links(self.config, "site")
        if scope == "newsletter":
            links += feed_links(self.config, "newsletter", label="newsletter")
        elif term is not None:
            label = scope_label(scope, term.name)
            count = self.counts[scope, term.slug]
            links += feed_links(self.config, scope, term.slug, label, count)
        return links


class _SiteIndex:
    """Every story of the site, once Pelican has read them all (before it writes a page): for
    related stories, previous/next in a section and JSON-LD on article pages."""

    def __init__(self, config: Config) -> None:
        self.config = config
        site = config.site
        self.publisher = Publisher(site.title, site.url, site.language)
        self.stories: list[Story] = []
        self._related: dict[str, list[Story]] = {}
        self._neighbours: dict[str, Neighbours] = {}

    def read(self, generator: Any) -> None:
        self.stories = [story_from_article(a, self.config) for a in generator.articles]
        self._related = related_index(self.stories)
        self._neighbours = section_neighbours(self.stories)

    def related_to(self, article: Any) -> list[Story]:
        return self._related.get(self.config.site.url + article.url, [])

    def neighbours_of(self, article: Any) -> Neighbours:
        return self._neighbours.get(self.config.site.url + article.url, Neighbours(None, None))

    def article_json_ld(self, article: Any) -> list[Markup]:
        """NewsArticle and BreadcrumbList, ready for <script type="application/ld+json">;
        json_ld() escapes every character that could end the element."""
        story = story_from_article(article, self.config)
        trail = [
            (self.config.site.title, self.config.site.url),
            (story.section.name, self.canonical(article.category.save_as)),
            (story.title, story.url),
        ]
        return [
            Markup(json_ld(news_article(story, self.publisher))),
            Markup(json_ld(breadcrumbs(trail))),
        ]

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


def _newsdesk_generator(config: Config, report: SiteReport, index: _SiteIndex) -> type[Generator]:
    class NewsdeskGenerator(Generator):
        """Runs after Pelican's own generators: feeds, sitemaps, newsletter pages, e-mails."""

        def generate_output(self, writer: Any) -> None:
            stories = index.stories
            report.stories = stories
            report.digests = build_digests(stories, config)
            self._write_files(render_feeds(stories, config))
            self._write_files(index.seo_files(self.context.get("pages", [])))
            self._write_newsletter(writer, report.digests)

        def _write_files(self, files: dict[str, bytes]) -> None:
            for relative, data in files.items():
                write_staged(Path(self.output_path) / relative, data)

        def _write_newsletter(self, writer: Any, digests: list[Digest]) -> None:
            bodies: dict[str, str] = {}
            for digest in digests:
                email = render_email(digest, config)
                if email.warning:
                    report.warnings.append(email.warning)
                bodies[digest.id] = email.html
                folder = f"newsletter/{digest.id}"
                message = digest_message(digest, email, config)
                self._write_files({f"{folder}/{digest.id}.eml": message.as_bytes()})
                writer.write_file(
                    f"{folder}/index.html",
                    self.get_template("newsletter_issue"),
                    self.context,
                    issue=digest,
                    lead=digest.stories[0],
                    issue_sections=grouped_by_section(digest.stories[1:], config),
                    eml_url=f"{config.site.path_prefix}/{folder}/{digest.id}.eml",
                    page_name=folder,
                )
            writer.write_file(
                "newsletter/index.html",
                self.get_template("newsletter"),
                self.context,
                issues=list(reversed(digests)),
                page_name="newsletter",
            )
            channel = newsletter_channel(digests, bodies, config)
            if channel:
                self._write_files(render_channels([channel], config))

    return NewsdeskGenerator


class _ProblemLog(logging.Handler):
    """Collects Pelican's warnings and errors, each as one line, for the build report."""

    def __init__(self, report: SiteReport) -> None:
        super().__init__(logging.WARNING)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # Pelican logs "Could not process x.md" from inside its except block without the
        # exception; emit() runs in that block, so the reason is still at hand.
        reason = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if reason:
            message += f": {reason}"
        message = " ".join(message.split())
        (self.report.errors if record.levelno >= logging.ERROR else self.report.warnings).append(
            message
        )
