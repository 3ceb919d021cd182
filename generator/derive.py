"""One seed → one `Article`: clean the text, lift the dateline, derive what the seed lacks.

Pure apart from reading the clock, and free of any state shared between seeds, so that
seeds can be derived in worker processes (see `ingest.py`).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, time
from pathlib import Path

from .cleaning import line_key, normalise, remove_boilerplate
from .config import Config, Section
from .content import ContentFile
from .dateline import Dateline, lift_dateline
from .dates import date_from_filename, now, parse_date
from .errors import SeedError
from .headline import derive_dek, derive_headline
from .models import Article, Seed
from .sections import choose_section
from .slugs import slugify, unique_slug
from .tags import derive_tags

WORDS_PER_MINUTE = 230


def _prepared(seed: Seed) -> tuple[list[str], Dateline]:
    """The seed's paragraphs as `make_article` sees them, boilerplate not yet removed, and
    the dateline lifted from them."""
    paragraphs, dateline = lift_dateline([p for p in map(normalise, seed.paragraphs) if p])
    return [p.strip() for p in paragraphs if p.strip()], dateline


def tested_line_keys(seed: Seed) -> set[str]:
    """The line keys `make_article` looks up in its `repeated`: it needs to hold only those
    of them that are repeated (a caller may work out just these)."""
    return {line_key(p) for p in _prepared(seed)[0]}


def make_article(
    seed: Seed,
    config: Config,
    previous: ContentFile | None,
    taken: set[str],
    repeated: frozenset[str] = frozenset(),
) -> Article:
    """Derive every field the seed does not give. `repeated` holds the keys of lines found
    in many seeds of the run (cleaning.repeated_lines): boilerplate of the source."""
    given = {key: normalise(value) for key, value in seed.fields.items() if normalise(value)}
    if "category" not in given and section_hint(seed.name, config):
        given["category"] = section_hint(seed.name, config)
    paragraphs, dateline = _prepared(seed)
    extra = [re.compile(p, re.IGNORECASE) for p in config.ingest.extra_boilerplate]
    kept, found = remove_boilerplate(paragraphs, extra, repeated)
    flag_only = config.ingest.boilerplate == "flag"
    paragraphs = paragraphs if flag_only else kept
    if not paragraphs:
        raise SeedError(
            config.seeds_dir / seed.name.split("#")[0],
            "no article text left after removing boilerplate",
        )
    if "title" in given:
        headline, headline_confidence = given["title"], None
    else:
        headline, headline_confidence = derive_headline(paragraphs)
    section, section_confidence, notes = _section(
        given.get("category"), headline, paragraphs, config
    )
    tags = _names(given.get("tags", "")) or derive_tags(paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    authors = _names(given.get("author", "")) or _names(dateline.byline)
    return Article(
        seed=seed.name,
        seed_sha256=seed.sha256,
        headline=headline,
        dek=given.get("summary") or derive_dek(paragraphs, headline),
        date=_article_date(seed, given, dateline, previous, config),
        slug=unique_slug(slugify(headline) or "article", taken),
        guid=previous.meta.get("guid", "") if previous else "",  # set when written if new
        section=section.name,
        tags=tuple(t for t in tags if slugify(t)),
        authors=authors or (config.site.default_author,),
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)),
        paragraphs=tuple(paragraphs),
        derived=_derived(given, section_confidence, dateline, bool(authors)),
        headline_confidence=headline_confidence,
        section_confidence=section_confidence,
        dateline=dateline.place,
        credit=dateline.credit,
        removed_lines=() if flag_only else tuple(found),
        flagged_lines=tuple(found) if flag_only else (),
        notes=(*notes, *dateline.notes),
    )


def section_hint(name: str, config: Config) -> str:
    """The section a seed's folder names ('politics/budget.txt' → 'Politics'), if any."""
    folders = name.split("#")[0].split("/")[:-1]
    wanted = slugify(folders[0], None) if folders else ""
    return next((s.name for s in config.sections if wanted and s.slug == wanted), "")


def _derived(
    given: dict[str, str], confidence: float | None, dateline: Dateline, has_author: bool
) -> tuple[str, ...]:
    """The fields newsdesk derived rather than read (a byline or a dated dateline is read)."""
    read = set(given) | ({"author"} if has_author else set())
    read |= {"date"} if dateline.date else set()
    return tuple(
        key
        for key in ("title", "summary", "date", "category", "tags", "author")
        if key not in read or (key == "category" and confidence is not None)
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
    seed: Seed,
    given: dict[str, str],
    dateline: Dateline,
    previous: ContentFile | None,
    config: Config,
) -> datetime:
    """Given → the dateline's (when it names the year) → a date in the file name → the date
    already published → now."""
    zone = config.site.zone
    if "date" in given:
        return parse_date(given["date"], zone)
    if dateline.date:
        return datetime.combine(dateline.date, time(0, 0), tzinfo=zone)
    from_name = date_from_filename(Path(seed.name.split("#")[0]).name, zone)
    if from_name:
        return from_name
    if previous and previous.meta.get("date"):
        try:
            return parse_date(previous.meta["date"], zone)
        except ValueError:
            pass
    return now(zone)
