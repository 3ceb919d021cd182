"""Stories → RSS 2.0, Atom 1.0 and JSON Feed 1.1, for the site, each section, tag and author,
and the newsletter.

Plain functions over `Story` records: no Pelican here. A feed's bytes depend only on its
stories and the config, so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from xml.sax.saxutils import escape

import nh3
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from .config import Config, FeedScope, SiteConfig
from .models import Digest, Story, Term

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# XML 1.0 forbids control characters other than tab and line breaks, and U+FFFE/U+FFFF.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ATOM_NS = "http://www.w3.org/2005/Atom"
STYLESHEET = "theme/feed.xsl"  # relative to the site root; ships in the theme's static/

# format → (MIME type, file suffix, label)
FORMATS = {
    "rss": ("application/rss+xml", ".rss.xml", "RSS"),
    "atom": ("application/atom+xml", ".atom.xml", "Atom"),
    "json": ("application/feed+json", ".json", "JSON Feed"),
}


@dataclass(frozen=True)
class FeedLink:
    """What a page's <head> needs to announce a feed."""

    title: str
    url: str  # absolute
    type: str  # MIME type
    path: str  # relative to output/


@dataclass(frozen=True)
class Channel:
    """One feed, before it is written in each format."""

    scope: str  # "site", "section", "tag", "author" or "newsletter"
    title: str
    home: str  # absolute URL of the page the feed follows
    stem: str  # path without suffix, relative to output/
    stories: tuple[Story, ...]  # newest first, already cut to the limit
    full_text: bool


def xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


FEEDS_FOLDER = "feeds/"  # every article feed; the newsletter's is with its pages


def feed_stem(scope: str, slug: str = "") -> str:
    return {"site": f"{FEEDS_FOLDER}all", "newsletter": "newsletter/feed"}.get(
        scope, f"{FEEDS_FOLDER}{scope}/{slug}"
    )


def feed_links(
    config: Config, scope: str, slug: str = "", label: str = "", count: int | None = None
) -> list[FeedLink]:
    """The feeds written for a scope (and slug), one link per format; none when the scope is
    off or has fewer items than its `min_items`."""
    settings: FeedScope = getattr(config.feeds, scope)
    if not settings.enabled or (count is not None and count < settings.min_items):
        return []
    title = f"{config.site.title}: {label}" if label else config.site.title
    stem = feed_stem(scope, slug)
    return [
        FeedLink(
            f"{title} ({FORMATS[f][2]})",
            config.site.url + stem + FORMATS[f][1],
            FORMATS[f][0],
            stem + FORMATS[f][1],
        )
        for f in config.feeds.formats
    ]


def scope_label(scope: str, name: str) -> str:
    return {
        "section": name,
        "tag": f"topic {name}",
        "author": f"stories by {name}",
        "newsletter": "newsletter",
    }.get(scope, "")


def scopes_of(story: Story) -> list[tuple[str, str, str]]:
    """(scope, slug, name) of each article feed the story can be in."""
    keys = [("site", "", ""), ("section", story.section.slug, story.section.name)]
    keys += [("tag", t.slug, t.name) for t in story.tags]
    keys += [("author", a.slug, a.name) for a in story.authors]
    return keys


