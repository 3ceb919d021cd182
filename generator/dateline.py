"""Datelines, bylines and credits in wire copy, lifted out of the text into metadata.

    GAZA CITY (Reuters) - Aid trucks…     → place 'Gaza City', credit 'Reuters'
    LONDON, Nov 18, 2026 (AP) — …          → place 'London', credit 'AP', date 2026-11-18
    By Jane Doe                            → byline 'Jane Doe' (a paragraph of its own)
    (Additional reporting by Sam Lee)      → added to the credit

A dateline's date is used only when it names the year: 'Nov 18' alone, like 'on Monday', could
be any year, and a guessed date would be published as fact. It is noted instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    m[:3].lower(): n
    for n, m in enumerate(
        ("January February March April May June July August September October November "
         "December").split(),
        start=1,
    )
}  # fmt: skip
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_MONTH = (
    rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
_UPPER_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_PLACE = rf"(?P<place>{_UPPER_WORD}(?:\s{_UPPER_WORD}){{0,3}})(?:,\s(?P<region>[A-Z][a-z]+\.?))?"
_CREDIT = r"\((?P<credit>[A-Z][A-Za-z&.' ]{0,28}[A-Za-z.])\)"
_DASH = r"\s*(?:--|[-–—])\s+"
_TITLE_PLACE = r"(?P<titled>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
# PLACE[, Region][, date] [(Credit)] - …   or   Place (Credit) - …   or   (Credit) - …
_DATELINE = re.compile(
    rf"^(?:{_PLACE}(?:,\s*{_DAY_MONTH})?\s*(?:{_CREDIT})?"
    rf"|{_TITLE_PLACE}\s{_CREDIT.replace('credit', 'credit2')}"
    rf"|{_CREDIT.replace('credit', 'alone')})"
    rf"{_DASH}(?=[\"“‘'A-Z0-9])"
)
MIN_BARE_PLACE = 4  # 'ROME —' is a dateline; 'US - China talks' is not
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|van|von|da|al|bin|le|la)){0,4}"
_BYLINE = re.compile(
    rf"^By\s+(?P<names>{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*)"
    r"(?:\s*[,|]\s*(?P<org>[A-Z][\w&.' ]{1,40}))?\.?$"
)
_CREDIT_LINE = re.compile(
    r"^\(?((?:Additional\s+)?(?:reporting|writing|editing|compiled|produced|research)"
    r"\s+by\s+.{2,200}?)\)?\.?$",
    re.IGNORECASE,
)
BYLINE_ZONE = 3  # a byline stands in the first paragraphs
CREDIT_ZONE = 3  # reporting credits in the last ones


@dataclass(frozen=True)
class Dateline:
    place: str = ""
    credit: str = ""  # 'Reuters'; 'Reuters; Additional reporting by Sam Lee'
    byline: str = ""  # 'Jane Doe, John Smith'
    date: date | None = None
    lifted: tuple[str, ...] = ()  # the text taken out, for the report
    notes: tuple[str, ...] = ()


def lift_dateline(paragraphs: list[str]) -> tuple[list[str], Dateline]:
    """The paragraphs without their byline, dateline and credit lines, and what those said."""
    paragraphs = list(paragraphs)
    byline, org, lifted = _take_byline(paragraphs)
    place, credits, day, notes = "", [org] if org else [], None, []
    match = _DATELINE.match(paragraphs[0]) if paragraphs else None
    if match and len(paragraphs[0]) > match.end() and _plausible(match):
        place = _place(match)
        credit = match["credit"] or match["credit2"] or match["alone"]
        if credit:
            credits.insert(0, credit)
        day, notes = _date(match)
        lifted.append(paragraphs[0][: match.end()].strip())
        paragraphs[0] = paragraphs[0][match.end() :]
    for index in range(len(paragraphs) - 1, max(0, len(paragraphs) - CREDIT_ZONE) - 1, -1):
        line = _CREDIT_LINE.match(paragraphs[index])
        if line and index > 0:
            credits.append(line[1].strip().rstrip(".;"))
            lifted.append(paragraphs.pop(index))
    credit = "; ".join(dict.fromkeys(c[0].upper() + c[1:] for c in credits if c))
    return paragraphs, Dateline(place, credit, byline, day, tuple(lifted), tuple(notes))


def _take_byline(paragraphs: list[str]) -> tuple[str, str, list[str]]:
    for index, paragraph in enumerate(paragraphs[:BYLINE_ZONE]):
        match = _BYLINE.match(paragraph)
        if match and len(paragraphs) > 1:
            paragraphs.pop(index)
            names = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", match["names"])
            names = [_title(n) if n.isupper() else n for n in names]
            org = (match["org"] or "").strip()
            if not org and len(names) > 1 and " " not in names[-1]:  # 'By Jane Doe, Reuters'
                org = names.pop()
            return ", ".join(names), org, [paragraph]
    return "", "", []


def _plausible(match: re.Match[str]) -> bool:
    """A bare upper-case word before a dash is a dateline only when it is long enough to be
    a place rather than an acronym, or a credit or date follows it."""
    bare = match["place"] and not (match["credit"] or match["month"] or match["month2"])
    return not bare or len(match["place"]) >= MIN_BARE_PLACE


def _place(match: re.Match[str]) -> str:
    place = _title(match["place"] or "") or (match["titled"] or "")
    return f"{place}, {match['region']}" if match["region"] else place


def _title(text: str) -> str:
    """'GAZA CITY' → 'Gaza City', "N'DJAMENA" → "N'Djamena"; already mixed case is kept."""
    if not text.isupper():
        return text
    return re.sub(r"[A-Za-z]+", lambda m: m[0].capitalize(), text.lower())


def _date(match: re.Match[str]) -> tuple[date | None, list[str]]:
    month = match["month"] or match["month2"]
    if not month:
        return None, []
    day = int(match["day"] or match["day2"])
    shown = f"{match['month'] or match['day2']} {match['day'] or match['month2']}"
    if not match["year"]:
        return None, [f"the dateline gives {shown!r} without a year; its date was not used"]
    try:
        return date(int(match["year"]), _MONTHS[month[:3].lower()], day), []
    except ValueError:
        return None, [f"the dateline's date {shown} {match['year']} is not a date; not used"]
