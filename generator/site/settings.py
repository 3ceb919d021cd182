"""Pelican's settings, made from newsdesk's config."""

from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path
from typing import Any

from ..config import Config
from ..slugs import PELICAN_SLUG_SUBSTITUTIONS
from ..themes import builtin_theme_dir, theme_dirs
from .reader import NewsdeskReader

PAGE_SIZE = 20

# Archives by year and month: newsdesk writes them (Pelican's own take O(N²) steps).
YEAR_ARCHIVE = "archive/{date:%Y}/"
MONTH_ARCHIVE = "archive/{date:%Y}/{date:%m}/"

# Pelican's own feeds are off: ours come from feeds.py.
_PELICAN_FEEDS = (
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


def pelican_settings(config: Config, output: Path, cache: Path) -> dict[str, Any]:
    """Every value here can be pickled (Pelican's content cache stores them with each
    article): template functions and filters are added to each generator's Jinja
    environment instead (see `site/__init__.py`). `cache` is where Pelican keeps the
    articles it has read, for the next build: only changed files are read again."""
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
        "READERS": {"md": NewsdeskReader},
        "MARKDOWN": {
            "extension_configs": {"markdown.extensions.meta": {}},
            "output_format": "html5",
        },
        "FORMATTED_FIELDS": [],  # summaries are plain text, escaped by the theme
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True},
        "TYPOGRIFY": False,
        **{
            f"{kind}_REGEX_SUBSTITUTIONS": PELICAN_SLUG_SUBSTITUTIONS
            for kind in ("SLUG", "CATEGORY", "TAG", "AUTHOR")
        },
        "CACHE_PATH": str(cache),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "generator",  # whole articles, not only their HTML
        "GZIP_CACHE": False,
        # By content, not modification time: a file copied with its old time is read again.
        "CHECK_MODIFIED_METHOD": "sha1",
        "DELETE_OUTPUT_DIRECTORY": False,
        "OUTPUT_SOURCES": False,
        "WITH_FUTURE_DATES": True,
        "RELATIVE_URLS": False,
        # No translations: Pelican's search for them compares every article with every other.
        "ARTICLE_TRANSLATION_ID": None,
        "PAGE_TRANSLATION_ID": None,
        "ARTICLE_PATHS": [""],
        "ARTICLE_EXCLUDES": ["pages", "newsletter"],
        "PAGE_PATHS": ["pages"],
        "STATIC_PATHS": ["images"],
        "ARTICLE_ORDER_BY": newest_first,
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
        "YEAR_ARCHIVE_SAVE_AS": "",
        "MONTH_ARCHIVE_SAVE_AS": "",
        "DAY_ARCHIVE_SAVE_AS": "",
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
        "NEWSLETTER_ADDRESS": parseaddr(config.newsletter.sender)[1],
        "SIGNUP_URL": (config.subscribers.endpoint + "subscribe")
        if config.subscribers.endpoint
        else "",
        **dict.fromkeys(_PELICAN_FEEDS),
    }


def newest_first(article: Any) -> tuple[float, str]:
    return (-article.date.timestamp(), article.slug)