def channels(
    stories: Sequence[Story], config: Config, only: Collection[tuple[str, str]] | None = None
) -> list[Channel]:
    """Every article feed to write: site-wide, and one per section, tag and author that
    has enough stories; or only those of `only` ((scope, slug) pairs). `stories` newest
    first."""
    groups: dict[tuple[str, str], list[Story]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for story in stories:
        for scope, slug, name in scopes_of(story):
            if only is None or (scope, slug) in only:
                groups[scope, slug].append(story)
                names.setdefault((scope, slug), name)
    result = []
    for (scope, slug), items in sorted(groups.items()):
        settings: FeedScope = getattr(config.feeds, scope)
        if not settings.enabled or len(items) < settings.min_items:
            continue
        label = scope_label(scope, names[scope, slug])
        home = config.site.url + ("" if scope == "site" else f"{_page(scope)}{slug}/")
        result.append(
            Channel(
                scope,
                f"{config.site.title}: {label}" if label else config.site.title,
                home,
                feed_stem(scope, slug),
                tuple(items[: config.feeds.limit_of(settings)]),
                config.feeds.full_text(settings),
            )
        )
    return result


def newsletter_channel(
    digests: Sequence[Digest], bodies: Mapping[str, str], config: Config
) -> Channel | None:
    """The feed of newsletter issues, each item carrying the whole issue (`bodies`: issue id →
    HTML, needed only for the issues within the feed's limit: `newest_issues`)."""
    settings = config.feeds.newsletter
    if not settings.enabled or len(digests) < settings.min_items:
        return None
    items = tuple(
        Story(
            id=d.url,
            url=d.url,
            title=d.title,
            summary=_issue_summary(d),
            body_html=bodies[d.id],
            date=max(s.date for s in d.stories),
            updated=max(s.updated for s in d.stories),
            section=Term("Newsletter", "newsletter"),
            tags=(),
            authors=(),
        )
        for d in newest_issues(digests, config)
    )
    return Channel(
        "newsletter",
        f"{config.site.title}: newsletter",
        f"{config.site.url}newsletter/",
        feed_stem("newsletter"),
        items,
        config.feeds.full_text(settings),
    )


def newest_issues(digests: Sequence[Digest], config: Config) -> list[Digest]:
    """The issues the newsletter feed lists, newest first."""
    newest = sorted(digests, key=lambda d: d.id, reverse=True)
    return newest[: config.feeds.limit_of(config.feeds.newsletter)]


def _issue_summary(digest: Digest) -> str:
    count = len(digest.stories)
    return (
        f"{count} {'story' if count == 1 else 'stories'} from "
        f"{digest.start:%-d %B %Y} to {digest.end:%-d %B %Y}."
    )


def _page(scope: str) -> str:
    return {"section": "", "tag": "tag/", "author": "author/"}[scope]


# A story's entry in each format, as the bytes that go into every feed listing it:
# format → story id → bytes.
Entries = dict[str, dict[str, bytes]]


def render_feeds(stories: Sequence[Story], config: Config) -> dict[str, bytes]:
    """Every article feed in every configured format: {path relative to output/: bytes}."""
    return render_channels(channels(stories, config), config)


def render_channels(feeds: Sequence[Channel], config: Config) -> dict[str, bytes]:
    """Render channels in every configured format: {path relative to output/: bytes}."""
    return dict(sorted((path, data) for _, path, data in channel_files(feeds, config)))


def channel_files(
    feeds: Sequence[Channel], config: Config, formats: Sequence[str] = ()
) -> Iterator[tuple[Channel, str, bytes]]:
    """(channel, path, bytes) of each channel in each of `formats` (default: the configured
    ones), one at a time."""
    formats = formats or config.feeds.formats
    for full_text in (True, False):
        group = [c for c in feeds if c.full_text == full_text]
        if group:
            entries = render_entries(stories_of(group), full_text, config, formats)
            for channel in group:
                yield from feed_files(channel, entries, config, formats)


def stories_of(feeds: Iterable[Channel]) -> list[Story]:
    """The stories of `feeds`, each once."""
    return list({s.id: s for c in feeds for s in c.stories}.values())


def render_entries(
    stories: Sequence[Story], full_text: bool, config: Config, formats: Sequence[str]
) -> Entries:
    """Each story's entry in each of `formats`. A story appears in many feeds (the site's,
    its section's, each tag's, its author's), so its entries are rendered once, here: feedgen
    makes one entry per story and writes the batch as RSS and as Atom, and the entries are
    cut out of those two documents."""
    entries: Entries = {}
    xml_formats = [fmt for fmt in formats if fmt in _ENTRY]
    if xml_formats:
        site, hub = config.site, config.feeds.websub_hub
        batch = _generator(site, hub, "rss", "batch", site.url, site.url, _EPOCH)
        for story in stories:
            _add_entry(batch, story, full_text)
        for fmt in xml_formats:
            found = _entries_in(_feedgen_bytes(batch, fmt), fmt)
            assert len(found) == len(stories), "feedgen's layout changed"
            entries[fmt] = {story.id: entry for story, entry in zip(stories, found, strict=True)}
    if "json" in formats:
        entries["json"] = {
            story.id: _json_bytes(_json_item(story, full_text, config)) for story in stories
        }
    return entries


def feed_files(
    channel: Channel, entries: Entries, config: Config, formats: Sequence[str]
) -> Iterator[tuple[Channel, str, bytes]]:
    """(channel, path, bytes) of a channel in each of `formats`, from its stories' entries."""
    for fmt in formats:
        items = [entries[fmt][story.id] for story in channel.stories]
        yield channel, channel.stem + FORMATS[fmt][1], _ASSEMBLE[fmt](channel, items, config)


def channel_key(channel: Channel, base: bytes) -> str:
    """What a channel's files are made from: `base` (config and code) and every field of
    its stories, so that a channel whose key is unchanged can keep its files."""
    parts = [base, repr((channel.scope, channel.title, channel.home, channel.stem)).encode()]
    parts.append(b"full" if channel.full_text else b"summary")
    parts += (story.fingerprint for story in channel.stories)
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()


def safe_html(body: str, base_url: str) -> str:
    """Feed-ready HTML: links and images absolute (against the article's URL), no scripts,
    styles, event handlers, javascript: links or characters XML forbids."""
    return nh3.clean(
        xml_safe(body),
        url_relative=("rewrite_with_base", base_url),
        clean_content_tags={"script", "style"},
        link_rel=None,
    )


def _updated(stories: Iterable[Story]) -> datetime:
    return max((s.updated for s in stories), default=_EPOCH)


def _self_url(channel: Channel, config: Config, fmt: str) -> str:
    return config.site.url + channel.stem + FORMATS[fmt][1]


class _RssHub(BaseExtension):
    """feedgen writes only the self link into RSS; WebSub also needs <atom:link rel="hub">."""

    hub = ""

    def extend_rss(self, feed):  # type: ignore[no-untyped-def]
        if self.hub:
            channel = feed[0]
            link = channel.makeelement(f"{{{ATOM_NS}}}link", {"href": self.hub, "rel": "hub"})
            channel.insert(4, link)
        return feed


def _generator(
    site: SiteConfig, hub: str, fmt: str, title: str, home: str, self_url: str, updated: datetime
) -> FeedGenerator:
    """A feed with the channel's own elements and no entries yet."""
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False)
    generator.register_extension("websub", _RssHub, atom=False)
    generator.websub.hub = hub
    generator.id(home)
    generator.title(xml_safe(title))
    generator.description(xml_safe(site.description or title))
    generator.subtitle(xml_safe(site.description or title))
    generator.language(site.language)
    generator.updated(updated)
    generator.lastBuildDate(updated)
    generator.generator("newsdesk")
    # Atom requires an author for every entry: the site, unless the entry names its own.
    generator.author(name=xml_safe(site.title))
    # feedgen puts the last link into RSS <channel><link>: self first, the page last.
    generator.link(href=self_url, rel="self")
    if hub and fmt == "atom":
        generator.link(href=hub, rel="hub")
    generator.link(href=home, rel="alternate")
    return generator


