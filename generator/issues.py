"""Which article goes out in which newsletter issue, recorded so that none is sent twice or
skipped.

The record is `content/newsletter/issues.json`: for each issue, the ids of its articles and,
once it went out, when. An article in a sent issue stays there. Every other article goes into
the issue of its date or, when that one was already sent (a late arrival, or an edited date),
into the first unsent issue after it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .atomic import write_atomic
from .config import Config
from .errors import UsageError
from .models import Story
from .periods import issue_bounds, issue_of, next_issue

LEDGER_NAME = "issues.json"


@dataclass
class Ledger:
    """issue id → article ids, and issue id → when it was sent."""

    articles: dict[str, list[str]] = field(default_factory=dict)
    sent: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        issues = {
            issue: {"sent": self.sent.get(issue), "articles": self.articles.get(issue, [])}
            for issue in sorted(set(self.articles) | set(self.sent))
        }
        return json.dumps({"issues": issues}, indent=1, ensure_ascii=False) + "\n"


def ledger_path(config: Config) -> Path:
    return config.content_dir / "newsletter" / LEDGER_NAME


def read_ledger(config: Config) -> Ledger:
    path = ledger_path(config)
    if not path.exists():
        return Ledger()
    issues = json.loads(path.read_text(encoding="utf-8"))["issues"]
    return Ledger(
        articles={issue: list(entry["articles"]) for issue, entry in issues.items()},
        sent={issue: entry["sent"] for issue, entry in issues.items() if entry.get("sent")},
    )


def write_ledger(config: Config, ledger: Ledger) -> bool:
    return write_atomic(ledger_path(config), ledger.to_json())


@dataclass(frozen=True)
class Assignment:
    issue: str
    start: date
    end: date
    stories: tuple[Story, ...]  # newest first


def assign(stories: Sequence[Story], ledger: Ledger, config: Config) -> list[Assignment]:
    """Every story in exactly one issue (oldest issue first); sent issues keep what they had."""
    period = config.newsletter.period
    weekday = config.newsletter.first_weekday
    zone = config.site.zone
    frozen = {article: issue for issue in ledger.sent for article in ledger.articles.get(issue, [])}
    grouped: dict[str, list[Story]] = defaultdict(list)
    of_day: dict[date, tuple[str, date, date]] = {}  # stories share days: each worked out once
    for story in stories:
        day = story.date.astimezone(zone).date()
        if day not in of_day:
            of_day[day] = issue_of(day, period, weekday)
        issue, start, _ = of_day[day]
        if story.id in frozen:
            issue = frozen[story.id]
        else:
            while issue in ledger.sent:
                issue, start, _ = next_issue(start, period, weekday)
        grouped[issue].append(story)
    return [
        Assignment(
            issue,
            *issue_bounds(issue, weekday),
            tuple(sorted(grouped[issue], key=_newest, reverse=True)),
        )
        for issue in sorted(grouped)
    ]


def _newest(story: Story) -> tuple:
    return (story.date, story.id)


def record(assignments: Sequence[Assignment], ledger: Ledger) -> Ledger:
    """The ledger after this build: sent issues as they were, unsent ones as assigned now."""
    articles = {issue: ids for issue, ids in ledger.articles.items() if issue in ledger.sent}
    for assignment in assignments:
        if assignment.issue not in ledger.sent:
            articles[assignment.issue] = sorted(s.id for s in assignment.stories)
    return Ledger(articles, dict(ledger.sent))


def mark_sent(config: Config, issue: str, when: str) -> None:
    """Record that an issue went out; its articles will never go out again."""
    ledger = read_ledger(config)
    if issue not in ledger.articles:
        raise UsageError(f"newsletter issue {issue} does not exist (run newsdesk build first)")
    if issue in ledger.sent:
        raise UsageError(f"newsletter issue {issue} was already sent on {ledger.sent[issue]}")
    ledger.sent[issue] = when
    write_ledger(config, ledger)
