"""`newsdesk.toml` → a frozen, typed `Config`, with every problem reported by key path."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .cleaning import normalise
from .errors import ConfigError
from .sections import DEFAULT_SECTIONS, section_slug

CONFIG_NAME = "newsdesk.toml"
PERIODS = ("weekly",)
# Top-level addresses and content folders the site itself uses.
RESERVED_SLUGS = frozenset(
    {
        "archive",
        "author",
        "feeds",
        "images",
        "newsletter",
        "page",
        "pages",
        "search",
        "sections",
        "tag",
        "theme",
    }
)


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Newsdesk Demo"
    url: str = "http://localhost:8000/"
    timezone: str = "UTC"
    language: str = "en"
    description: str = "Independent news, published with newsdesk."
    default_author: str = "Newsdesk Staff"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def mail_domain(self) -> str:
        """The site's host name, for default addresses and Message-IDs ('localhost' when
        the site is addressed by IP)."""
        try:
            host = urlsplit(self.url).hostname or ""
        except ValueError:
            host = ""
        return (
            host if _HOST.fullmatch(host) and not host.replace(".", "").isdigit() else "localhost"
        )

    @property
    def path_prefix(self) -> str:
        """The URL path the site lives under, without a trailing slash ('' at the root)."""
        return urlsplit(self.url).path.rstrip("/")


@dataclass(frozen=True)
class IngestConfig:
    extra_boilerplate: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewsletterConfig:
    period: str = "weekly"
    sender: str = ""


@dataclass(frozen=True)
class Config:
    root: Path
    site: SiteConfig = field(default_factory=SiteConfig)
    sections: tuple[Section, ...] = ()
    ingest: IngestConfig = field(default_factory=IngestConfig)
    newsletter: NewsletterConfig = field(default_factory=NewsletterConfig)

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def work_dir(self) -> Path:
        """Scratch space for a build in progress (same file system as `output/`)."""
        return self.root / ".newsdesk"

    @property
    def theme_dir(self) -> Path | None:
        own = self.root / "theme"
        return own if own.is_dir() else None


def load_config(root: Path) -> Config:
    """Read `root/newsdesk.toml` if present; raise `ConfigError` listing every problem."""
    path = root / CONFIG_NAME
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError([f"{CONFIG_NAME}: invalid TOML: {error}"]) from None
    return parse_config(data, root)


def parse_config(data: dict[str, Any], root: Path) -> Config:
    problems = _Problems()
    _reject_unknown(data, "", {"site", "sections", "ingest", "newsletter"}, problems)
    site = _parse_site(_table(data, "site", problems), problems)
    sections = _parse_sections(data.get("sections"), problems)
    ingest = _parse_ingest(_table(data, "ingest", problems), problems)
    newsletter = _parse_newsletter(_table(data, "newsletter", problems), site, problems)
    if problems:
        raise ConfigError([f"{CONFIG_NAME}: {p}" for p in problems])
    return Config(root, site, sections, ingest, newsletter)


class _Problems(list[str]):
    def add(self, key: str, problem: str) -> None:
        self.append(f"{key}: {problem}")


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    list: "an array",
    dict: "a table",
}


def _describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return f"{name} ({value!r})" if kind in (int, bool) else name
    return type(value).__name__


def _get(
    table: dict[str, Any], key: str, prefix: str, kind: type, default: Any, problems: _Problems
) -> Any:
    value = table.get(key, default)
    if type(value) is not kind:
        problems.add(f"{prefix}{key}", f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}")
        return default
    return value


def _table(data: dict[str, Any], key: str, problems: _Problems) -> dict[str, Any]:
    return _get(data, key, "", dict, {}, problems)


def _reject_unknown(
    table: dict[str, Any], prefix: str, known: set[str], problems: _Problems
) -> None:
    for key in table:
        if key not in known:
            problems.add(
                f"{prefix}{key}", f"unknown key (expected one of: {', '.join(sorted(known))})"
            )


def _parse_site(table: dict[str, Any], problems: _Problems) -> SiteConfig:
    defaults = SiteConfig()
    _reject_unknown(
        table,
        "site.",
        {"title", "url", "timezone", "language", "description", "default_author"},
        problems,
    )
    values = {
        name: _get(table, name, "site.", str, getattr(defaults, name), problems)
        for name in ("title", "url", "timezone", "language", "description", "default_author")
    }
    url = values["url"]
    if not _is_site_url(url):
        problems.add("site.url", f"expected an absolute http(s) URL, got {url!r}")
    elif not url.endswith("/"):
        values["url"] = url + "/"
    try:
        ZoneInfo(values["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.add("site.timezone", f"unknown timezone {values['timezone']!r}")
    if not values["title"].strip():
        problems.add("site.title", "must not be empty")
    return SiteConfig(**values)


_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?", re.I)


def _is_site_url(url: str) -> bool:
    """http(s), a valid host name or IP address, an optional port; no query or fragment."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        return False
    host = parts.hostname or ""
    valid_host = bool(_HOST.fullmatch(host)) or (":" in host and "[" in parts.netloc)
    return (
        parts.scheme in ("http", "https")
        and valid_host
        and not (parts.query or parts.fragment or parts.username or " " in url)
    )