def _add_entry(generator: FeedGenerator, story: Story, full_text: bool) -> None:
    """One feedgen entry that serves both RSS and Atom."""
    entry = generator.add_entry(order="append")
    entry.guid(story.id, permalink=story.id == story.url)  # also Atom's <id>
    entry.title(xml_safe(story.title).strip() or "Untitled")
    entry.link(href=story.url, rel="alternate")
    entry.published(story.date)
    entry.updated(story.updated)
    # RSS <description> holds HTML, so the plain-text summary is escaped once more, and
    # Atom's <summary type="html"> carries the same: readers of both show the text itself.
    entry.summary(html.escape(xml_safe(story.summary), quote=False), type="html")
    if full_text:
        entry.content(safe_html(story.body_html, story.url), type="html")
    for author in story.authors:
        name = xml_safe(author.name)
        entry.dc.dc_creator(name)  # RSS's <author> holds only e-mail addresses
        entry.author(name=name)  # Atom's; without an e-mail address RSS leaves it out
    # One call for all: feedgen redoes its list of RSS categories on every call.
    names = (xml_safe(term.name).strip() for term in (story.section, *story.tags))
    categories = [{"term": name} for name in names if name]
    if categories:
        entry.category(categories)


def _feedgen_bytes(generator: FeedGenerator, fmt: str) -> bytes:
    return generator.rss_str(pretty=True) if fmt == "rss" else generator.atom_str(pretty=True)


# How feedgen pretty-prints an entry inside a feed: its first line begins with the first
# of these, its last line is the second.
_ENTRY = {"rss": (b"    <item>", b"    </item>\n"), "atom": (b"  <entry>", b"  </entry>\n")}


def _entries_in(document: bytes, fmt: str) -> list[bytes]:
    """The entries of a pretty-printed feed, indentation and line ends included. The start
    tag is found by plain search: in text and attributes lxml escapes every '<'."""
    start, end = _ENTRY[fmt]
    first = document.find(start)
    if first < 0:
        return []
    last = document.rindex(end) + len(end)
    return [start + entry for entry in document[first:last].split(start)[1:]]


_ENTRIES_END = {"rss": b"  </channel>\n", "atom": b"</feed>\n"}

