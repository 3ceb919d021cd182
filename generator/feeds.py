"""Stories → RSS 2.0, Atom 1.0 and JSON Feed 1.1, for the site, each section, tag and author,
and the newsletter.

Plain functions over `Story` records: no Pelican here. A feed's bytes depend only on its
stories and the config, so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import nh3
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator

from .config import Config, FeedScope
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


def feed_stem(scope: str, slug: str = "") -> str:
    return {"site": "feeds/all", "newsletter": "newsletter/feed"}.get(
        scope, f"feeds/{scope}/{slug}"
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


def channels(stories: Sequence[Story], config: Config) -> list[Channel]:
    """Every article feed to write: site-wide, and one per section, tag and author that
    has enough stories. `stories` newest first."""
    groups: dict[tuple[str, str], list[Story]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for story in stories:
        keys = [("site", "", ""), ("section", story.section.slug, story.section.name)]
        keys += [("tag", t.slug, t.name) for t in story.tags]
        keys += [("author", a.slug, a.name) for a in story.authors]
        for scope, slug, name in keys:
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
    digests: Sequence[Digest], bodies: dict[str, str], config: Config
) -> Channel | None:
    """The feed of newsletter issues, each item carrying the whole issue (`bodies`: issue id →
    HTML)."""
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
        for d in sorted(digests, key=lambda d: d.id, reverse=True)
    )
    return Channel(
        "newsletter",
        f"{config.site.title}: newsletter",
        f"{config.site.url}newsletter/",
        feed_stem("newsletter"),
        items[: config.feeds.limit_of(settings)],
        config.feeds.full_text(settings),
    )


def _issue_summary(digest: Digest) -> str:
    count = len(digest.stories)
    return (
        f"{count} {'story' if count == 1 else 'stories'} from "
        f"{digest.start:%-d %B %Y} to {digest.end:%-d %B %Y}."
    )


def _page(scope: str) -> str:
    return {"section": "", "tag": "tag/", "author": "author/"}[scope]


def render_feeds(stories: Sequence[Story], config: Config) -> dict[str, bytes]:
    """Every article feed in every configured format: {path relative to output/: bytes}."""
    files: dict[str, bytes] = {}
    for channel in channels(stories, config):
        files.update(render_channel(channel, config))
    return files


def render_channel(channel: Channel, config: Config) -> dict[str, bytes]:
    renderers = {"rss": _rss, "atom": _atom, "json": _json_feed}
    return {
        channel.stem + FORMATS[f][1]: renderers[f](channel, config) for f in config.feeds.formats
    }


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


def _generator(channel: Channel, config: Config, fmt: str) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False)
    generator.register_extension("websub", _RssHub, atom=False)
    generator.websub.hub = config.feeds.websub_hub
    generator.id(channel.home)
    generator.title(xml_safe(channel.title))
    generator.description(xml_safe(config.site.description or channel.title))
    generator.subtitle(xml_safe(config.site.description or channel.title))
    generator.language(config.site.language)
    generator.updated(_updated(channel.stories))
    generator.lastBuildDate(_updated(channel.stories))
    generator.generator("newsdesk")
    # Atom requires an author for every entry: the site, unless the entry names its own.
    generator.author(name=xml_safe(config.site.title))
    # feedgen puts the last link into RSS <channel><link>: self first, the page last.
    generator.link(href=_self_url(channel, config, fmt), rel="self")
    if config.feeds.websub_hub and fmt == "atom":
        generator.link(href=config.feeds.websub_hub, rel="hub")
    generator.link(href=channel.home, rel="alternate")
    for story in channel.stories:
        _add_entry(generator, story, channel.full_text, fmt)
    return generator


def _add_entry(generator: FeedGenerator, story: Story, full_text: bool, fmt: str) -> None:
    entry = generator.add_entry(order="append")
    entry.id(story.id)
    entry.guid(story.id, permalink=story.id == story.url)
    entry.title(xml_safe(story.title).strip() or "Untitled")
    entry.link(href=story.url, rel="alternate")
    entry.published(story.date)
    entry.updated(story.updated)
    if fmt == "rss":
        # RSS <description> holds HTML: the plain-text summary is escaped once more.
        entry.description(html.escape(xml_safe(story.summary), quote=False))
    else:
        entry.summary(xml_safe(story.summary))
    if full_text:
        entry.content(safe_html(story.body_html, story.url), type="html")
    for author in story.authors:
        if fmt == "rss":
            entry.dc.dc_creator(xml_safe(author.name))
        else:
            entry.author(name=xml_safe(author.name))
    for term in (story.section, *story.tags):
        if xml_safe(term.name).strip():
            entry.category(term=xml_safe(term.name).strip())


def _with_stylesheet(document: bytes, config: Config) -> bytes:
    """Insert the XSL processing instruction that makes browsers show a readable page."""
    declaration, rest = document.split(b"\n", 1)
    href = f"{config.site.path_prefix}/{STYLESHEET}".encode()
    return declaration + b'\n<?xml-stylesheet href="' + href + b'" type="text/xsl"?>\n' + rest


def _rss(channel: Channel, config: Config) -> bytes:
    document = _generator(channel, config, "rss").rss_str(pretty=True)
    return _with_stylesheet(document, config)


def _atom(channel: Channel, config: Config) -> bytes:
    document = _generator(channel, config, "atom").atom_str(pretty=True)
    return _with_stylesheet(document, config)


def _json_feed(channel: Channel, config: Config) -> bytes:
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
    feed["items"] = [_json_item(story, channel.full_text, config) for story in channel.stories]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
