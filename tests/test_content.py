import html
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cleaning import normalise
from generator.content import escape_markdown, meta_value, read_content_file, render_article
from generator.models import Article

INJECTIONS = [
    "Title: x",
    "---",
    "# x",
    "* x",
    "- x",
    "+ x",
    "1. x",
    "> x",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<https://evil.example>",
    "`code` and ``more``",
    "    indented code",
    "***",
    "_emphasis_ and **strong**",
    "[x]: https://evil.example",
    "&lt;b&gt; &amp; &copy;",
    "<!-- comment -->",
    "a line with a trailing backslash \\",
    "Setext\n===",
]


def render_body(escaped: str) -> str:
    """Render a paragraph the way Pelican does: after a metadata header, with the meta
    extension on."""
    return markdown.markdown(f"Title: t\n\n{escaped}", extensions=["meta"], output_format="html5")


def literal(text: str) -> str:
    return f"<p>{html.escape(normalise(text), quote=False)}</p>"


@pytest.mark.parametrize("attempt", INJECTIONS)
def test_markdown_and_html_in_seed_text_stays_literal(attempt: str) -> None:
    assert render_body(escape_markdown(attempt)) == literal(attempt)


@given(st.text(min_size=1).filter(lambda t: normalise(t)))
def test_any_text_renders_as_exactly_itself(text: str) -> None:
    assert render_body(escape_markdown(text)) == literal(text)


@given(st.text())
def test_metadata_values_are_always_one_line(text: str) -> None:
    value = meta_value(text)
    assert "\n" not in value and "\r" not in value
    assert value == value.strip()


def article(**changes) -> Article:
    fields = dict(
        seed="s.txt",
        seed_sha256="0" * 64,
        headline="Budget passes",
        dek="It passed.",
        date=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        slug="budget-passes",
        guid="politics/budget-passes/",
        section="Politics",
        tags=("Parliament",),
        authors=("Jo Bloggs",),
        reading_minutes=1,
        paragraphs=("It passed by one vote.",),
        derived=("summary",),
    )
    fields.update(changes)
    return Article(**fields)


def test_rendered_file_records_given_and_derived_fields(tmp_path: Path) -> None:
    text = render_article(article())
    header = text.split("\n\n", 1)[0].splitlines()
    assert header[:10] == [
        "Title: Budget passes",
        "Date: 2026-11-20T09:00:00+00:00",
        "Slug: budget-passes",
        "Guid: politics/budget-passes/",
        "Category: Politics",
        "Tags: Parliament",
        "Authors: Jo Bloggs",
        "Summary: It passed.",
        "Reading_time: 1",
        "Derived: summary",
    ]
    assert text.endswith("\n\nIt passed by one vote.\n")


def test_metadata_cannot_be_injected_through_a_headline_or_tag() -> None:
    text = render_article(
        article(
            headline="Budget\nStatus: draft",
            tags=("a, b", "Save_as: ../../x"),
            dek="Line one\r\nTemplate: evil",
        )
    )
    header = text.split("\n\n", 1)[0].splitlines()
    keys = [line.split(":", 1)[0] for line in header]
    assert "Status" not in keys and "Template" not in keys and "Save_as" not in keys
    assert "Title: Budget Status: draft" in header
    assert "Tags: a b, Save_as: ../../x" in header


def test_untouched_file_is_recognised_as_generated(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(render_article(article()), encoding="utf-8")
    record = read_content_file(path)
    assert record.generated
    assert record.seed == "s.txt"
    assert record.meta["slug"] == "budget-passes"


def test_any_edit_marks_the_file_as_hand_edited(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(render_article(article()).replace("one vote", "two votes"), encoding="utf-8")
    assert not read_content_file(path).generated


MARKDOWN_PIECES = st.sampled_from(
    [*"#*_-+=>`\\[]()!<&;:/.1 aX\t|{}~\"'", "&amp;", "&#x41;", "<b>", "http://x", "1.", "    "]
)


@settings(max_examples=500)
@given(st.lists(MARKDOWN_PIECES, min_size=1).map("".join).filter(lambda t: normalise(t)))
def test_markdown_syntax_soup_renders_as_exactly_itself(text: str) -> None:
    assert render_body(escape_markdown(text)) == literal(text)


@given(st.text() | st.text(alphabet=" abcXYZ.,!\t\n\u00a0"))
def test_metadata_and_paragraphs_are_normalised_as_normalise_does(text: str) -> None:
    assert meta_value(text) == normalise(text)
    # A leading space sends the text through normalise(), not round it.
    assert escape_markdown(text) == escape_markdown(" " + normalise(text))


def test_a_body_rendered_beforehand_gives_the_same_file() -> None:
    from generator import content

    paragraphs = ("It passed by one vote.", "1. The *first* reading & the <second>.")
    body = content.render_body(paragraphs)
    assert render_article(article(paragraphs=paragraphs), body) == render_article(
        article(paragraphs=paragraphs)
    )
