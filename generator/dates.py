"""Dates: parsing what seeds give, finding dates in file names, and "now"."""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, tzinfo

from .errors import UsageError

# Far enough from datetime's limits that time-zone arithmetic cannot overflow.
MIN_YEAR, MAX_YEAR = 1000, 9000
_FILENAME_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def parse_date(value: str, zone: tzinfo) -> datetime:
    """An ISO 8601 date or date-time ('2026-11-20', '2026-11-20 14:05', with or without an
    offset) as an aware datetime; naive values are in `zone`. Raises ValueError."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)") from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"{value!r} is out of range (years {MIN_YEAR} to {MAX_YEAR})")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def date_from_filename(name: str, zone: tzinfo) -> datetime | None:
    """'2026-11-20-budget.txt' or 'wire_20261120.txt' → midnight of that day in `zone`."""
    match = _FILENAME_DATE.search(name)
    if not match:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def now(zone: tzinfo) -> datetime:
    """The current time, or SOURCE_DATE_EPOCH when set (reproducible builds), in `zone`."""
    epoch = source_date_epoch()
    moment = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    return moment.astimezone(zone).replace(microsecond=0)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an integer; raises UsageError when it is not one."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    limit = int(datetime(MAX_YEAR, 1, 1, tzinfo=UTC).timestamp())
    if not value.isdigit() or int(value) > limit:
        raise UsageError(
            f"SOURCE_DATE_EPOCH: expected whole seconds since 1970 (up to {limit}), got {value!r}"
        )
    return int(value)


def isoformat(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
