"""Datelines, bylines and credits lifted out of wire copy."""

import re
from datetime import date

import pytest

from generator.dateline import lift_dateline


@pytest.mark.parametrize(
    ("lead", "place", "credit"),
    [
        ("GAZA CITY (Reuters) - Aid trucks entered.", "Gaza City", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted.", "Washington", "AP"),
        ("PORTLAND, Ore. (AP) -- A bridge closed.", "Portland, Ore.", "AP"),
        ("London (Reuters) - Shares fell.", "London", "Reuters"),
        ("N'DJAMENA — Troops arrived.", "N'Djamena", ""),
        ("(AFP) - Talks resumed.", "", "AFP"),
    ],
)
def test_datelines_give_place_and_credit(lead: str, place: str, credit: str) -> None:
    paragraphs, found = lift_dateline([lead, "Second paragraph."])
    assert (found.place, found.credit) == (place, credit)
    assert paragraphs == [re.split(r" (?:--|-|—) ", lead, maxsplit=1)[1], "Second paragraph."]


@pytest.mark.parametrize(
    "lead",
    [
        "US - China talks resumed today.",
        "The ferry - repaired at last - is back.",
        "By the time the vote came, it was late.",
        "“Join us,” the protesters chanted in Gaza City.",
    ],
)
def test_news_that_looks_like_a_dateline_is_left_alone(lead: str) -> None:
    paragraphs, found = lift_dateline([lead, "More."])
    assert paragraphs == [lead, "More."]
    assert found.lifted == ()


def test_a_dateline_date_is_used_only_with_its_year() -> None:
    _, dated = lift_dateline(["LONDON, Nov 18, 2026 (Reuters) - Rates held."])
    _, undated = lift_dateline(["LONDON, 18 November (Reuters) - Rates held."])
    assert dated.date == date(2026, 11, 18)
    assert undated.date is None
    assert undated.notes == (
        "the dateline gives '18 November' without a year; its date was not used",
    )


def test_byline_names_and_agency_are_read() -> None:
    paragraphs, found = lift_dateline(["By JANE DOE and John Smith, Reuters", "Text here."])
    assert paragraphs == ["Text here."]
    assert (found.byline, found.credit) == ("Jane Doe, John Smith", "Reuters")


def test_reporting_credits_at_the_end_are_lifted() -> None:
    paragraphs, found = lift_dateline(
        ["Text.", "More text.", "Additional reporting by Sam Lee in Paris."]
    )
    assert paragraphs == ["Text.", "More text."]
    assert found.credit == "Additional reporting by Sam Lee in Paris"
