"""newsdesk's own Pelican generator: runs after Pelican's and writes the topic, section and
author pages, the archives by year and month, the feeds, sitemaps and newsletter pages.

Pelican can write the list pages itself, but its generators match every article against
every topic and period (O(N²): minutes at 10,000 articles, hours at 50,000); here each
list comes from one pass over the articles.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from pelican.generators import Generator

from ..config import Config
from ..digest import build_digests, grouped_by_section, render_email
from ..feeds import (
    FORMATS,
    Channel,
    channel_files,
    channel_key,
    channels,
    feed_stem,
    newest_issues,
    newsletter_channel,
)
from ..mail import digest_message
from ..models import Digest
from ..outputs import Outputs
from ..timings import Timings
from .index import SiteIndex
from .settings import MONTH_ARCHIVE, YEAR_ARCHIVE
from .writer import RenderStats


@dataclass
class Lists:
    """Pelican's articles, grouped once it has read them all."""

    articles: list[Any] = field(default_factory=list)  # newest first
    tags: list[tuple[Any, list[Any]]] = field(default_factory=list)
    categories: list[tuple[Any, list[Any]]] = field(default_factory=list)
    authors: list[tuple[Any, list[Any]]] = field(default_factory=list)

    def take(self, generator: Any) -> None:
        """Take the groups from Pelican's article generator, leaving it none to write."""
        self.articles = list(generator.articles)
        self.tags = sorted(generator.tags.items())
        self.categories = list(generator.categories)
        self.authors = list(generator.authors)
        generator.tags, generator.categories, generator.authors = {}, [], []
        # The masthead lists the sections that have stories; pages read this short list
        # rather than `categories`, which would make every page depend on every article.
        generator.context["LIVE_SECTIONS"] = [c.slug for c, _ in self.categories]


@dataclass
class SiteReport:
    stories: list[Any] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # from Pelican, e.g. a skipped file
    errors: list[str] = field(default_factory=list)
    render: RenderStats | None = None  # pages made again and kept


def newsdesk_generator(
    config: Config,
    report: SiteReport,
    index: SiteIndex,
    lists: Lists,
    outputs: Outputs,
    timings: Timings,
    feeds_key: bytes,
) -> type[Generator]:
    class NewsdeskGenerator(Generator):
        def generate_output(self, writer: Any) -> None:
            self._write_lists(writer)
            self._write_periods(writer)
            stories = index.stories
            report.stories = stories
            with timings.stage("feeds"):
                _write_feeds(channels(stories, config), config, outputs, feeds_key)
            with timings.stage("sitemaps"):
                self._write_files(index.seo_files(self.context.get("pages", [])))
            with timings.stage("newsletter"):
                report.digests = build_digests(stories, config)
                self._write_newsletter(writer, report.digests)

        def _write_lists(self, writer: Any) -> None:
            for kind, groups in (
                ("tag", lists.tags),
                ("category", lists.categories),
                ("author", lists.authors),
            ):
                template = self.get_template(kind)
                for term, articles in groups:
                    if not term.slug:
                        report.warnings.append(f"{kind} {term.name!r}: no usable slug, no page")
                        continue
                    writer.write_file(
                        term.save_as,
                        template,
                        self.context,
                        url=term.url,
                        articles=articles,
                        dates=_by_date(articles),
                        template_name=kind,
                        blog=True,
                        page_name=term.page_name,
                        all_articles=lists.articles,
                        **{kind: term},
                    )

        def _write_periods(self, writer: Any) -> None:
            template = self.get_template("period_archives")
            dates = _by_date(lists.articles)
            for fmt, period_of in ((YEAR_ARCHIVE, _year), (MONTH_ARCHIVE, _month)):
                for (period, period_num), group in groupby(dates, key=period_of):
                    in_period = list(group)
                    url = fmt.format(date=in_period[0].date)
                    writer.write_file(
                        url + "index.html",
                        template,
                        self.context,
                        period=period,
                        period_num=period_num,
                        articles=in_period,  # articles are newest first too: same order
                        dates=in_period,
                        template_name="period_archives",
                        blog=True,
                        url=url,
                        all_articles=lists.articles,
                    )

        def _write_files(self, files: dict[str, bytes]) -> None:
            for relative, data in files.items():
                outputs.write(relative, data)

        def _write_newsletter(self, writer: Any, digests: list[Digest]) -> None:
            """Each issue's web page and .eml, the archive page and the feed of issues. An
            issue is rendered as e-mail only when it changed (or the feed needs it)."""
            emails: dict[str, Any] = {}

            def email_of(digest: Digest) -> Any:
                if digest.id not in emails:
                    emails[digest.id] = render_email(digest, config)
                    if emails[digest.id].warning:
                        report.warnings.append(emails[digest.id].warning)
                return emails[digest.id]

            for digest in digests:
                folder = f"newsletter/{digest.id}"
                eml = f"{folder}/{digest.id}.eml"
                key = _key(feeds_key, b"issue", repr(digest).encode())
                if outputs.is_fresh(eml, key):
                    outputs.keep(eml)
                else:
                    message = digest_message(digest, email_of(digest), config)
                    outputs.write(eml, message.as_bytes(), key=key)
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
            newest = newest_issues(digests, config)
            key = _key(feeds_key, b"issues", repr(newest).encode())
            paths = [f"{feed_stem('newsletter')}{FORMATS[f][1]}" for f in config.feeds.formats]
            if all(outputs.is_fresh(path, key) for path in paths):
                for path in paths:
                    outputs.keep(path)
                return
            bodies = {d.id: email_of(d).html for d in newest}
            channel = newsletter_channel(digests, bodies, config)
            for _, path, data in channel_files([channel] if channel else [], config):
                outputs.write(path, data, key=key)

    return NewsdeskGenerator


def _write_feeds(feeds: list[Channel], config: Config, outputs: Outputs, base_key: bytes) -> None:
    """Write each channel in every format, unless its key (settings and stories) is the one
    its files were made from: then they are kept."""
    memo: dict[int, bytes] = {}
    stale: dict[str, str] = {}
    for channel in feeds:
        key = channel_key(channel, base_key, memo)
        paths = [channel.stem + FORMATS[fmt][1] for fmt in config.feeds.formats]
        if all(outputs.is_fresh(path, key) for path in paths):
            for path in paths:
                outputs.keep(path)
        else:
            stale[channel.stem] = key
    chosen = [c for c in feeds if c.stem in stale]
    for channel, path, data in channel_files(chosen, config):
        outputs.write(path, data, key=stale[channel.stem])


def _key(*parts: bytes) -> str:
    return hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()


def _by_date(articles: list[Any]) -> list[Any]:
    """Newest first by date, ties in list order: the order of Pelican's `dates`."""
    return sorted(articles, key=lambda a: a.date, reverse=True)


def _year(article: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (article.date.year,), (article.date.year,)


def _month(article: Any) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    year, month = article.date.year, article.date.month
    return (year, calendar.month_name[month]), (year, month)
