"""`newsdesk check`: lint seeds, content and the newsletter without building anything.

Reads only; writes nothing. Errors are what would break or be skipped in a build; warnings
are what an editor should look at (low-confidence derivations, duplicates, links to nowhere,
an issue too big for Gmail).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .config import Config
from .content import ContentFile, read_content_file, scan_content
from .dates import parse_date
from .derive import make_article
from .digest import render_email
from .duplicates import duplicate_groups
from .errors import SeedError
from .issues import assign, read_ledger
from .merges import Candidate, choose
from .models import Article, Digest, Story, Term
from .seeds import find_seeds, read_seeds
from .slugs import slugify

LOW_CONFIDENCE = 0.6  # a derived headline below this had to be cut hard
# A section's confidence is its lead over the runner-up, relative to its own score. Below
# 0.4 flags about 14 % of the BBC corpus's articles and holds 71 % of the wrong choices made
# one article at a time (93 % when pooled); 0.6 would flag 27 % (41 % pooled) for little more.
SECTION_LOW_CONFIDENCE = 0.4
_LINK = re.compile(r"\]\((/[^)\s]*)\)|href=\"(/[^\"]*)\"|\{filename\}([^)\s\"]+)")
# Addresses the site always has besides articles, pages and sections.
_SITE_PATHS = ("archive/", "tag/", "author/", "newsletter/", "feeds/", "sections/", "theme/")


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check(config: Config) -> CheckReport:
    report = CheckReport()
    _check_seeds(config, report)
    articles = scan_content(config.content_dir)
    pages = _pages(config)
    _check_content(config, articles, report)
    _check_links(config, articles + pages, report)
    _check_newsletter(config, articles, report)
    return report


def _show(path: Path, config: Config) -> str:
    return path.relative_to(config.root).as_posix()


def _check_seeds(config: Config, report: CheckReport) -> None:
    stories: list[tuple[str, Article]] = []
    for path in find_seeds(config.seeds_dir):
        try:
            seeds = read_seeds(path, config.seeds_dir)
            articles = [make_article(seed, config, None, set()) for seed in seeds]
        except SeedError as error:
            report.errors.append(f"{_show(path, config)}: {error.problem}")
            continue
        stories += [(f"seeds/{a.seed}", a) for a in articles]
    for shown, article in stories:
        if article.headline_confidence is not None and article.headline_confidence < LOW_CONFIDENCE:
            report.warnings.append(
                f"{shown}: derived headline {article.headline!r} has low confidence "
                f"({article.headline_confidence:.2f}); give it a Title:"
            )
        low_section = SECTION_LOW_CONFIDENCE
        if article.section_confidence is not None and article.section_confidence < low_section:
            report.warnings.append(
                f"{shown}: section {article.section!r} was chosen with low confidence "
                f"({article.section_confidence:.2f}); give it a Category:"
            )
    _check_duplicates(config, stories, report)


def _check_duplicates(
    config: Config, stories: list[tuple[str, Article]], report: CheckReport
) -> None:
    """Each group of seeds telling one story, and which one ingest publishes."""
    candidates = [Candidate(a.seed, a.date, "\n".join(a.paragraphs), True) for _, a in stories]
    policy = config.ingest.duplicates
    for group in duplicate_groups([c.text for c in candidates]):
        names = ", ".join(stories[i][0] for i in group)
        merge = choose([candidates[i] for i in group], policy)
        kept = f"; ingest publishes {stories[group[merge[0].kept]][0]}" if merge else ""
        report.warnings.append(f"{names}: the same story more than once{kept}")


def _check_content(config: Config, articles: list[ContentFile], report: CheckReport) -> None:
    addresses: dict[str, list[str]] = defaultdict(list)
    guids: dict[str, list[str]] = defaultdict(list)
    for content in articles:
        shown = _show(content.path, config)
        meta = content.meta
        for key in ("title", "date"):
            if not meta.get(key):
                report.errors.append(f"{shown}: no {key.title()}: the site would skip it")
        if meta.get("date"):
            try:
                parse_date(meta["date"], config.site.zone)
            except ValueError as error:
                report.errors.append(f"{shown}: Date: {error}")
        addresses[_address(content)].append(shown)
        if meta.get("guid"):
            guids[meta["guid"]].append(shown)
    for address, names in addresses.items():
        if len(names) > 1:
            report.errors.append(f"{', '.join(names)}: all want the address /{address}")
    for guid, names in guids.items():
        if len(names) > 1:
            report.errors.append(f"{', '.join(names)}: share the feed id {guid!r}")


def _address(content: ContentFile) -> str:
    """Where the site puts an article: <section>/<slug>/."""
    meta = content.meta
    section = slugify(meta.get("category", "") or content.path.parent.name, None)
    slug = meta.get("slug") or slugify(meta.get("title", ""), None) or content.path.stem
    return f"{section}/{slug}/"


def _pages(config: Config) -> list[ContentFile]:
    folder = config.content_dir / "pages"
    return [read_content_file(p) for p in sorted(folder.rglob("*.md"))] if folder.is_dir() else []


def _check_links(config: Config, files: list[ContentFile], report: CheckReport) -> None:
    prefix = config.site.path_prefix + "/"
    known = {_address(f) for f in files if "pages" not in f.path.parts}
    known |= {f"{f.meta.get('slug') or f.path.stem}/" for f in files if "pages" in f.path.parts}
    known |= {f"{s.slug}/" for s in config.sections}
    sources = {f.path.relative_to(config.content_dir).as_posix() for f in files}
    for content in files:
        text = content.path.read_text(encoding="utf-8")
        for match in _LINK.finditer(text):
            link, target = match[1] or match[2], match[3]
            if target:
                resolved = (content.path.parent / target).resolve()
                if not resolved.is_file() and target.lstrip("/") not in sources:
                    report.warnings.append(
                        f"{_show(content.path, config)}: link to {{filename}}{target}, "
                        "which does not exist"
                    )
            elif link and not _resolves(link.removeprefix(prefix).split("#")[0], known):
                report.warnings.append(
                    f"{_show(content.path, config)}: link to {link}, which the site does not have"
                )


def _resolves(path: str, known: set[str]) -> bool:
    return path == "" or path in known or path.startswith(_SITE_PATHS)


def _check_newsletter(config: Config, articles: list[ContentFile], report: CheckReport) -> None:
    stories = [s for s in (_story(c, config) for c in articles) if s]
    ledger = read_ledger(config)
    for assignment in assign(stories, ledger, config):
        if assignment.issue in ledger.sent:
            continue
        digest = Digest(
            assignment.issue,
            assignment.issue,
            assignment.start,
            assignment.end,
            assignment.stories,
            f"{config.site.url}newsletter/{assignment.issue}/",
        )
        warning = render_email(digest, config).warning
        if warning:
            report.warnings.append(warning)


def _story(content: ContentFile, config: Config) -> Story | None:
    """The newsletter's view of an article, from its metadata alone."""
    meta = content.meta
    try:
        date: datetime = parse_date(meta.get("date", ""), config.site.zone)
    except ValueError:
        return None
    url = config.site.url + _address(content)
    section = meta.get("category", "") or content.path.parent.name
    names = [n.strip() for n in meta.get("tags", "").split(",") if n.strip()]
    return Story(
        id=config.site.url + meta["guid"] if meta.get("guid") else url,
        url=url,
        title=meta.get("title", ""),
        summary=meta.get("summary", ""),
        body_html="",
        date=date,
        updated=date,
        section=Term(section, slugify(section, None)),
        tags=tuple(Term(n, slugify(n, None)) for n in names),
        authors=(Term(meta.get("authors") or meta.get("author") or "", ""),),
    )
