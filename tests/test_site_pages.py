"""The built news site as readers, browsers and search engines see it: the Nu HTML Checker,
axe-core and screenshots in headless Chromium, Pagefind search, a crawl of every link, and
the JSON-LD and sitemaps. Two real builds, made once for the module: the demo site and a
200-article site."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import cli

from .conftest import EPOCH, REPO
from .servers import serve_folder
from .webcheck import browser_job, vnu_errors

SECTIONS = ["World", "Politics", "Business", "Technology", "Sport", "Culture"]
TAGS = ["Harbour", "Council", "Rail", "Schools", "Budget", "Ferries", "Energy", "Housing"]
AUTHORS = ["Priya Raman", "Sam Okonjo", "Elena Ruiz"]
ARTICLES = 200
NOW = datetime.fromtimestamp(EPOCH, UTC)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SEARCH_WORD = "quillwort"  # in the body of one article only, not in its headline or summary
DATELINE = "content/world/hand-written-with-dateline.md"


def _build(root: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        result = CliRunner().invoke(cli, ["--site", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "output"


def _seed(number: int) -> str:
    moment = NOW - timedelta(hours=7 * number)
    tags = ", ".join({TAGS[number % 8]: 0, TAGS[number % 5]: 0})
    body = [
        f"The council said on Monday that plan number {number} for the district would go "
        f"ahead after a long consultation with residents and local businesses.",
        f"Officials expect the work on item {number} to take most of next year, and said the "
        "cost would be shared between the council and the regional authority.",
    ]
    if number == 17:
        body.append(f"Botanists also found {SEARCH_WORD} growing in the old harbour wall.")
    return (
        f"Title: Plan {number} for the district goes ahead after consultation\n"
        f"Date: {moment:%Y-%m-%d %H:%M}\nAuthor: {AUTHORS[number % 3]}\n"
        f"Category: {SECTIONS[number % 6]}\nTags: {tags}\n"
        f"Summary: Residents backed plan {number} by a wide margin.\n\n" + "\n\n".join(body) + "\n"
    )


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "site"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    return _build(root)


@pytest.fixture(scope="module")
def big_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "site"
    (root / "seeds").mkdir(parents=True)
    for number in range(ARTICLES - 1):
        (root / "seeds" / f"s{number:03}.txt").write_text(_seed(number))
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages")
    own = root / DATELINE
    own.parent.mkdir(parents=True)
    own.write_text(
        "Title: Ferry timetable changes for winter\nDate: 2026-11-17 08:00\n"
        "Modified: 2026-11-18 09:30\nDateline: Northgate\nCategory: World\n"
        "Tags: Harbour, Ferries\nAuthors: Priya Raman\n"
        "Summary: Fewer crossings from December.\n\nThe operator will run fewer crossings.\n"
    )
    return _build(root)


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def article_urls(output: Path) -> list[str]:
    """Paths of article pages: those whose JSON-LD says NewsArticle."""
    return sorted(
        "/" + p.parent.relative_to(output).as_posix() + "/"
        for p in html_pages(output)
        if '"@type": "NewsArticle"' in p.read_text()
    )


def json_ld_of(page: Path) -> list[dict]:
    pattern = r'<script type="application/ld\+json">(.*?)</script>'
    blocks = re.findall(pattern, page.read_text(), re.S)
    return [json.loads(block) for block in blocks]


# What axe and the screenshots look at: one page of each kind.
def kinds_of_page(output: Path) -> list[str]:
    article = article_urls(output)[0].lstrip("/")
    return [
        "",
        article,
        "world/",
        "tag/harbour/",
        "author/priya-raman/",
        "archive/",
        "archive/2026/11/",
        "newsletter/",
        "search/",
        "page/2/",
        "about/",
        "404.html",
    ]


@pytest.fixture(scope="module")
def browser_report(big_output: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    shots = tmp_path_factory.mktemp("shots")
    kinds = kinds_of_page(big_output)
    with serve_folder(big_output) as base:
        return browser_job(
            base,
            shots,
            axe=kinds,
            screens=[*kinds[:3], "search/"],
            widths=[375, 1280],
            search={"path": "search/", "query": SEARCH_WORD},
        )


def test_nu_html_checker_finds_no_error_on_any_page(demo_output: Path, big_output: Path) -> None:
    pages = html_pages(demo_output) + html_pages(big_output)
    assert len(pages) > 300
    errors = vnu_errors(pages, demo_output.parent.parent.parent)
    assert errors == []


def test_axe_finds_no_violation_on_each_kind_of_page_light_and_dark(browser_report) -> None:
    found = {
        (path, scheme, v["id"], v["help"], tuple(v["nodes"]))
        for path, schemes in browser_report["axe"].items()
        for scheme, violations in schemes.items()
        for v in violations
    }
    assert found == set()
    assert len(browser_report["axe"]) == 12


def test_pages_fit_phones_and_desktops_with_the_headline_above_the_fold(browser_report) -> None:
    assert len(browser_report["screens"]) == 8
    for shot in browser_report["screens"]:
        where = (shot["path"], shot["width"])
        assert shot["scrollWidth"] <= shot["clientWidth"] == shot["width"], where
        assert shot["headline"] and shot["headlineWidth"] > 100, where
        assert 0 < shot["headlineBottom"] < shot["height"], where
        assert shot["textLength"] > 200, where
        assert Path(shot["file"]).stat().st_size > 5000, where  # a real picture, not blank


def test_search_page_finds_an_article_by_a_word_of_its_body(browser_report) -> None:
    assert browser_report["search"] == [
        {
            "title": "Plan 17 for the district goes ahead after consultation",
            "href": "/culture/plan-17-for-the-district-goes-ahead-after-consultation/",
        }
    ]


def test_no_page_fetches_from_another_host_or_logs_an_error(browser_report) -> None:
    assert browser_report["foreign"] == []
    assert browser_report["errors"] == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_and_asset_resolves(demo_output: Path, big_output: Path) -> None:
    for output, site in ((demo_output, "http://localhost:8000/"), (big_output, None)):
        broken = []
        for page in html_pages(output):
            here = "http://localhost:8000/" + page.relative_to(output).as_posix()
            parser = _Links()
            parser.feed(page.read_text())
            for link in parser.links:
                url = urlsplit(urljoin(here, link))
                if url.scheme != "http" or url.netloc != "localhost:8000":
                    continue
                target = output / url.path.lstrip("/")
                if not (target.is_file() or (target / "index.html").is_file()):
                    broken.append((page.relative_to(output).as_posix(), link))
        assert broken == [], site


def test_article_json_ld_is_a_news_article_with_breadcrumbs(big_output: Path) -> None:
    page = big_output / DATELINE.removeprefix("content/").replace(
        "hand-written-with-dateline.md", "ferry-timetable-changes-for-winter/index.html"
    )
    article, trail = json_ld_of(page)
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Ferry timetable changes for winter"
    assert article["datePublished"] == "2026-11-17T08:00:00+00:00"
    assert article["dateModified"] == "2026-11-18T09:30:00+00:00"
    assert article["author"][0]["name"] == "Priya Raman"
    assert article["publisher"]["name"] == "Newsdesk Demo"
    assert article["articleSection"] == "World"
    assert article["keywords"] == ["Harbour", "Ferries"]
    assert [i["name"] for i in trail["itemListElement"]] == [
        "Newsdesk Demo",
        "World",
        "Ferry timetable changes for winter",
    ]
    text = page.read_text()
    assert '<span class="dateline">Northgate</span>' in text
    assert 'Updated <time datetime="2026-11-18T09:30:00+00:00">' in text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta property="article:published_time" content="2026-11-17T08:00:00+00:00">' in text
    assert '<meta property="article:section" content="World">' in text
    assert '<meta property="article:tag" content="Ferries">' in text
    assert '<meta name="twitter:card" content="summary">' in text
    canonical = "http://localhost:8000/world/ferry-timetable-changes-for-winter/"
    assert f'<link rel="canonical" href="{canonical}">' in text


def test_every_article_page_carries_parseable_json_ld(big_output: Path) -> None:
    urls = article_urls(big_output)
    assert len(urls) == ARTICLES
    for url in urls:
        article, _trail = json_ld_of(big_output / url.strip("/") / "index.html")
        assert article["url"] == "http://localhost:8000" + url
        published = article["datePublished"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", published)


def test_article_page_links_related_stories_and_its_section_neighbours(big_output: Path) -> None:
    slug = "plan-7-for-the-district-goes-ahead-after-consultation"
    page = (big_output / "politics" / slug / "index.html").read_text()
    related = re.search(r'<section class="related".*?</section>', page, re.S)[0]
    assert len(re.findall(r"<li>", related)) == 4
    assert "plan-7-" not in related  # never the story itself
    neighbours = re.search(r'<nav class="neighbours".*?</nav>', page, re.S)[0]
    assert 'rel="prev" href="/politics/plan-13-' in neighbours  # older, same section
    assert 'rel="next" href="/politics/plan-1-' in neighbours  # newer


def test_sitemap_lists_every_article_with_its_lastmod(big_output: Path) -> None:
    root = ET.parse(big_output / "sitemap.xml").getroot()
    listed = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root}
    for url in article_urls(big_output):
        assert listed["http://localhost:8000" + url], url
    assert "http://localhost:8000/" in listed and "http://localhost:8000/about/" in listed


def test_news_sitemap_lists_only_the_last_two_days(big_output: Path) -> None:
    root = ET.parse(big_output / "news-sitemap.xml").getroot()
    dates = [datetime.fromisoformat(u.findtext(f"{NEWS}news/{NEWS}publication_date")) for u in root]
    # Seeds are 7 hours apart, the newest at SOURCE_DATE_EPOCH; plus the hand-written one.
    assert len(root) == 48 // 7 + 1 + 1
    assert all(NOW - timedelta(days=2) <= d <= NOW for d in dates)
    assert dates == sorted(dates, reverse=True) and len(root) <= 1000
    first = root[0].find(f"{NEWS}news")
    assert first.findtext(f"{NEWS}publication/{NEWS}name") == "Newsdesk Demo"
    assert first.findtext(f"{NEWS}title") == "Plan 0 for the district goes ahead after consultation"


def test_robots_txt_points_at_both_sitemaps(demo_output: Path) -> None:
    robots = (demo_output / "robots.txt").read_text()
    assert "Sitemap: http://localhost:8000/sitemap.xml" in robots
    assert "Sitemap: http://localhost:8000/news-sitemap.xml" in robots


def test_front_page_has_lead_top_stories_section_blocks_and_latest(big_output: Path) -> None:
    page = (big_output / "index.html").read_text()
    lead = re.search(r'<section class="lead".*?</section>', page, re.S)[0]
    assert "Plan 0 for the district" in lead and "Residents backed plan 0" in lead
    top = re.search(r'<section class="top-stories".*?</section>', page, re.S)[0]
    # The next four newest: plans 1 to 3 and the hand-written story dated between 3 and 4.
    assert re.findall(r"Plan (\d+) for", top) == ["1", "2", "3"]
    assert "Ferry timetable changes for winter" in top
    blocks = re.findall(r'<section class="section-block" aria-labelledby="section-(\w+)"', page)
    assert blocks == ["world", "politics", "business", "technology", "sport", "culture"]
    latest = re.search(r'<aside class="latest".*?</aside>', page, re.S)[0]
    assert len(re.findall(r"<li>", latest)) == 10
    assert '<a rel="next" href="/page/2/">' in page


def test_css_is_small_and_fetches_no_fonts(demo_output: Path) -> None:
    css = [p for p in demo_output.rglob("*.css") if "pagefind" not in p.parts]
    assert sum(p.stat().st_size for p in css) < 30_000
    for sheet in css:
        text = sheet.read_text()
        assert "@font-face" not in text and "@import" not in text and "url(" not in text
        assert "prefers-color-scheme: dark" in text and "@media print" in text


def test_search_index_is_built_beside_the_pages_one_index_a_month(demo_output: Path) -> None:
    listing = json.loads((demo_output / "pagefind" / "shards.json").read_text())
    assert listing == {"language": "en", "shards": ["2026-11"]}
    assert (demo_output / "pagefind" / "2026-11" / "pagefind.js").is_file()
    entry = json.loads((demo_output / "pagefind" / "2026-11" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 8  # articles only


def test_newsletter_page_explains_subscribing_by_email_and_by_feed(demo_output: Path) -> None:
    page = (demo_output / "newsletter" / "index.html").read_text()
    assert '<a href="mailto:newsletter@localhost?subject=Subscribe">' in page
    assert '<a href="http://localhost:8000/newsletter/feed.rss.xml">' in page
    assert page.count('<a href="/newsletter/2026-W') == 2
