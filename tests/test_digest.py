"""digest.py and mail.py on hand-made stories: no Pelican involved."""

import email
from datetime import UTC, datetime
from email import policy
from pathlib import Path

from generator.cleaning import normalise
from generator.config import load_config
from generator.digest import build_digests, issue_id, render_email, subject
from generator.mail import digest_message
from generator.models import Term

from .test_feeds import story


def test_issue_ids_are_iso_weeks() -> None:
    assert issue_id(datetime(2026, 11, 18).date()) == "2026-W47"
    assert issue_id(datetime(2027, 1, 1).date()) == "2026-W53"
    assert issue_id(datetime(2026, 1, 1).date()) == "2026-W01"


def test_stories_are_grouped_into_one_issue_per_week_with_stories(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    # story(n) is dated 1 November 2026 (a Sunday) + n days.
    digests = build_digests([story(n) for n in (0, 1, 3, 15)], config)
    assert [(d.id, [s.title for s in d.stories]) for d in digests] == [
        ("2026-W44", ["Story 0"]),
        ("2026-W45", ["Story 3", "Story 1"]),
        ("2026-W47", ["Story 15"]),
    ]
    assert (digests[1].start.isoformat(), digests[1].end.isoformat()) == (
        "2026-11-02",
        "2026-11-08",
    )
    assert digests[1].url == "http://localhost:8000/newsletter/2026-W45/"


def test_weeks_follow_the_site_time_zone(tmp_path: Path) -> None:
    (tmp_path / "newsdesk.toml").write_text('[site]\ntimezone = "Pacific/Auckland"\n')
    config = load_config(tmp_path)
    # Sunday 8 November 20:00 UTC is already Monday 9 November in Auckland.
    late = story(1, date=datetime(2026, 11, 8, 20, 0, tzinfo=UTC))
    assert [d.id for d in build_digests([late], config)] == ["2026-W46"]


def test_email_has_both_parts_with_the_same_stories(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    (digest,) = build_digests([story(2), story(3, section=Term("Sport", "sport"))], config)
    html, text = render_email(digest, config)
    message = digest_message(digest, subject(digest, config), html, text, config)
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert not parsed.defects
    assert parsed["Subject"] == "Newsdesk Demo: Story 3"
    assert parsed["From"] == "Newsdesk Demo <newsletter@localhost>"
    assert parsed["List-Id"] == "Newsdesk Demo <newsletter.localhost>"
    assert parsed["Date"] == "Wed, 04 Nov 2026 00:00:00 +0000"
    plain = parsed.get_body(("plain",)).get_content()
    rich = parsed.get_body(("html",)).get_content()
    for part in (plain, rich):
        assert part.index("Story 3") < part.index("Story 2")
        assert "http://localhost:8000/world/story-2/" in part
    assert "[2] http://localhost:8000/world/story-2/" in plain
    assert all(len(line) <= 72 for line in plain.splitlines())


def test_email_bytes_are_the_same_every_time(tmp_path: Path) -> None:
    config = load_config(tmp_path)

    def render() -> bytes:
        (digest,) = build_digests([story(2)], config)
        html, text = render_email(digest, config)
        return digest_message(digest, subject(digest, config), html, text, config).as_bytes()

    assert render() == render()


def test_a_headline_cannot_inject_mail_headers(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    (digest,) = build_digests([story(2, title="Hi\r\nBcc: victim@example.org\x00\u2028x")], config)
    html, text = render_email(digest, config)
    raw = digest_message(digest, subject(digest, config), html, text, config).as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Newsdesk Demo: Hi Bcc: victim@example.org x"
    assert b"\r\nBcc:" not in raw.split(b"\r\n\r\n", 1)[0]


def test_header_values_are_always_one_line() -> None:
    assert normalise("a\r\nb\nc\rd\x0be\u2029f") == "a b c d e f"


def test_html_email_escapes_story_text(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    (digest,) = build_digests([story(2, title="<script>x</script>", summary="a & b")], config)
    html, _ = render_email(digest, config)
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "a &amp; b" in html


def test_encoded_word_lookalikes_in_a_headline_stay_literal(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    title = "=?utf-8?q?Hello=0D=0ABcc=3A_victim=40example.org?= and =?utf-8?b?PHNjcmlwdD4=?="
    (digest,) = build_digests([story(2, title=title)], config)
    html, text = render_email(digest, config)
    raw = digest_message(digest, subject(digest, config), html, text, config).as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == f"Newsdesk Demo: {title}"
