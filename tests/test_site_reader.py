"""The fast way through newsdesk's own content files gives exactly what Python-Markdown
gives; any other file is read by Python-Markdown."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from generator.cleaning import normalise
from generator.config import load_config
from generator.content import generated_html, render_article
from generator.models import Article
from generator.site.reader import NewsdeskReader
from generator.site.settings import pelican_settings

from .test_content import INJECTIONS


def article(paragraphs: list[str], headline: str = "A headline") -> Article:
    return Article(
        seed="s.txt",
        seed_sha256="0" * 64,
        headline=headline,
        dek="A dek.",
        date=datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
        slug="a-headline",
        guid="world/a-headline/",
        section="World",
        tags=("Harbour", "Anna Berg"),
        authors=("Jo Bloggs",),
        reading_minutes=1,
        paragraphs=tuple(paragraphs),
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reader")
    (root / "content").mkdir()
    return root


def both(site: Path, text: str) -> tuple[tuple, tuple]:
    """What Pelican's own Markdown reader and ours make of a file holding `text`."""
    config = load_config(site)
    overrides = pelican_settings(config, site / "output", site / "cache")
    settings = read_settings(None, override=overrides)
    path = site / "content" / "a.md"
    path.write_text(text, encoding="utf-8")
    return MarkdownReader(settings).read(str(path)), NewsdeskReader(settings).read(str(path))


# Text of any characters, and text made mostly of what Markdown gives a meaning to.
SYNTAX = st.text(alphabet=st.sampled_from(list("ab 19.#+-*_`[]\\<>&!()=|~:;\"'\t\n")))
PARAGRAPH = st.one_of(st.text(min_size=1), SYNTAX.filter(lambda t: t.strip()))


@settings(max_examples=400, deadline=None)
@given(st.lists(PARAGRAPH, min_size=1, max_size=4).filter(lambda ps: any(normalise(p) for p in ps)))
def test_a_generated_file_reads_as_python_markdown_reads_it(site: Path, paragraphs) -> None:
    text = render_article(article(paragraphs))
    assert generated_html(text) is not None  # the fast way is taken
    (html, meta), (fast_html, fast_meta) = both(site, text)
    assert fast_html == html
    assert fast_meta == meta


def test_markup_and_markdown_syntax_read_as_python_markdown_reads_them(site: Path) -> None:
    lines = [*INJECTIONS, "1. First", "# Not a heading", "- not a list", "+ nor this", "\\-x"]
    text = render_article(article(lines, headline="<b>Bold</b> & *more*"))
    (html, meta), (fast_html, fast_meta) = both(site, text)
    assert fast_html == html and fast_meta == meta
    assert generated_html(text) is not None


def test_an_edited_file_goes_through_python_markdown(site: Path) -> None:
    text = render_article(article(["Plain text."])).replace("Plain text.", "Some *emphasis*.")
    assert generated_html(text) is None
    (html, _), (fast_html, _) = both(site, text)
    assert fast_html == html == "<p>Some <em>emphasis</em>.</p>"
