"""Real builds of whole site folders: pages, feeds and digest together."""

import email
import html
import re
import shutil
import xml.etree.ElementTree as ET
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import feedparser

from .conftest import REPO, SHARED_SEED, output_files, write_seed
from .test_content import INJECTIONS
from .test_derivations import assert_publishable

SUBSCRIBE = "Subscribe to our newsletter"


def build(newsdesk, site: Path, expect: int = 0):
    result = newsdesk("--site", str(site), "build")
    assert result.exit_code == expect, result.output
    return result


def article_pages(site: Path) -> list[Path]:
    output = site / "output"
    return sorted(
        p
        for p in output.glob("*/*/index.html")
        if p.parts[-3] not in ("tag", "author", "archive", "newsletter", "page")
    )


class Body(HTMLParser):
    """The tags and paragraph texts inside <div class="body">, and the <h1>."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.depth = 0
        self.tags: list[str] = []
        self.paragraphs: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False
        self._in_p = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "div" and ("class", "body") in attrs:
            self.depth = 1
        elif self.depth:
            self.tags.append(tag)
            self.depth += tag == "div"
            if tag == "p":
                self.paragraphs.append("")
                self._in_p = True
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "h1":
            self._in_h1 = False
        if tag == "p":
            self._in_p = False

    def handle_data(self, data):
        if self.depth and self._in_p:
            self.paragraphs[-1] += data
        if self._in_h1:
            self.h1.append(data)


def eml_parts(path: Path) -> tuple[email.message.EmailMessage, str, str]:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert not message.defects
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert not text.defects and not page.defects
    return message, text.get_content(), page.get_content()


def test_shared_seed_end_to_end(site: Path, newsdesk) -> None:
    shutil.copy(REPO / "seeds" / SHARED_SEED, site / "seeds")
    result = build(newsdesk, site)
    assert f"seeds/{SHARED_SEED}: removed boilerplate line: {SUBSCRIBE}" in result.output
    (page,) = article_pages(site)
    body = Body(page.read_text())
    headline = "".join(body.h1)
    assert_publishable(headline)
    assert headline == "Abbas meets with Gantz"

    seed_text = (REPO / "seeds" / SHARED_SEED).read_text()
    page_text = html.unescape(page.read_text())
    for quote in re.findall(r"“[^”]+”", seed_text):
        assert quote in page_text
    everything = {
        name: data.decode()
        for name, data in output_files(site).items()
        if not name.endswith(".eml") and not name.startswith(("theme/", "pagefind/"))
    }
    assert not [name for name, text in everything.items() if SUBSCRIBE in text]

    url = "http://localhost:8000/" + page.parent.relative_to(site / "output").as_posix() + "/"
    for feed in ("feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/section/world.rss.xml"):
        parsed = feedparser.parse(site / "output" / feed)
        assert not parsed.bozo, feed
        assert [(e.title, e.link, e.id) for e in parsed.entries] == [(headline, url, url)]
        assert SUBSCRIBE not in parsed.entries[0].content[0].value

    (eml,) = (site / "output" / "newsletter").glob("*/*.eml")
    message, text, page_html = eml_parts(eml)
    assert headline in message["Subject"]
    assert headline in text and html.escape(headline, quote=False) in page_html
    assert SUBSCRIBE not in text and SUBSCRIBE not in page_html


def test_demo_site_builds_every_page_kind(demo_site: Path, newsdesk) -> None:
    result = build(newsdesk, demo_site)
    assert "ingest: 8 written, 0 unchanged, 0 kept, 0 removed, 0 failed" in result.output
    files = output_files(demo_site)
    for expected in (
        "index.html",
        "404.html",
        "world/index.html",
        "tag/index.html",
        "author/index.html",
        "author/priya-raman/index.html",
        "archive/index.html",
        "archive/2026/index.html",
        "archive/2026/11/index.html",
        "about/index.html",
        "contact/index.html",
        "newsletter/index.html",
        "newsletter/2026-W47/index.html",
        "newsletter/2026-W47/2026-W47.eml",
        "newsletter/feed.rss.xml",
        "feeds/all.rss.xml",
        "feeds/all.atom.xml",
        "feeds/section/culture.atom.xml",
        "theme/css/site.css",
    ):
        assert expected in files, expected


def test_every_page_has_one_h1_a_lang_and_the_site_feeds(demo_site: Path, newsdesk) -> None:
    build(newsdesk, demo_site)
    for page in (demo_site / "output").rglob("*.html"):
        text = page.read_text()
        assert len(re.findall(r"<h1[ >]", text)) == 1, page
        assert '<html lang="en">' in text
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Newsdesk Demo (RSS)" '
            'href="http://localhost:8000/feeds/all.rss.xml">'
        ) in text
        # Only the search page runs a script (Pagefind's); JSON-LD is data, not a script.
        scripts = re.findall(r"<script(?! type=\"application/ld\+json\")", text)
        assert not scripts or page.parent.name == "search", page


def test_every_internal_link_resolves(demo_site: Path, newsdesk) -> None:
    build(newsdesk, demo_site)
    output = demo_site / "output"
    for page in output.rglob("*.html"):
        for link in re.findall(r'(?:href|src)="([^"]+)"', page.read_text()):
            link = html.unescape(link).removeprefix("http://localhost:8000")
            if not link.startswith("/"):
                continue
            target = output / link.lstrip("/").split("#")[0]
            assert target.is_file() or (target / "index.html").is_file(), (page, link)


def test_feeds_parse_and_list_the_right_articles(demo_site: Path, newsdesk) -> None:
    build(newsdesk, demo_site)
    output = demo_site / "output"
    all_rss = feedparser.parse(output / "feeds/all.rss.xml")
    business = feedparser.parse(output / "feeds/section/business.atom.xml")
    digest = feedparser.parse(output / "newsletter/feed.atom.xml")
    for parsed in (all_rss, business, digest):
        assert not parsed.bozo
    assert len(all_rss.entries) == 8
    assert [e.published_parsed[:3] for e in all_rss.entries] == sorted(
        (e.published_parsed[:3] for e in all_rss.entries), reverse=True
    )
    assert {t.term for t in business.entries[0].tags} >= {"Business"}
    assert all(e.link.startswith("http://localhost:8000/business/") for e in business.entries)
    assert [e.title for e in digest.entries] == [
        "Newsdesk Demo: week 48, 2026",
        "Newsdesk Demo: week 47, 2026",
        "Newsdesk Demo: week 48, 2025",
    ] or len(digest.entries) >= 2
    rss = ET.parse(output / "feeds/all.rss.xml").getroot()
    assert rss.find("channel/link").text == "http://localhost:8000/"
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "http://localhost:8000/feeds/all.rss.xml"


def test_weekly_digest_groups_articles_by_iso_week(demo_site: Path, newsdesk) -> None:
    build(newsdesk, demo_site)
    newsletter = demo_site / "output" / "newsletter"
    issues = sorted(p.name for p in newsletter.iterdir() if p.is_dir())
    # Seeds dated 16 and 18 November (W47), 23 and 24 November (W48), and the shared seed
    # at SOURCE_DATE_EPOCH (18 November, W47).
    assert issues == ["2026-W47", "2026-W48"]
    message, text, page_html = eml_parts(newsletter / "2026-W48" / "2026-W48.eml")
    assert message["Message-ID"] == "<2026-W48.newsletter@localhost>"
    assert message.get_content_type() == "multipart/alternative"
    assert "Rail operator" in text and "School orchestra wins national youth prize" in text
    assert "Ferry" not in text and "Ferry" not in page_html
    assert all(len(line) <= 72 for line in text.splitlines() if not line.startswith("["))


def test_second_build_is_byte_identical_and_rewrites_nothing(demo_site: Path, newsdesk) -> None:
    build(newsdesk, demo_site)
    first = output_files(demo_site)
    times = {p: p.stat().st_mtime_ns for p in (demo_site / "output").rglob("*") if p.is_file()}
    result = build(newsdesk, demo_site)
    assert "site: 8 articles, 2 newsletter issues, unchanged since the last build" in result.output
    assert "ingest: 0 written, 8 unchanged" in result.output
    assert output_files(demo_site) == first
    assert {p: p.stat().st_mtime_ns for p in times} == times


def test_two_sites_from_the_same_seeds_are_byte_identical(
    demo_site: Path, tmp_path: Path, newsdesk
) -> None:
    other = tmp_path / "other"
    shutil.copytree(demo_site, other)
    build(newsdesk, demo_site)
    build(newsdesk, other)
    assert output_files(demo_site) == output_files(other)


def test_injection_attempts_in_seed_text_stay_literal_text(site: Path, newsdesk) -> None:
    lines = ["The council met on Monday to discuss the harbour budget."]
    lines += [line.replace("\n", " ") for line in INJECTIONS]
    write_seed(site, "attack.txt", "\n".join(lines) + "\n")
    build(newsdesk, site)
    (page,) = article_pages(site)
    body = Body(page.read_text())
    assert set(body.tags) == {"p"}
    assert body.paragraphs == [" ".join(line.split()) for line in lines]
    for name, data in output_files(site).items():
        if name.endswith((".html", ".xml")):
            text = data.decode()
            if name.endswith(".xml"):  # feed content is escaped HTML: look inside it
                text = html.unescape(text)
            text = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", text)
            if name != "search/index.html":
                assert "<script" not in text.lower(), name
            assert not re.search(r"<a [^>]*javascript:", text), name
            assert "<img" not in text and "<blockquote" not in text, name


def test_markup_in_headline_and_header_fields_is_escaped(site: Path, newsdesk) -> None:
    write_seed(
        site,
        "attack.txt",
        (
            "Title: <script>alert(1)</script> Mayor <b>resigns</b>\n"
            "Author: <i>Eve</i>\nTags: <em>x</em>, Harbour\n"
            "Summary: [click](javascript:alert(1))\n\n"
            "The mayor resigned on Monday.\n"
        ),
    )
    build(newsdesk, site)
    (page,) = article_pages(site)
    text = page.read_text()
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; Mayor &lt;b&gt;resigns&lt;/b&gt;</h1>" in text
    assert '<p class="dek">[click](javascript:alert(1))</p>' in text
    assert "&lt;i&gt;Eve&lt;/i&gt;" in text and "<i>" not in text and "<em>" not in text


def test_bad_seeds_are_reported_in_one_line_each_and_the_rest_builds(site: Path, newsdesk) -> None:
    write_seed(site, "good.txt", "The council met on Monday to discuss the harbour.\n")
    write_seed(site, "empty.txt", "")
    write_seed(site, "binary.txt", b"\x00\xff\x00")
    write_seed(site, "header.txt", "Title: A\nDate: soon\n\nText.\n")
    write_seed(site, "front.md", "---\ntitle: [\n---\nText.\n")
    (site / "seeds" / "broken-link.txt").symlink_to(site / "missing.txt")
    result = build(newsdesk, site, expect=1)
    assert result.stderr.splitlines() == [
        "seeds/binary.txt: binary file, not text (contains NUL bytes)",
        "seeds/broken-link.txt: cannot read: No such file or directory",
        "seeds/empty.txt: empty seed (no text)",
        "seeds/front.md: malformed front matter: expected the node content, but found "
        "'<stream end>' at line 3",
        "seeds/header.txt: malformed header: Date: 'soon' is not a date (use YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM)",
    ]
    assert len(article_pages(site)) == 1


def test_site_theme_overrides_one_template(site: Path, newsdesk) -> None:
    write_seed(site, "s.txt", "The council met on Monday to discuss the harbour.\n")
    own = site / "theme" / "templates"
    own.mkdir(parents=True)
    (own / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Custom: {{ article.title }}</h1>'
        "{% endblock %}"
    )
    build(newsdesk, site)
    (page,) = article_pages(site)
    assert "<h1>Custom: Council meets to discuss harbour</h1>" in page.read_text()
    assert '<p class="site-name">' in page.read_text()  # base.html still the built-in one


def test_site_under_a_path_links_with_that_path(site: Path, newsdesk) -> None:
    (site / "newsdesk.toml").write_text('[site]\nurl = "https://example.org/news/"\n')
    write_seed(
        site,
        "s.txt",
        "Category: Politics\nTags: Harbour\n\nThe council met on Monday to discuss it.\n",
    )
    write_seed(site, "t.txt", "Category: Sport\n\nThe club won the cup on Saturday afternoon.\n")
    build(newsdesk, site)
    index = (site / "output" / "index.html").read_text()
    assert 'href="/news/theme/css/site.css"' in index
    assert 'href="/news/politics/council-meets-to-discuss-it/"' in index
    for page in (site / "output").rglob("*.html"):
        for link in re.findall(r'(?:href|src)="(/[^"]*)"', page.read_text()):
            assert link.startswith("/news/"), (page, link)
    feed = feedparser.parse(site / "output" / "feeds" / "all.atom.xml")
    assert {entry.link for entry in feed.entries} == {
        "https://example.org/news/politics/council-meets-to-discuss-it/",
        "https://example.org/news/sport/club-wins-cup/",
    }


def test_an_empty_site_builds_a_front_page(site: Path, newsdesk) -> None:
    result = build(newsdesk, site)
    assert "site: 0 articles, 0 newsletter issues" in result.output
    assert "No stories yet" in (site / "output" / "index.html").read_text()


def test_hand_written_article_and_seed_with_the_same_headline_both_build(
    site: Path, newsdesk
) -> None:
    own = site / "content" / "world" / "my-note.md"
    own.parent.mkdir(parents=True)
    own.write_text("Title: Council approves budget\nDate: 2026-11-01\nCategory: World\n\nMine.\n")
    write_seed(site, "s.txt", "Council approves budget\n\nThe vote was close.\n")
    build(newsdesk, site)
    assert sorted(p.parent.name for p in article_pages(site)) == [
        "council-approves-budget",
        "council-approves-budget-2",
    ]


def test_long_lists_are_paginated_and_every_page_links_on(site: Path, newsdesk) -> None:
    for number in range(45):
        write_seed(
            site,
            f"2026-11-{number % 28 + 1:02}-s{number}.txt",
            (f"Category: Sport\n\nThe club won match number {number} of the season on Saturday.\n"),
        )
    build(newsdesk, site)
    output = site / "output"
    assert (output / "page/2/index.html").is_file() and (output / "page/3/index.html").is_file()
    assert (output / "sport/page/3/index.html").is_file()
    assert not (output / "sport/page/4").exists()
    second = (output / "sport/page/2/index.html").read_text()
    assert '<a rel="prev" href="/sport/">' in second
    assert '<a rel="next" href="/sport/page/3/">' in second
    assert "Page 2 of 3" in second


def test_broken_hand_written_content_is_reported_and_fails_the_build(site: Path, newsdesk) -> None:
    folder = site / "content" / "world"
    folder.mkdir(parents=True)
    (folder / "bad.md").write_text("Title: Bad\nDate: garbage\n\nText.\n")
    write_seed(site, "s.txt", "The council met on Monday to discuss the harbour.\n")
    result = build(newsdesk, site, expect=1)
    assert result.stderr.splitlines() == [
        "site: Could not process world/bad.md: 'garbage' is not a valid date"
    ]
    assert len(article_pages(site)) == 1