# Placeholders for a channel's own values in a header rendered once by feedgen; they are
# plain ASCII that no escaping changes, and the date is one no story has.
_TITLE = b"newsdesk-placeholder-title"
_HOME = b"https://newsdesk.invalid/placeholder-home/"
_SELF = b"https://newsdesk.invalid/placeholder-self.xml"
_WHEN = datetime(1901, 2, 3, 4, 5, 6, tzinfo=UTC)
_DATE_TEXT = {"rss": format_datetime(_WHEN).encode(), "atom": _WHEN.isoformat().encode()}


def _header(config: Config, fmt: str) -> tuple[list[bytes], bytes]:
    return _site_header(config.site, config.feeds.websub_hub, fmt)


@cache  # on the few settings it reads: hashing the whole config costs more than the rest
def _site_header(site: SiteConfig, hub: str, fmt: str) -> tuple[list[bytes], bytes]:
    """feedgen's rendering of an empty feed made with placeholders, with the stylesheet:
    the part before the entries cut at the placeholders ([text, placeholder, text, …,
    text]), and the part after them."""
    generator = _generator(site, hub, fmt, _TITLE.decode(), _HOME.decode(), _SELF.decode(), _WHEN)
    shell = _with_stylesheet(_feedgen_bytes(generator, fmt), site)
    head, tail = shell.rsplit(_ENTRIES_END[fmt], 1)
    placeholders = (_TITLE, _HOME, _SELF, _DATE_TEXT[fmt])
    pieces = re.split(b"(" + b"|".join(map(re.escape, placeholders)) + b")", head)
    return pieces, _ENTRIES_END[fmt] + tail


def _xml_feed(fmt: str) -> Callable[[Channel, list[bytes], Config], bytes]:
    def assemble(channel: Channel, entries: list[bytes], config: Config) -> bytes:
        pieces, tail = _header(config, fmt)
        updated = _updated(channel.stories)
        values = {
            _TITLE: _text(xml_safe(channel.title)).encode(),
            _HOME: _attribute(channel.home).encode(),
            _SELF: _attribute(_self_url(channel, config, fmt)).encode(),
            _DATE_TEXT[fmt]: (
                format_datetime(updated) if fmt == "rss" else updated.isoformat()
            ).encode(),
        }
        head = pieces.copy()
        head[1::2] = [values[placeholder] for placeholder in pieces[1::2]]
        return b"".join(head + entries) + tail

    return assemble


def _text(value: str) -> str:
    """Escaped as lxml escapes element text."""
    return escape(value, {"\r": "&#13;"})


def _attribute(value: str) -> str:
    """Escaped as lxml escapes attribute values."""
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _with_stylesheet(document: bytes, site: SiteConfig) -> bytes:
    """Insert the XSL processing instruction that makes browsers show a readable page."""
    declaration, rest = document.split(b"\n", 1)
    href = f"{site.path_prefix}/{STYLESHEET}".encode()
    return declaration + b'\n<?xml-stylesheet href="' + href + b'" type="text/xsl"?>\n' + rest


def _json_bytes(value: object) -> bytes:
    # Compact: with an indent, json falls back from its C encoder to a slow Python one.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _json_feed(channel: Channel, items: list[bytes], config: Config) -> bytes:
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.home,
        "feed_url": _self_url(channel, config, "json"),
        "description": config.site.description,
        "language": config.site.language,
    }
    if config.feeds.websub_hub:
        feed["hubs"] = [{"type": "WebSub", "url": config.feeds.websub_hub}]
    shell = _json_bytes(feed)  # "items" goes last, in place of the closing brace
    return shell[:-1] + b',"items":[' + b",".join(items) + b"]}\n"


def _json_item(story: Story, full_text: bool, config: Config) -> dict[str, object]:
    item: dict[str, object] = {"id": story.id, "url": story.url, "title": story.title}
    if full_text:
        item["content_html"] = safe_html(story.body_html, story.url)
    else:
        item["content_text"] = story.summary
    item.update(
        {
            "summary": story.summary,
            "date_published": story.date.isoformat(),
            "date_modified": story.updated.isoformat(),
            "authors": [
                {"name": a.name, "url": f"{config.site.url}author/{a.slug}/"} for a in story.authors
            ],
            "tags": [t.name for t in (story.section, *story.tags)],
            "language": config.site.language,
        }
    )
    return item


_ASSEMBLE = {"rss": _xml_feed("rss"), "atom": _xml_feed("atom"), "json": _json_feed}
