"""Newsletter periods: which issue a day belongs to, and the issue after it.

Issue ids are stable forever: "2026-11-24" (daily), "2026-W47" (weekly; ISO week numbers,
also when weeks start on another day) and "2026-11" (monthly).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def period_start(day: date, period: str, first_weekday: str = "monday") -> date:
    if period == "daily":
        return day
    if period == "monthly":
        return day.replace(day=1)
    return day - timedelta(days=(day.weekday() - WEEKDAYS.index(first_weekday)) % 7)


def period_end(start: date, period: str) -> date:
    """The last day (inclusive) of the period that begins on `start`."""
    if period == "daily":
        return start
    if period == "monthly":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start + timedelta(days=6)


def period_id(start: date, period: str) -> str:
    if period == "daily":
        return start.isoformat()
    if period == "monthly":
        return f"{start:%Y-%m}"
    # The ISO week of the middle of the week: the usual ISO week when weeks start on Monday,
    # and still one distinct id per week when they start on another day.
    year, week, _ = (start + timedelta(days=3)).isocalendar()
    return f"{year}-W{week:02d}"


def issue_of(day: date, period: str, first_weekday: str = "monday") -> tuple[str, date, date]:
    """(issue id, first day, last day) of the period that contains `day`."""
    start = period_start(day, period, first_weekday)
    return period_id(start, period), start, period_end(start, period)


def next_issue(start: date, period: str, first_weekday: str = "monday") -> tuple[str, date, date]:
    """The period right after the one that begins on `start`."""
    return issue_of(period_end(start, period) + timedelta(days=1), period, first_weekday)


_ID_SHAPES = {
    "daily": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "weekly": re.compile(r"\d{4}-W\d{2}"),
    "monthly": re.compile(r"\d{4}-\d{2}"),
}


def is_issue_id(text: str, period: str) -> bool:
    return bool(_ID_SHAPES[period].fullmatch(text))


def issue_bounds(issue: str, first_weekday: str = "monday") -> tuple[date, date]:
    """(first day, last day) of an issue, from its id alone."""
    period = next((p for p, shape in _ID_SHAPES.items() if shape.fullmatch(issue)), None)
    if period is None:
        raise ValueError(f"{issue!r} is not an issue id (2026-11-24, 2026-W47 or 2026-11)")
    if period == "daily":
        start = date.fromisoformat(issue)
    elif period == "monthly":
        start = date(int(issue[:4]), int(issue[5:]), 1)
    else:
        monday = date.fromisocalendar(int(issue[:4]), int(issue[6:]), 1)
        first = WEEKDAYS.index(first_weekday)
        start = next(
            d - timedelta(days=3)
            for d in (monday + timedelta(days=k) for k in range(7))
            if (d - timedelta(days=3)).weekday() == first
        )
    return start, period_end(start, period)
