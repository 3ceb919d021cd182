"""Newsletter issues on hand-made stories: periods, the issue ledger, the e-mail. No Pelican."""

import email
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cleaning import normalise
from generator.config import load_config
from generator.digest import GMAIL_CLIP_BYTES, build_digests, render_email
from generator.issues import Ledger, assign, read_ledger, record
from generator.mail import digest_message
from generator.models import Term
from generator.periods import WEEKDAYS, issue_bounds, issue_of

from .test_feeds import story

# story(n) is dated 1 November 2026 (a Sunday) + n days.


def config_with(tmp_path: Path, toml: str = ""):
    (tmp_path / "newsdesk.toml").write_text(toml)
    return load_config(tmp_path)


def parsed(message) -> email.message.EmailMessage:
    result = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert not result.defects
    return result


def test_issue_ids_for_each_period() -> None:
    day = date(2026, 11, 18)
    assert issue_of(day, "weekly") == ("2026-W47", date(2026, 11, 16), date(2026, 11, 22))
    assert issue_of(day, "daily") == ("2026-11-18", day, day)
    assert issue_of(day, "monthly") == ("2026-11", date(2026, 11, 1), date(2026, 11, 30))
    assert issue_of(date(2027, 1, 1), "weekly")[0] == "2026-W53"
    assert issue_of(day, "weekly", "sunday") == ("2026-W47", date(2026, 11, 15), date(2026, 11, 21))


@given(
    st.dates(min_value=date(1900, 1, 8), max_value=date(2900, 12, 1)),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(["daily", "weekly", "monthly"]),
)
def test_every_day_is_in_exactly_one_issue_whose_id_gives_back_its_days(
    day: date, weekday: str, period: str
) -> None:
    issue, start, end = issue_of(day, period, weekday)
    assert start <= day <= end
    assert issue_bounds(issue, weekday) == (start, end)
    assert issue_of(end + timedelta(days=1), period, weekday)[0] != issue
    assert issue_of(start - timedelta(days=1), period, weekday)[0] != issue


