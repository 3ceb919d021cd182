"""newsdesk's own Pelican generator: runs after Pelican's and writes the topic, section and
author pages, the archives by year and month, the feeds, sitemaps and newsletter pages.

Pelican can write the list pages itself, but its generators match every article against
every topic and period (O(N²): minutes at 10,000 articles, hours at 50,000); here each
list comes from one pass over the articles.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from pelican.generators import Generator

from ..config import Config
from ..digest import build_digests, grouped_by_section
from ..feeds import channels
from ..models import Digest, SiteReport, Unchanged
from ..outputs import Outputs
from .index import SiteIndex
from .parallel import Prelude, Task
from .settings import MONTH_ARCHIVE, YEAR_ARCHIVE
from .tasks import feed_tasks, newsletter_tasks, touched_feeds


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
        # By slug, as Pelican's tags compare, without a Python __lt__ per comparison.
        self.tags = sorted(generator.tags.items(), key=lambda item: item[0].slug)
        self.categories = list(generator.categories)
        self.authors = list(generator.authors)
        generator.tags, generator.categories, generator.authors = {}, [], []
        # The masthead lists the sections that have stories; pages read this short list
        # rather than `categories`, which would make every page depend on every article.
        generator.context["LIVE_SECTIONS"] = [c.slug for c, _ in self.categories]
        # Likewise the indexes of topics, sections and authors show names and counts: with
        # these they depend on the layout, not on the text of every story (site/layout.py).
        for name, groups in (
            ("tag_counts", self.tags),
            ("category_counts", self.categories),
            ("author_counts", self.authors),
        ):
            generator.context[name] = [(term, len(articles)) for term, articles in groups]


def newsdesk_generator(
    config: Config,
    report: SiteReport,
    index: SiteIndex,
    lists: Lists,
    outputs: Outputs,
    tasks: list[Task | Prelude],
    base_key: bytes,
    unchanged: Unchanged,
) -> type[Generator]:
    """`tasks` receives the feeds and e-mails to make, which run with the pages."""

    class NewsdeskGenerator(Generator):
        def generate_output(self, writer: Any) -> None:
            self._write_lists(writer)
            self._write_periods(writer)
            stories = report.stories = index.stories
            report.digests = build_digests(stories, config)
            only = touched_feeds(stories, index.story_source_ids(stories), config, outputs)
            feeds = channels(stories, config, only)
            tasks.extend(feed_tasks(feeds, config, outputs, base_key, unchanged))
            tasks.extend(newsletter_tasks(report.digests, config, outputs, base_key, unchanged))
            for relative, data in index.seo_files(self.context.get("pages", [])).items():
                outputs.write(relative, data)
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
                    save_as = term.save_as
                    if writer.keeps_list(save_as, articles, kind):
                        continue
                    writer.write_file(
                        save_as,
                        template,
                        self.context,
                        url=term.url,
                        articles=articles,
                        dates=articles,  # newest first already: by date, as Pelican's dates
                        template_name=kind,
                        blog=True,
                        page_name=term.page_name,
                        all_articles=lists.articles,
                        **{kind: term},
                    )

        def _write_periods(self, writer: Any) -> None:
            template = self.get_template("period_archives")
            dates = lists.articles  # newest first: the order of Pelican's `dates` too
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

        def _write_newsletter(self, writer: Any, digests: list[Digest]) -> None:
            """Each issue's web page and the archive of issues."""
            for digest in digests:
                folder = f"newsletter/{digest.id}"
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

    return NewsdeskGenerator


def _year(article: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (article.date.year,), (article.date.year,)


def _month(article: Any) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    year, month = article.date.year, article.date.month
    return (year, calendar.month_name[month]), (year, month)