def _parse_sections(value: Any, problems: _Problems) -> tuple[Section, ...]:
    if value is None:
        return tuple(
            Section(name, section_slug(name), desc, tuple(words))
            for name, desc, words in DEFAULT_SECTIONS
        )
    if not isinstance(value, list) or not value:
        problems.add("sections", "expected a non-empty array of tables ([[sections]])")
        return ()
    sections: list[Section] = []
    for index, item in enumerate(value):
        prefix = f"sections[{index}]."
        if not isinstance(item, dict):
            problems.add(f"sections[{index}]", f"expected a table, got {_describe(item)}")
            continue
        _reject_unknown(item, prefix, {"name", "description", "keywords"}, problems)
        name = normalise(_get(item, "name", prefix, str, "", problems))
        if not name:
            problems.add(f"{prefix}name", "required")
            continue
        keywords = _get(item, "keywords", prefix, list, [], problems)
        if not all(isinstance(word, str) for word in keywords):
            problems.add(f"{prefix}keywords", "expected an array of strings")
            keywords = []
        description = _get(item, "description", prefix, str, "", problems)
        sections.append(Section(name, section_slug(name), description, tuple(keywords)))
    slugs = [s.slug for s in sections]
    for index, section in enumerate(sections):
        key = f"sections[{index}].name"
        if not section.slug:
            problems.add(key, f"{section.name!r} needs a letter or digit for its address")
        elif section.slug in RESERVED_SLUGS:
            problems.add(
                key,
                f"{section.name!r} would take the address /{section.slug}/, "
                "which the site uses for its own pages",
            )
        elif slugs.index(section.slug) != index:
            problems.add(key, f"duplicate section {section.name!r}")
    return tuple(sections)


def _parse_ingest(table: dict[str, Any], problems: _Problems) -> IngestConfig:
    _reject_unknown(table, "ingest.", {"extra_boilerplate"}, problems)
    patterns = _get(table, "extra_boilerplate", "ingest.", list, [], problems)
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            problems.add(f"ingest.extra_boilerplate[{index}]", f"not a regular expression: {error}")
            return IngestConfig()
    return IngestConfig(tuple(patterns))


def _parse_newsletter(
    table: dict[str, Any], site: SiteConfig, problems: _Problems
) -> NewsletterConfig:
    _reject_unknown(table, "newsletter.", {"period", "from"}, problems)
    period = _get(table, "period", "newsletter.", str, "weekly", problems)
    if period not in PERIODS:
        problems.add("newsletter.period", f"expected one of {', '.join(PERIODS)}, got {period!r}")
    default_sender = formataddr((normalise(site.title), f"newsletter@{site.mail_domain}"))
    sender = _get(table, "from", "newsletter.", str, default_sender, problems)
    if "@" not in parseaddr(sender)[1] or "\n" in sender or "\r" in sender:
        problems.add(
            "newsletter.from",
            f"expected a mail address such as 'Name <news@example.org>', got {sender!r}",
        )
    return NewsletterConfig(period, sender)