def test_issues_hold_their_stories_and_empty_periods_have_none(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    digests = build_digests([story(n) for n in (0, 1, 3, 15)], config)
    assert [(d.id, [s.title for s in d.stories]) for d in digests] == [
        ("2026-W44", ["Story 0"]),
        ("2026-W45", ["Story 3", "Story 1"]),
        ("2026-W47", ["Story 15"]),
    ]
    assert (digests[1].start, digests[1].end) == (date(2026, 11, 2), date(2026, 11, 8))
    assert digests[1].url == "http://localhost:8000/newsletter/2026-W45/"
    assert digests[1].title == "Newsdesk Demo: week 45, 2026"


def test_daily_and_monthly_issues(tmp_path: Path) -> None:
    daily = build_digests(
        [story(1), story(3)], config_with(tmp_path, '[newsletter]\nperiod = "daily"')
    )
    assert [(d.id, d.title) for d in daily] == [
        ("2026-11-02", "Newsdesk Demo: 2 November 2026"),
        ("2026-11-04", "Newsdesk Demo: 4 November 2026"),
    ]
    monthly = build_digests(
        [story(1), story(40)], config_with(tmp_path, '[newsletter]\nperiod = "monthly"')
    )
    assert [(d.id, d.title) for d in monthly] == [
        ("2026-11", "Newsdesk Demo: November 2026"),
        ("2026-12", "Newsdesk Demo: December 2026"),
    ]


def test_weeks_follow_the_site_time_zone(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[site]\ntimezone = "Pacific/Auckland"\n')
    # Sunday 8 November 20:00 UTC is already Monday 9 November in Auckland.
    late = story(1, date=datetime(2026, 11, 8, 20, 0, tzinfo=UTC))
    assert [d.id for d in build_digests([late], config)] == ["2026-W46"]


def test_the_ledger_records_every_article_in_one_issue(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    build_digests([story(1), story(3), story(15)], config)
    ledger = read_ledger(config)
    assert ledger.articles == {
        "2026-W45": [
            "http://localhost:8000/world/story-1/",
            "http://localhost:8000/world/story-3/",
        ],
        "2026-W47": ["http://localhost:8000/world/story-15/"],
    }
    assert ledger.sent == {}


def test_a_late_article_goes_into_the_next_unsent_issue(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    ledger = Ledger(
        {"2026-W45": [story(1).id], "2026-W46": [story(8).id]},
        {"2026-W45": "2026-11-09T08:00:00+00:00", "2026-W46": "2026-11-16T08:00:00+00:00"},
    )
    late = story(2)  # dated in week 45, which went out without it
    assignments = assign([story(1), late, story(8), story(16)], ledger, config)
    assert [(a.issue, [s.title for s in a.stories]) for a in assignments] == [
        ("2026-W45", ["Story 1"]),
        ("2026-W46", ["Story 8"]),
        ("2026-W47", ["Story 16", "Story 2"]),
    ]


def test_an_article_whose_date_is_edited_is_not_sent_again(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    ledger = Ledger({"2026-W45": [story(1).id]}, {"2026-W45": "2026-11-09T08:00:00+00:00"})
    moved = story(1, date=datetime(2026, 11, 17, tzinfo=UTC))  # now dated in week 47
    assignments = assign([moved, story(16)], ledger, config)
    assert [(a.issue, [s.title for s in a.stories]) for a in assignments] == [
        ("2026-W45", ["Story 1"]),
        ("2026-W47", ["Story 16"]),
    ]


def test_unsent_issues_follow_edited_dates_and_sent_ones_stay_as_sent(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    ledger = Ledger(
        {"2026-W45": [story(1).id, "gone"], "2026-W46": [story(8).id]},
        {"2026-W45": "2026-11-09T08:00:00+00:00"},
    )
    after = record(assign([story(1), story(8, date=story(16).date)], ledger, config), ledger)
    assert after.articles == {"2026-W45": [story(1).id, "gone"], "2026-W47": [story(8).id]}
    assert after.sent == ledger.sent


def test_email_has_both_parts_in_the_same_order(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[newsletter]\npostal_address = "1 Harbour Road, Northgate"\n')
    (digest,) = build_digests([story(2), story(3, section=Term("Sport", "sport"))], config)
    message = parsed(digest_message(digest, render_email(digest, config), config))
    assert message.get_content_type() == "multipart/alternative"
    assert (message["Subject"], message["From"], message["Reply-To"]) == (
        "Newsdesk Demo: Story 3",
        "Newsdesk Demo <newsletter@localhost>",
        "Newsdesk Demo <newsletter@localhost>",
    )
    assert message["List-Id"] == "Newsdesk Demo <newsletter.localhost>"
    assert message["Message-ID"] == "<2026-W45.newsletter@localhost>"
    assert message["Date"] == "Wed, 04 Nov 2026 00:00:00 +0000"
    assert message["MIME-Version"] == "1.0"
    plain = message.get_body(("plain",)).get_content()
    rich = message.get_body(("html",)).get_content()
    for part in (plain, rich):
        assert part.index("Story 3") < part.index("Story 2")
        assert "http://localhost:8000/world/story-2/" in part
        assert "1 Harbour Road, Northgate" in part
        assert "http://localhost:8000/newsletter/#unsubscribe" in part
    assert "[2] http://localhost:8000/world/story-2/" in plain
    assert all(len(line) <= 72 for line in plain.splitlines() if not re.search(r"https?://", line))


def test_html_part_is_inlined_table_layout_without_scripts_or_remote_css(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    (digest,) = build_digests([story(2, title="<script>x</script>", summary="a & b")], config)
    html = render_email(digest, config).html
    assert re.search(r'<table class="card" role="presentation" style="[^"]*max-width: 600px;', html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "a &amp; b" in html
    assert "@media (prefers-color-scheme: dark)" in html
    assert html.index('<meta charset="utf-8">') < html.index("<style>")
    assert not re.findall(r'href="(?!https?://|\{\{)', html)


def test_long_issues_list_the_rest_by_headline(tmp_path: Path) -> None:
    config = config_with(tmp_path, "[newsletter]\nmore_after = 3\n")
    (digest,) = build_digests([story(n) for n in range(2, 8)], config)
    result = render_email(digest, config)
    assert result.shown == 6 and not result.warning
    assert "More this issue" in result.html
    assert re.search(
        r"MORE THIS ISSUE\n-+\n\n\* Story 4 \[\d\]\n\* Story 3 \[\d\]\n\* Story 2", result.text
    )


def test_an_issue_too_big_for_gmail_is_shortened_with_a_link_and_a_warning(tmp_path: Path) -> None:
    config = config_with(tmp_path, "[newsletter]\nmore_after = 400\n")
    stories = [
        story(
            n % 6 + 1,
            id=f"http://localhost:8000/s/{n}/",
            url=f"http://localhost:8000/s/{n}/",
            summary="A long summary. " * 40,
        )
        for n in range(300)
    ]
    (digest,) = build_digests(stories, config)
    result = render_email(digest, config)
    assert len(result.html.encode()) <= GMAIL_CLIP_BYTES
    assert 1 < result.shown < 300
    assert result.warning == (
        f"newsletter 2026-W45: the e-mail would pass Gmail's 102 KB limit; it lists "
        f"{result.shown} of 300 stories and links to the rest on the site"
    )
    assert f"{300 - result.shown} more stories on the site" in result.html
    assert f"{300 - result.shown} more stories on the site" in " ".join(result.text.split())


def test_editors_note_opens_both_parts(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    notes = tmp_path / "content" / "newsletter"
    notes.mkdir(parents=True)
    (notes / "2026-W45.md").write_text(
        "A **busy** week at the [harbour](https://example.org/h).\n\n<script>x()</script>\n"
    )
    (digest,) = build_digests([story(2)], config)
    result = render_email(digest, config)
    assert '<strong>busy</strong> week at the <a href="https://example.org/h"' in result.html
    assert "<script" not in result.html and "x()" not in result.html
    assert result.text.split("=" * 72)[1].lstrip().startswith("A busy week at the harbour.")


def test_subject_comes_from_the_template(tmp_path: Path) -> None:
    config = config_with(tmp_path, '[newsletter]\nsubject = "{issue} | {lead} ({site})"\n')
    (digest,) = build_digests([story(2)], config)
    assert render_email(digest, config).subject == "2026-W45 | Story 2 (Newsdesk Demo)"


def test_the_same_issue_gives_the_same_bytes(tmp_path: Path) -> None:
    config = config_with(tmp_path)

    def raw() -> bytes:
        (digest,) = build_digests([story(2), story(3)], config)
        return digest_message(digest, render_email(digest, config), config).as_bytes()

    assert raw() == raw()


@pytest.mark.parametrize(
    "title",
    [
        "Hi\r\nBcc: victim@example.org",
        "Hi\nBcc: victim@example.org\x00\u2028x",
        "=?utf-8?q?Hello=0D=0ABcc=3A_victim=40example.org?= and =?utf-8?b?PHNjcmlwdD4=?=",
    ],
)
def test_a_headline_cannot_inject_mail_headers(tmp_path: Path, title: str) -> None:
    config = config_with(tmp_path)
    (digest,) = build_digests([story(2, title=title)], config)
    raw = digest_message(digest, render_email(digest, config), config).as_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None
    assert message["Subject"] == f"Newsdesk Demo: {normalise(title)}"
    assert b"\r\nBcc:" not in raw.split(b"\r\n\r\n", 1)[0]


def test_header_values_are_always_one_line() -> None:
    assert normalise("a\r\nb\nc\rd\x0be\u2029f") == "a b c d e f"


def test_digest_records_are_immutable_views(tmp_path: Path) -> None:
    config = config_with(tmp_path)
    (digest,) = build_digests([story(2)], config)
    assert replace(digest, sent=True).sent and not digest.sent
