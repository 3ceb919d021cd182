"""Seeds → articles → content files, with a report of what happened to each seed."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic
from .cleaning import normalise, remove_boilerplate
from .config import Config
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
    errors: list[SeedError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def ingest(config: Config) -> IngestReport:
    report = IngestReport()
    seed_paths = find_seeds(config.seeds_dir)
    existing = scan_content(config.content_dir)
    by_seed = {f.seed: f for f in existing if f.seed}
    seed_names = {p.relative_to(config.seeds_dir).as_posix() for p in seed_paths}
    # Slugs already claimed by files this run will not rewrite: hand-written articles, hand
    # edits, and generated files of other seeds.
    taken = {f.meta.get("slug", f.path.stem) for f in existing}
    for path in seed_paths:
        name = path.relative_to(config.seeds_dir).as_posix()
        previous = by_seed.get(name)
        if previous and not previous.generated:
            report.kept.append(previous.path)
            continue
        try:
            seed = read_seed(path, config.seeds_dir)
            if previous and _up_to_date(previous, seed):
                report.unchanged.append(previous.path)
                continue
            article = make_article(seed, config, previous, taken - _slug_of(previous))
        except SeedError as error:
            report.errors.append(error)
            continue
        taken = (taken - _slug_of(previous)) | {article.slug}
        report.boilerplate += [(name, line) for line in article.removed_lines]
        _write(article, config, previous, report)
    for orphan in existing:
        if orphan.seed and orphan.seed not in seed_names and orphan.generated:
            orphan.path.unlink()
            report.removed.append(orphan.path)
    return report


def _slug_of(content: ContentFile | None) -> set[str]:
    return {content.meta.get("slug", content.path.stem)} if content else set()


def _up_to_date(previous: ContentFile, seed: Seed) -> bool:
    return (
        previous.meta.get("seed_sha256") == seed.sha256
        and previous.meta.get("newsdesk") == INGEST_VERSION
    )


def _write(
    article: Article, config: Config, previous: ContentFile | None, report: IngestReport
) -> None:
    section_slug = next(s.slug for s in config.sections if s.name == article.section)
    target = config.content_dir / section_slug / f"{article.slug}.md"
    changed = write_atomic(target, render_article(article))
    if previous and previous.path != target:
        previous.path.unlink(missing_ok=True)
    (report.written if changed else report.unchanged).append(target)


def make_article(
    seed: Seed, config: Config, previous: ContentFile | None, taken: set[str]
) -> Article:
    """Derive every field the seed does not give. Pure apart from reading the clock."""
    fields = {key: normalise(value) for key, value in seed.fields.items()}
    extra = [re.compile(p, re.IGNORECASE) for p in config.ingest.extra_boilerplate]
    paragraphs, removed = remove_boilerplate((normalise(p) for p in seed.paragraphs), extra)
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise SeedError(
            config.seeds_dir / seed.name, "no article text left after removing boilerplate"
        )
    derived: list[str] = []

    headline_confidence = None
    if fields.get("title"):
        headline = fields["title"]
    else:
        headline, headline_confidence = derive_headline(paragraphs)
        derived.append("title")
    dek = fields.get("summary") or derive_dek(paragraphs, headline)
    if not fields.get("summary"):
        derived.append("summary")

    zone = config.site.zone
    date = _article_date(seed, fields, previous, config)
    if not fields.get("date"):
        derived.append("date")

    section_confidence = None
    section = _given_section(fields.get("category", ""), config)
    if section is None:
        choice, section_confidence = choose_section(
            f"{headline}\n" + "\n".join(paragraphs), config.sections
        )
        section = choice.name
        derived.append("category")

    given_tags = [t.strip() for t in fields.get("tags", "").split(",") if t.strip()]
    tags = tuple(given_tags) or derive_tags(paragraphs)
    if not given_tags:
        derived.append("tags")
    author = fields.get("author") or config.site.default_author
    if not fields.get("author"):
        derived.append("author")

    words = sum(len(p.split()) for p in paragraphs)
    return Article(
        seed=seed.name,
        seed_sha256=seed.sha256,
        headline=headline,
        dek=dek,
        date=date.astimezone(zone),
        slug=unique_slug(slugify(headline) or "article", taken),
        section=section,
        tags=tags,
        author=author,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        paragraphs=tuple(paragraphs),
        derived=tuple(derived),
        headline_confidence=headline_confidence,
        section_confidence=section_confidence,
        removed_lines=tuple(removed),
    )


def _article_date(seed: Seed, fields: dict[str, str], previous: ContentFile | None, config: Config):
    """Given → a date in the file name → the date already published → now."""
    zone = config.site.zone
    if fields.get("date"):
        return parse_date(fields["date"], zone)
    from_name = date_from_filename(Path(seed.name).name, zone)
    if from_name:
        return from_name
    if previous and previous.meta.get("date"):
        try:
            return parse_date(previous.meta["date"], zone)
        except ValueError:
            pass
    return now(zone)


def _given_section(name: str, config: Config) -> str | None:
    wanted = slugify(name)
    return next((s.name for s in config.sections if wanted and s.slug == wanted), None)
