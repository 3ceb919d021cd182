"""The records that flow through newsdesk: Seed → Article → (content file, Pelican) → Story."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import NamedTuple


@dataclass(frozen=True)
class Seed:
    """A raw input file, decoded and split, nothing derived yet."""

    name: str  # path relative to seeds/, with forward slashes
    sha256: str  # of the raw bytes: re-ingest skips seeds whose hash is unchanged
    shape: str  # "plain", "headline", "header", "markdown", "html" or "json"
    fields: dict[str, str]  # metadata given in the seed (lowercase keys)
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """Everything needed to write one content file."""

    seed: str
    seed_sha256: str
    headline: str
    dek: str
    date: datetime
    slug: str
    guid: str  # the article's address at first publication, relative to the site
    section: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    reading_minutes: int
    paragraphs: tuple[str, ...]
    derived: tuple[str, ...] = ()  # names of fields newsdesk derived rather than read
    headline_confidence: float | None = None
    section_confidence: float | None = None
    dateline: str = ""  # the place of the dateline: 'Gaza City'
    credit: str = ""  # agencies and reporting credits: 'Reuters; Additional reporting by …'
    removed_lines: tuple[str, ...] = field(default=(), compare=False)
    flagged_lines: tuple[str, ...] = field(default=(), compare=False)  # boilerplate, kept
    notes: tuple[str, ...] = field(default=(), compare=False)  # for the ingest report


class Term(NamedTuple):
    """A section, tag or author: its name and the slug of its page."""

    name: str
    slug: str


@dataclass(frozen=True)
class Story:
    """A published article as feeds and digests see it; built from Pelican's output."""

    id: str  # stable guid, fixed at first publication
    url: str  # absolute
    title: str
    summary: str  # plain text
    body_html: str  # as on the page (links may be relative)
    date: datetime
    updated: datetime
    section: Term
    tags: tuple[Term, ...]
    authors: tuple[Term, ...]
    reading_minutes: int = 1

    @cached_property
    def fingerprint(self) -> bytes:
        """16 bytes that change with any field: what feeds, issues, pages and the search
        index are keyed on. Worked out once per story (a story is in many feeds)."""
        return hashlib.blake2b(self.field_bytes(), digest_size=16).digest()

    def field_bytes(self) -> bytes:
        """Every field, after their lengths so that no two stories give the same bytes:
        three times cheaper to make than the repr, which spells out each date and escapes
        each body."""
        terms = [self.section, *self.tags, *self.authors]
        values = [self.id, self.url, self.title, self.summary, self.body_html]
        values += [self.date.isoformat(), self.updated.isoformat(), str(self.reading_minutes)]
        values += [str(len(self.tags)), *(part for term in terms for part in term)]
        lengths = ",".join(map(str, map(len, values)))
        return f"{lengths}:{''.join(values)}".encode()


@dataclass(frozen=True)
class Digest:
    """One newsletter issue: the stories of one period."""

    id: str  # e.g. "2026-W47", stable forever
    title: str
    start: date
    end: date  # inclusive
    stories: tuple[Story, ...]  # newest first; the first is the lead
    url: str  # absolute URL of the web copy
    note_html: str = ""  # the editor's note, if any
    sent: bool = False


@dataclass
class RenderStats:
    """Pages a build made again, and pages it kept as output/ had them (of which `untouched`
    were kept without a look at their inputs: they read no file that changed)."""

    rendered: int = 0
    kept: int = 0
    untouched: int = 0


@dataclass
class SiteReport:
    """What the site build made of content/."""

    stories: list[Story] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # from Pelican, e.g. a skipped file
    errors: list[str] = field(default_factory=list)
    render: RenderStats | None = None


@dataclass(frozen=True)
class Subscriber:
    """One row of the subscriber database."""

    id: int
    email: str  # validated and normalised; unique regardless of case
    name: str
    status: str  # pending, confirmed, unsubscribed, bounced or complained
    source: str  # how the address came in: "cli", "import: list.csv", …
    consent_at: str | None  # when the subscriber agreed (ISO 8601, UTC)
    consent_method: str  # how: "double opt-in link", "confirmed by an editor", …
    hard_bounces: int
    created_at: str
    updated_at: str
    confirmed_at: str | None
    unsubscribed_at: str | None


# Whether some stories' files, and the site's layout, are as at the last build: then what is
# made of those stories alone can be kept unlooked at (site/layout.py).
Unchanged = Callable[[Sequence[Story]], bool]
