"""Stories → weekly newsletter issues, rendered as an e-mail (HTML + text) with Jinja.

No Pelican here: the web copy of an issue is rendered by site.py in the site theme.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

import jinja2

from .config import Config
from .models import Digest, Story
from .themes import theme_dirs

TEXT_WIDTH = 72


def issue_id(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def build_digests(stories: Sequence[Story], config: Config) -> list[Digest]:
    """One issue per ISO week (in the site's time zone) that has stories, oldest first.
    Within an issue, stories are newest first."""
    zone = config.site.zone
    weeks: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        weeks[issue_id(story.date.astimezone(zone).date())].append(story)
    digests = []
    for key in sorted(weeks):
        items = sorted(weeks[key], key=lambda s: (s.date, s.id), reverse=True)
        start = items[0].date.astimezone(zone).date()
        start -= timedelta(days=start.weekday())
        year, week = key.split("-W")
        digests.append(
            Digest(
                id=key,
                title=f"{config.site.title}: week {int(week)}, {year}",
                start=start,
                end=start + timedelta(days=6),
                stories=tuple(items),
                url=f"{config.site.url}newsletter/{key}/",
            )
        )
    return digests


def subject(digest: Digest, config: Config) -> str:
    return f"{config.site.title}: {digest.stories[0].title}"


def grouped_by_section(digest: Digest, config: Config) -> list[tuple[str, list[Story]]]:
    """The stories after the lead, grouped by section in the configured order."""
    order = {section.name: index for index, section in enumerate(config.sections)}
    groups: dict[str, list[Story]] = defaultdict(list)
    for story in digest.stories[1:]:
        groups[story.section.name].append(story)
    return sorted(groups.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


@cache
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(search_path)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["wrap"] = wrap
    return environment


def render_email(digest: Digest, config: Config) -> tuple[str, str]:
    """(html, text) parts of the e-mail for an issue."""
    environment = _environment(tuple(str(d) for d in theme_dirs(config, "email")))
    links: list[str] = []

    def link(url: str) -> str:
        """Number a URL for the text part's list of links."""
        if url not in links:
            links.append(url)
        return f"[{links.index(url) + 1}]"

    context = {
        "digest": digest,
        "site": config.site,
        "lead": digest.stories[0],
        "sections": grouped_by_section(digest, config),
        "subject": subject(digest, config),
        "unsubscribe_url": "{{unsubscribe_url}}",
    }
    html = environment.get_template("digest.html").render(context)
    text = environment.get_template("digest.txt").render(context, link=link, links=links)
    return html, text


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
