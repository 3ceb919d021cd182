"""Seeds → articles → content files, with a report of what happened to each seed."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .atomic import write_atomic
from .classify import choose_sections
from .cleaning import normalise, remove_boilerplate
from .config import Config, Section
from .content import INGEST_VERSION, ContentFile, render_article, scan_content
from .dates import date_from_filename, now, parse_date
from .errors import SeedError
from .headline import derive_dek, derive_headline
from .models import Article, Seed
from .sections import choose_section
from .seeds import find_seeds, read_seed
from .slugs import slugify, unique_slug
from .tags import derive_tags

WORDS_PER_MINUTE = 230


@dataclass
class IngestReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # edited by hand: never overwritten
    removed: list[Path] = field(default_factory=list)  # its seed is gone
    boilerplate: list[tuple[str, str]] = field(default_factory=list)  # (seed, line)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (seed, note)
    errors: list[SeedError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


Progress = Callable[[int, int], None]  # (seeds done, seeds in all)


def ingest(config: Config, progress: Progress | None = None) -> IngestReport:
    report = IngestReport()
    seed_paths = find_seeds(config.seeds_dir)
    seed_names = {p.relative_to(config.seeds_dir).as_posix() for p in seed_paths}
    existing = scan_content(config.content_dir)
    by_seed = {f.seed: f for f in existing if f.seed}
    # Generated files whose seed is gone: removed at the end, unless a renamed seed (same
    # bytes) adopts one, keeping its date and address.
    orphans: dict[str, list[ContentFile]] = defaultdict(list)
    for content in existing:
        if content.seed and content.seed not in seed_names and content.generated:
            orphans[content.meta.get("seed_sha256", "")].append(content)
    taken = {_slug_of(f) for f in existing}
    pending: list[tuple[Article, ContentFile | None]] = []  # written once sections are pooled
    for done, path in enumerate(seed_paths, start=1):
        if progress:
            progress(done, len(seed_paths))
        name = path.relative_to(config.seeds_dir).as_posix()
        previous = by_seed.get(name)
        if previous and not previous.generated:
            report.kept.append(previous.path)
            continue
        try:
            seed = read_seed(path, config.seeds_dir)
            if previous is None and orphans.get(seed.sha256):
                previous = orphans[seed.sha256].pop()
            elif previous and _up_to_date(previous, seed):
                report.unchanged.append(previous.path)
                continue
            own = {_slug_of(previous)} if previous else set()
            article = make_article(seed, config, previous, taken - own)
        except SeedError as error:
            report.errors.append(error)
            continue
        taken = (taken - own) | {article.slug}
        pending.append((article, previous))
    for article, previous in zip(
        pool_sections([a for a, _ in pending], config), [p for _, p in pending], strict=True
    ):
        report.boilerplate += [(article.seed, line) for line in article.removed_lines]
        report.notes += [(article.seed, note) for note in article.notes]
        _write(article, config, previous, report)
    for content in (c for group in orphans.values() for c in group):
        content.path.unlink()
        report.removed.append(content.path)
    return report


def pool_sections(articles: list[Article], config: Config) -> list[Article]:
    """Articles whose section was derived get it again, chosen with all of them in view
    (classify.choose_sections): a run of many seeds teaches the classifier words the
    configured keywords do not list. A given Category is never changed."""
    derived = [a for a in articles if a.section_confidence is not None]
    texts = [f"{a.headline}\n" + "\n".join(a.paragraphs) for a in derived]
    chosen = dict(zip(map(id, derived), choose_sections(texts, config.sections), strict=True))
    pooled = []
    for article in articles:
        if id(article) in chosen:
            section, confidence = chosen[id(article)]
            was = f"chose {article.section!r}"
            notes = tuple(n.replace(was, f"chose {section.name!r}") for n in article.notes)
            article = replace(
                article, section=section.name, section_confidence=confidence, notes=notes
            )
        pooled.append(article)
    return pooled


def _slug_of(content: ContentFile) -> str:
    """The address slug Pelican gives the file: its Slug, else its slugified title."""
    return content.meta.get("slug") or slugify(content.meta.get("title", ""), None)


def _up_to_date(previous: ContentFile, seed: Seed) -> bool:
    return (
        previous.meta.get("seed_sha256") == seed.sha256
        and previous.meta.get("newsdesk") == INGEST_VERSION
    )


def _write(
    article: Article, config: Config, previous: ContentFile | None, report: IngestReport
) -> None:
    section_slug = next(s.slug for s in config.sections if s.name == article.section)
    if not article.guid:  # first publication: the id is the article's first address
        article = replace(article, guid=f"{section_slug}/{article.slug}/")
    target = config.content_dir / section_slug / f"{article.slug}.md"
    changed = write_atomic(target, render_article(article))
    if previous and previous.path != target:
        previous.path.unlink(missing_ok=True)
    (report.written if changed else report.unchanged).append(target)


def make_article(
    seed: Seed, config: Config, previous: ContentFile | None, taken: set[str]
) -> Article:
    """Derive every field the seed does not give. Pure apart from reading the clock."""
    given = {key: normalise(value) for key, value in seed.fields.items() if normalise(value)}
    extra = [re.compile(p, re.IGNORECASE) for p in config.ingest.extra_boilerplate]
    paragraphs, removed = remove_boilerplate((normalise(p) for p in seed.paragraphs), extra)
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise SeedError(
            config.seeds_dir / seed.name, "no article text left after removing boilerplate"
        )
    if "title" in given:
        headline, headline_confidence = given["title"], None
    else:
        headline, headline_confidence = derive_headline(paragraphs)
    section, section_confidence, notes = _section(
        given.get("category"), headline, paragraphs, config
    )
    tags = _names(given.get("tags", "")) or derive_tags(paragraphs)
    slug = unique_slug(slugify(headline) or "article", taken)
    words = sum(len(p.split()) for p in paragraphs)
    return Article(
        seed=seed.name,
        seed_sha256=seed.sha256,
        headline=headline,
        dek=given.get("summary") or derive_dek(paragraphs, headline),
        date=_article_date(seed, given, previous, config),
        slug=slug,
        guid=previous.meta.get("guid", "") if previous else "",  # set in _write when new
        section=section.name,
        tags=tuple(t for t in tags if slugify(t)),
        authors=_names(given.get("author", "")) or (config.site.default_author,),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        paragraphs=tuple(paragraphs),
        derived=tuple(
            key
            for key in ("title", "summary", "date", "category", "tags", "author")
            if key not in given or (key == "category" and section_confidence is not None)
        ),
        headline_confidence=headline_confidence,
        section_confidence=section_confidence,
        removed_lines=tuple(removed),
        notes=tuple(notes),
    )


def _names(listing: str) -> tuple[str, ...]:
    """'Jane Doe, John Smith; Ann Lee' → three names; names without a letter or digit (which
    would have no address) are dropped, and so are repeats."""
    names: dict[str, str] = {}
    for name in re.split(r"[,;]", listing):
        name = name.strip()
        if slugify(name):
            names.setdefault(slugify(name, None), name)
    return tuple(names.values())


def _section(
    given: str | None, headline: str, paragraphs: list[str], config: Config
) -> tuple[Section, float | None, list[str]]:
    """(section, confidence when derived, notes for the report)."""
    wanted = slugify(given or "", None)
    for section in config.sections:
        if wanted and section.slug == wanted:
            return section, None, []
    choice, confidence = choose_section(f"{headline}\n" + "\n".join(paragraphs), config.sections)
    notes = (
        [f"Category {given!r} is not a configured section; chose {choice.name!r}"] if given else []
    )
    return choice, confidence, notes


def _article_date(
    seed: Seed, given: dict[str, str], previous: ContentFile | None, config: Config
) -> datetime:
    """Given → a date in the file name → the date already published → now."""
    zone = config.site.zone
    if "date" in given:
        return parse_date(given["date"], zone)
    from_name = date_from_filename(Path(seed.name).name, zone)
    if from_name:
        return from_name
    if previous and previous.meta.get("date"):
        try:
            return parse_date(previous.meta["date"], zone)
        except ValueError:
            pass
    return now(zone)
