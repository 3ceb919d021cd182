"""Stories → RSS 2.0 and Atom feeds (site-wide, per section, and the digest feed).

Plain functions over `Story` records: no Pelican here. Every feed's bytes depend only on its
stories, so an unchanged site gives byte-identical feeds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from .config import Config, Section
from .models import Digest, Story

FEED_LIMIT = 50
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Characters XML 1.0 forbids: control characters other than tab and line breaks, and the
# non-characters U+FFFE/U+FFFF.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class FeedLink:
    """What a page's <head> needs to announce a feed."""

    title: str
    url: str  # absolute
    type: str  # MIME type
    path: str  # relative to output/


def xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def _links(config: Config, stem: str, label: str) -> list[FeedLink]:
    return [
        FeedLink(
            f"{label} (RSS)",
            config.site.url + f"{stem}.rss.xml",
            "application/rss+xml",
            f"{stem}.rss.xml",
        ),
        FeedLink(
            f"{label} (Atom)",
            config.site.url + f"{stem}.atom.xml",
            "application/atom+xml",
            f"{stem}.atom.xml",
        ),
    ]


def site_feed_links(config: Config) -> list[FeedLink]:
    return _links(config, "feeds/all", config.site.title)


def section_feed_links(config: Config, section: Section) -> list[FeedLink]:
    return _links(config, f"feeds/{section.slug}", f"{config.site.title}: {section.name}")


def digest_feed_links(config: Config) -> list[FeedLink]:
    return _links(config, "newsletter/feed", f"{config.site.title}: newsletter")


def render_feeds(stories: Sequence[Story], config: Config) -> dict[str, bytes]:
    """Every article feed, as {path relative to output/: bytes}. `stories` newest first."""
    files: dict[str, bytes] = {}
    scopes = [(site_feed_links(config), config.site.title, config.site.url, list(stories))]
    for section in config.sections:
        in_section = [s for s in stories if s.section_slug == section.slug]
        if in_section:
            scopes.append(
                (
                    section_feed_links(config, section),
                    f"{config.site.title}: {section.name}",
                    f"{config.site.url}{section.slug}/",
                    in_section,
                )
            )
    for links, title, home, items in scopes:
        generator = _feed(config, title, home, items[:FEED_LIMIT])
        for link, render in zip(links, (_rss, _atom), strict=True):
            files[link.path] = render(generator, link.url)
    return files


def render_digest_feed(
    digests: Sequence[Digest], config: Config, bodies: dict[str, str]
) -> dict[str, bytes]:
    """The feed of newsletter issues; `bodies` maps an issue id to its HTML."""
    items = [
        Story(
            id=d.url,
            url=d.url,
            title=d.title,
            summary=_digest_summary(d),
            body_html=bodies[d.id],
            date=d.stories[0].date if d.stories else _EPOCH,
            updated=max(s.updated for s in d.stories),
            section="Newsletter",
            section_slug="newsletter",
            tags=(),
            authors=(config.site.title,),
        )
        for d in sorted(digests, key=lambda d: d.id, reverse=True)
    ]
    links = digest_feed_links(config)
    generator = _feed(
        config,
        f"{config.site.title}: newsletter",
        f"{config.site.url}newsletter/",
        items[:FEED_LIMIT],
    )
    return {
        link.path: render(generator, link.url)
        for link, render in zip(links, (_rss, _atom), strict=True)
    }


def _digest_summary(digest: Digest) -> str:
    count = len(digest.stories)
    return (
        f"{count} {'story' if count == 1 else 'stories'} from {digest.start:%-d %B %Y} "
        f"to {digest.end:%-d %B %Y}."
    )


def _feed(config: Config, title: str, home: str, stories: Sequence[Story]) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.id(home)
    generator.title(xml_safe(title))
    generator.description(xml_safe(config.site.description or title))
    generator.subtitle(xml_safe(config.site.description or title))
    generator.language(config.site.language)
    updated = max((s.updated for s in stories), default=_EPOCH)
    generator.updated(updated)
    generator.lastBuildDate(updated)
    generator.generator("newsdesk")
    for story in stories:
        entry = generator.add_entry(order="append")
        entry.id(story.id)
        entry.guid(story.id, permalink=True)
        entry.title(xml_safe(story.title).strip() or "Untitled")
        entry.link(href=story.url, rel="alternate")
        entry.published(story.date)
        entry.updated(story.updated)
        entry.summary(xml_safe(story.summary))
        # RSS <description> holds HTML: the plain-text summary is escaped once more.
        entry.description(html.escape(xml_safe(story.summary), quote=False))
        entry.content(xml_safe(story.body_html), type="html")
        for name in story.authors:
            entry.author(name=xml_safe(name))
            entry.dc.dc_creator(xml_safe(name))
        for term in (story.section, *story.tags):
            if xml_safe(term).strip():
                entry.category(term=xml_safe(term).strip())
    return generator


def _rss(generator: FeedGenerator, self_url: str) -> bytes:
    # feedgen puts the last link into RSS <channel><link>: self first, the site last.
    generator.link(href=self_url, rel="self", replace=True)
    generator.link(href=_home(generator), rel="alternate")
    return generator.rss_str(pretty=True)


def _atom(generator: FeedGenerator, self_url: str) -> bytes:
    generator.link(href=self_url, rel="self", replace=True)
    generator.link(href=_home(generator), rel="alternate")
    return generator.atom_str(pretty=True)


def _home(generator: FeedGenerator) -> str:
    return generator.id()
