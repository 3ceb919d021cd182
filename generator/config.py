"""`newsdesk.toml` → a frozen, typed `Config`.

The dataclasses below are the schema: every option's type, default and one-line doc live in
one place, the parser walks them, and `docs/configuration.md` is generated from them. Every
problem in a file is reported at once, each with its key path.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass, replace
from email.utils import formataddr, parseaddr
from functools import cached_property
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .cleaning import normalise
from .errors import ConfigError
from .periods import WEEKDAYS
from .sections import DEFAULT_SECTIONS, section_slug

CONFIG_NAME = "newsdesk.toml"
# Top-level addresses and content folders the site itself uses.
RESERVED_SLUGS = frozenset(
    {"archive", "author", "feeds", "images", "newsletter", "page", "pages", "search",
     "sections", "tag", "theme"}
)  # fmt: skip
FEED_FORMATS = ("rss", "atom", "json")


def option(
    default: Any, doc: str, *, convert: Callable[[Any], Any] | None = None, key: str | None = None
) -> Any:
    """A config option: its default, its documentation, and an optional converter that
    normalises the value or raises ValueError with the problem."""
    return field(default=default, metadata={"doc": doc, "convert": convert, "key": key})


# Converters: each returns the (normalised) value or raises ValueError(problem).
def _not_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _site_url(url: str) -> str:
    if not _is_web_url(url):
        raise ValueError(f"expected an absolute http(s) URL, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _optional_url(url: str) -> str:
    if url and not _is_web_url(url):
        raise ValueError(f'expected an absolute http(s) URL or "", got {url!r}')
    return url


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {name!r}") from None
    return name


def _one_of(*choices: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(map(repr, choices))}, got {value!r}")
        return value

    return check


def _subset_of(*choices: str) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    def check(values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            _one_of(*choices)(value)
        return tuple(dict.fromkeys(values))

    return check


def _at_least(minimum: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value < minimum:
            raise ValueError(f"must be at least {minimum}, got {value}")
        return value

    return check


def _regexes(patterns: tuple[str, ...]) -> tuple[str, ...]:
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"item {index} is not a regular expression: {error}") from None
    return patterns


def _subject_template(template: str) -> str:
    try:
        template.format(site="", lead="", issue="")
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(
            f"unknown placeholder or bad braces in {template!r} ({error}); use {{site}}, "
            "{lead} and {issue}"
        ) from None
    return _not_empty(template)


def _mail_address(value: str) -> str:
    if value and ("@" not in parseaddr(value)[1] or "\n" in value or "\r" in value):
        raise ValueError(
            f"expected a mail address such as 'Name <news@example.org>', got {value!r}"
        )
    return value


def _https_base(url: str) -> str:
    """An https URL (RFC 8058 wants https unsubscribe links); plain http only on this
    machine, for development and tests."""
    local = re.match(r"http://(127\.0\.0\.1|localhost)(:\d+)?/", url + "/")
    if url and not ((url.startswith("https://") or local) and _is_web_url(url)):
        raise ValueError(f'expected an absolute https URL or "", got {url!r}')
    return url if not url or url.endswith("/") else url + "/"


def _env_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"expected the name of an environment variable, got {name!r}")
    return name


def _optional_env_name(name: str) -> str:
    return _env_name(name) if name else name


def _optional_file(value: str) -> str:
    return value if not value else _not_empty(value)


_HOST = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?", re.I)


def _is_web_url(url: str) -> bool:
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


@dataclass(frozen=True)
class SiteConfig:
    title: str = option(
        "Newsdesk Demo", "The site's name, in pages, feeds and e-mails.", convert=_not_empty
    )
    url: str = option(
        "http://localhost:8000/",
        "Where the site is published: feeds, "
        "canonical links and e-mails use it; pages link with its path only, so "
        "output/ also works served locally.",
        convert=_site_url,
    )
    timezone: str = option(
        "UTC",
        "IANA time zone for dates given without one and for newsletter periods.",
        convert=_timezone,
    )
    language: str = option("en", "The `lang` of pages and feeds.", convert=_not_empty)
    description: str = option(
        "Independent news, published with newsdesk.",
        "Meta description of the site and subtitle of its feeds.",
    )
    default_author: str = option(
        "Newsdesk Staff", "Byline of seeds that name no author.", convert=_not_empty
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def path_prefix(self) -> str:
        """The URL path the site lives under, without a trailing slash ('' at the root)."""
        return urlsplit(self.url).path.rstrip("/")

    @property
    def mail_domain(self) -> str:
        """The site's host name, for default addresses and Message-IDs ('localhost' when
        the site is addressed by IP)."""
        host = urlsplit(self.url).hostname or ""
        is_name = _HOST.fullmatch(host) and not host.replace(".", "").isdigit()
        return host if is_name else "localhost"


@dataclass(frozen=True)
class Section:
    name: str = option(
        "",
        "The section's name (required); its address is /<slug of name>/.",
        convert=lambda name: _not_empty(normalise(name)),
    )
    description: str = option("", "One line shown on the section page.")
    keywords: tuple[str, ...] = option(
        (), "Words that choose this section for a seed that gives none."
    )

    @cached_property
    def slug(self) -> str:
        return section_slug(self.name)


@dataclass(frozen=True)
class IngestConfig:
    extra_boilerplate: tuple[str, ...] = option(
        (),
        "Extra regular expressions (case-insensitive) for lines to drop from seeds.",
        convert=_regexes,
    )
    boilerplate: str = option(
        "remove",
        '"remove" drops boilerplate lines (repeated footers, calls to action) and reports '
        'each; "flag" keeps them in the article and only reports them.',
        convert=_one_of("remove", "flag"),
    )
    duplicates: str = option(
        "newest",
        'The same story in several seeds: "newest" publishes the one with the latest date, '
        '"first" the earliest, "both" publishes all; each case is reported.',
        convert=_one_of("newest", "first", "both"),
    )
    workers: int = option(
        0,
        "Processes that read and derive seeds; 0 uses every core when there are enough seeds.",
        convert=_at_least(0),
    )


@dataclass(frozen=True)
class FeedScope:
    enabled: bool = option(True, "Write these feeds.")
    limit: int = option(0, "Most items per feed; 0 uses feeds.limit.", convert=_at_least(0))
    content: str = option(
        "", '"full" or "summary"; "" uses feeds.content.', convert=_one_of("", "full", "summary")
    )
    min_items: int = option(
        1, "Write a feed only where there are at least this many items.", convert=_at_least(1)
    )


@dataclass(frozen=True)
class FeedsConfig:
    formats: tuple[str, ...] = option(
        FEED_FORMATS,
        'Which formats to write: "rss", "atom", "json" (JSON Feed 1.1).',
        convert=_subset_of(*FEED_FORMATS),
    )
    limit: int = option(50, "Most items per feed.", convert=_at_least(1))
    content: str = option(
        "full",
        '"full" puts each article\'s text in feeds; "summary" only its summary.',
        convert=_one_of("full", "summary"),
    )
    websub_hub: str = option(
        "",
        "A WebSub hub URL: announced in every feed and notified by `newsdesk ping`.",
        convert=_optional_url,
    )
    site: FeedScope = option(FeedScope(), "The site-wide feed: every article.")
    section: FeedScope = option(FeedScope(), "A feed per section.")
    # Tag and author feeds are many and are for discovery: summaries of the latest stories.
    tag: FeedScope = option(FeedScope(limit=20, content="summary"), "A feed per tag.")
    author: FeedScope = option(FeedScope(limit=20, content="summary"), "A feed per author.")
    newsletter: FeedScope = option(FeedScope(), "The feed of newsletter issues.")

    def limit_of(self, scope: FeedScope) -> int:
        return scope.limit or self.limit

    def full_text(self, scope: FeedScope) -> bool:
        return (scope.content or self.content) == "full"


@dataclass(frozen=True)
class NewsletterConfig:
    period: str = option(
        "weekly",
        '"daily", "weekly" (ISO weeks, ids such as 2026-W47) or "monthly" (2026-11); days '
        "are counted in site.timezone.",
        convert=_one_of("daily", "weekly", "monthly"),
    )
    first_weekday: str = option(
        "monday", "The day a weekly issue's week starts on.", convert=_one_of(*WEEKDAYS)
    )
    subject: str = option(
        "{site}: {lead}",
        "Subject of an issue; {site} is site.title, {lead} the lead headline, {issue} the "
        "issue id.",
        convert=_subject_template,
    )
    sender: str = option(
        "",
        'From and Reply-To of newsletter e-mails; "" means '
        "'<site.title> <newsletter@<host of site.url>>'.",
        convert=_mail_address,
        key="from",
    )
    postal_address: str = option(
        "", "The publisher's postal address, printed in every e-mail (anti-spam laws ask for one)."
    )
    more_after: int = option(
        10,
        'Stories after this many are listed by headline only, under "More this issue".',
        convert=_at_least(1),
    )


@dataclass(frozen=True)
class SubscribersConfig:
    database: str = option(
        "data/newsdesk.sqlite",
        "The subscriber database (SQLite), relative to the site folder; never inside output/ "
        "or content/, which are published or committed.",
        convert=_not_empty,
    )
    token_key_env: str = option(
        "NEWSDESK_TOKEN_KEY",
        "Name of the environment variable holding the secret that signs confirmation and "
        "unsubscribe links (32 characters or more).",
        convert=_env_name,
    )
    confirm_days: int = option(
        7, "How many days a confirmation link stays valid.", convert=_at_least(1)
    )
    endpoint: str = option(
        "",
        "Base https URL of the subscription service (http only for 127.0.0.1 or localhost): "
        "links are <endpoint>confirm?token=… and "
        '<endpoint>unsubscribe?token=…; "" means unsubscribing by a mailto: link to the sender.',
        convert=_https_base,
    )
    max_hard_bounces: int = option(
        2,
        "A subscriber whose address is refused permanently (5xx) this many times becomes "
        '"bounced" and gets no more mail.',
        convert=_at_least(1),
    )


@dataclass(frozen=True)
class SmtpConfig:
    host: str = option(
        "", 'The SMTP server; "" writes each message to smtp.outbox as an .eml file instead.'
    )
    port: int = option(587, "The server's port (587 for starttls, 465 for tls).")
    security: str = option(
        "starttls",
        '"starttls", "tls" (implicit TLS) or "none" (plain text; no AUTH allowed).',
        convert=_one_of("starttls", "tls", "none"),
    )
    ca_file: str = option(
        "",
        'A PEM file of certificates to trust for the server; "" trusts the system\'s.',
        convert=_optional_file,
    )
    username: str = option("", 'The AUTH user name; "" sends without AUTH.')
    password_env: str = option(
        "NEWSDESK_SMTP_PASSWORD",
        "Name of the environment variable holding the AUTH password (never the password itself).",
        convert=_optional_env_name,
    )
    connections: int = option(4, "How many connections send in parallel.", convert=_at_least(1))
    rate_per_second: int = option(
        0, "Most messages per second, over all connections; 0 = no limit.", convert=_at_least(0)
    )
    max_per_hour: int = option(
        0, "Most messages per hour (a provider's cap); 0 = no limit.", convert=_at_least(0)
    )
    retries: int = option(
        5,
        "Attempts per message after a temporary failure (4xx, dropped connection) before it "
        "counts as failed.",
        convert=_at_least(1),
    )
    retry_delay: int = option(
        30,
        "Seconds before the first retry of a message; each further retry waits twice as long.",
        convert=_at_least(0),
    )
    timeout: int = option(60, "Seconds to wait for the server.", convert=_at_least(1))
    outbox: str = option(
        "data/outbox",
        'Where messages go when smtp.host is "", relative to the site folder.',
        convert=_not_empty,
    )


@dataclass(frozen=True)
class Config:
    root: Path
    site: SiteConfig = option(SiteConfig(), "The site as a whole.")
    sections: tuple[Section, ...] = option(
        tuple(Section(name, desc, words) for name, desc, words in DEFAULT_SECTIONS),
        "The sections, in front-page order. Default: World, Politics, Business, Technology, "
        "Science, Sport, Culture.",
    )
    ingest: IngestConfig = option(IngestConfig(), "Turning seeds into articles.")
    feeds: FeedsConfig = option(FeedsConfig(), "RSS, Atom and JSON feeds.")
    newsletter: NewsletterConfig = option(NewsletterConfig(), "The e-mail digest.")
    subscribers: SubscribersConfig = option(
        SubscribersConfig(), "Subscribers: their database, double opt-in and unsubscribe links."
    )
    smtp: SmtpConfig = option(SmtpConfig(), "Sending the newsletter.")

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
    def database_path(self) -> Path:
        return self.root / self.subscribers.database

    @property
    def outbox_dir(self) -> Path:
        return self.root / self.smtp.outbox

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
    problems: list[str] = []
    values = _parse_table(Config, data, "", problems)
    config = Config(root, **values)
    _check_sections(config.sections, problems)
    _check_private_paths(config, problems)
    if problems:
        raise ConfigError([f"{CONFIG_NAME}: {p}" for p in problems])
    if not config.newsletter.sender:
        sender = formataddr((normalise(config.site.title), f"newsletter@{config.site.mail_domain}"))
        config = replace(config, newsletter=replace(config.newsletter, sender=sender))
    return config


def options_of(cls: type) -> list[tuple[str, Any, type]]:
    """(key in the file, dataclass field, type) for each option of a config dataclass."""
    hints = get_type_hints(cls)
    return [
        (f.metadata.get("key") or f.name, f, hints[f.name])
        for f in fields(cls)
        if "doc" in f.metadata
    ]


def _parse_table(
    cls: type, data: dict[str, Any], prefix: str, problems: list[str]
) -> dict[str, Any]:
    """Field values for `cls` from a TOML table; problems are appended, bad values skipped."""
    options = options_of(cls)
    known = sorted(key for key, _, _ in options)
    for key in data:
        if key not in known:
            problems.append(f"{prefix}{key}: unknown key (expected one of: {', '.join(known)})")
    values = {}
    for key, spec, kind in options:
        if key in data:
            value = _parse_value(kind, data[key], f"{prefix}{key}", problems, spec.default)
            convert = spec.metadata["convert"]
            if value is not MISSING and convert:
                try:
                    value = convert(value)
                except ValueError as error:
                    problems.append(f"{prefix}{key}: {error}")
                    value = MISSING
            if value is not MISSING:
                values[spec.name] = value
    return values


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    bool: "a boolean",
    list: "an array",
    dict: "a table",
}


def _describe(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    return f"{name} ({value!r})" if type(value) in (int, bool) else name


def _parse_value(
    kind: Any, raw: Any, path: str, problems: list[str], default: Any = MISSING
) -> Any:
    if is_dataclass(kind):
        if type(raw) is not dict:
            problems.append(f"{path}: expected a table, got {_describe(raw)}")
            return MISSING
        # A table overrides the keys it names; the rest keep the field's own defaults.
        base = default if is_dataclass(default) else kind()
        return replace(base, **_parse_table(kind, raw, f"{path}.", problems))
    if get_origin(kind) is tuple:
        item_kind = get_args(kind)[0]
        if type(raw) is not list:
            problems.append(f"{path}: expected an array, got {_describe(raw)}")
            return MISSING
        items = [
            _parse_value(item_kind, item, f"{path}[{i}]", problems) for i, item in enumerate(raw)
        ]
        return MISSING if MISSING in items else tuple(items)
    if type(raw) is not kind:
        problems.append(f"{path}: expected {_TYPE_NAMES[kind]}, got {_describe(raw)}")
        return MISSING
    return raw


def _check_sections(sections: tuple[Section, ...], problems: list[str]) -> None:
    if not sections:
        problems.append("sections: at least one section is needed")
    slugs = [s.slug for s in sections]
    for index, section in enumerate(sections):
        key = f"sections[{index}].name"
        if not section.name:
            problems.append(f"{key}: required")
        elif not section.slug:
            problems.append(f"{key}: {section.name!r} needs a letter or digit for its address")
        elif section.slug in RESERVED_SLUGS:
            problems.append(
                f"{key}: {section.name!r} would take the address /{section.slug}/, "
                "which the site uses for its own pages"
            )
        elif slugs.index(section.slug) != index:
            problems.append(f"{key}: duplicate section {section.name!r}")


def _check_private_paths(config: Config, problems: list[str]) -> None:
    """Subscriber addresses must never be published (output/) or committed (content/)."""
    private = [
        ("subscribers.database", config.subscribers.database, config.database_path),
        ("smtp.outbox", config.smtp.outbox, config.outbox_dir),
    ]
    public = [config.output_dir.resolve(), config.content_dir.resolve()]
    for key, given, path in private:
        resolved = path.resolve()
        for folder in public:
            if resolved == folder or folder in resolved.parents:
                problems.append(
                    f"{key}: {given!r} is inside {folder.name}/, which is published or "
                    "committed; keep subscriber data elsewhere (such as data/)"
                )
