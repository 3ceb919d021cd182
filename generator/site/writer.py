"""Pelican's writer, made incremental: a page is rendered only when something it read last
time has changed, and written only when its bytes differ from output/'s.

Pelican's generators call `write_file` for every page as usual; this writer only queues
them (paginated lists become one job per page, numbered as Pelican numbers them). Then,
job by job, here or in worker processes (`parallel`), `is_fresh` decides: the page's
recorded dependencies (`pagedeps`) are fingerprinted again from this build's values, and a
page whose key is unchanged is kept as it is; the others are rendered by `render`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from typing import Any, Protocol

from jinja2 import Template, Undefined
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from ..errors import BuildError
from ..models import Story
from ..outputs import Dependencies, Made, Outputs, pack_sources
from ..pagedeps import Call, recording
from .layout import has_links

_MISSING = hashlib.blake2b(b"missing", digest_size=16).digest()
_NOTHING = object()
_SETTING = object()  # a shared name the global key or the page's path already covers
Sources = frozenset[int] | None  # ids of content files; None: not known
_NO_SOURCES: frozenset[int] = frozenset()


@dataclass
class PageJob:
    """One page to write: a `write_file` call's template and variables (shared by all its
    pages) and, for a paginated list, which page it is."""

    path: str  # relative to output/
    template: Template
    context: dict[str, Any]  # shared by many pages: never changed
    kwargs: dict[str, Any]  # the call's own variables, over `context`
    override: bool
    number: int = 0  # page number in a paginated list, 0 if not paginated
    paginators: dict[str, Paginator] | None = None  # shared by the list's pages

    def variables(self) -> dict[str, Any]:
        """Everything the template sees, with the pagination variables Pelican gives."""
        own = {**self.context, **self.kwargs, "output_file": self.path}
        for name, (paginator, number) in self.pagination().items():
            own[name] = paginator if number is None else _page(paginator, number)
        return own

    def pagination(self) -> dict[str, tuple[Paginator, int | None]]:
        """'articles_paginator' → (the paginator, None), 'articles_page' → (the paginator,
        this page's number), and so on for '…_previous_page' and '…_next_page' (number 0
        or past the last page: there is none)."""
        own: dict[str, tuple[Paginator, int | None]] = {}
        for key, paginator in (self.paginators or {}).items():
            own[f"{key}_paginator"] = (paginator, None)
            for suffix, offset in (("_page", 0), ("_previous_page", -1), ("_next_page", 1)):
                own[key + suffix] = (paginator, self.number + offset)
        return own


def _page(paginator: Paginator, number: int) -> Page | None:
    return paginator.page(number) if 1 <= number <= paginator.num_pages else None


class Answers(Protocol):
    """What the template functions answer (site/index.py), for fingerprints."""

    def fingerprint(self, call: Call, of: Callable[[Any], bytes]) -> bytes: ...

    def call_sources(self, call: Call, sources: Callable[[Any], Sources]) -> Sources: ...

    def source_id(self, content: Content) -> int | None: ...

    def stamp(self, content: Content) -> str: ...


class Fingerprints:
    """16-byte fingerprints of the values templates read, memoised for one build (values do
    not change once Pelican has read the content), and the content files each value shows."""

    def __init__(self, answers: Answers) -> None:
        self._answers = answers
        self._memo: dict[int, tuple[Any, bytes]] = {}
        self._calls: dict[tuple[str, ...], bytes] = {}  # a call answers the same all build
        self._pages: dict[tuple[int, int], bytes] = {}  # (paginator id, number) → fingerprint
        self._sources: dict[int, tuple[Any, Sources]] = {}  # of lists and pages, by id
        self._call_sources: dict[Call, Sources] = {}
        self._opaque = os.urandom(8)  # of values that cannot be compared: never equal

    def of(self, value: Any) -> bytes:
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        stamp = self._fingerprint(value)
        self._memo[id(value)] = (value, stamp)  # the value is kept alive: its id stays unique
        return stamp

    def call(self, call: tuple[str, ...]) -> bytes:
        """Of the call and of what it answers now (computed once per call and build)."""
        found = self._calls.get(call)
        if found is None:
            answer = self._answers.fingerprint(call, self.of)
            found = self._calls[call] = _hash(b"call", "\0".join(call).encode(), answer)
        return found

    def page(self, paginator: Paginator, number: int) -> bytes:
        """Of a page of a paginated list (each page is read by its own job and both
        neighbours': made once). Paginators live as long as the build's jobs."""
        found = self._pages.get((id(paginator), number))
        if found is None:
            page = _page(paginator, number)
            # Not memoised by `of`, which would keep every page (and its slice of the list)
            # alive until the build ends: hundreds of thousands of them at 50,000 articles.
            found = self.of(page) if page is None else self._fingerprint(page)
            self._pages[id(paginator), number] = found
        return found

    def sources(self, value: Any) -> Sources:
        """The content files whose text `value` shows, as `of` sees it: a Pelican article or
        page is its file, a list or page of them their files. Names, counts and URLs follow
        from the layout (site/layout.py) and so show no file; a value that `of` takes apart
        by what it holds (a Story, a newsletter issue) is not known (None)."""
        if isinstance(value, Content):
            source = self._answers.source_id(value)
            return None if source is None else frozenset((source,))
        if isinstance(value, list | tuple | set | frozenset | dict | Page):
            found = self._sources.get(id(value))
            if found is None or found[0] is not value:
                items = value.object_list if isinstance(value, Page) else value
                if isinstance(value, dict):
                    items = [*value.keys(), *value.values()]
                found = self._sources[id(value)] = (value, self._union(items))
            return found[1]
        if value is None or isinstance(
            value, str | bool | int | float | date | URLWrapper | Paginator | Undefined
        ):
            return _NO_SOURCES
        if callable(value) and not is_dataclass(value):
            return _NO_SOURCES  # template functions: their calls are noted and answered
        return None

    def call_sources(self, call: Call) -> Sources:
        if call not in self._call_sources:
            self._call_sources[call] = self._answers.call_sources(call, self.sources)
        return self._call_sources[call]

    def page_sources(self, paginator: Paginator, number: int) -> Sources:
        page = _page(paginator, number)
        return _NO_SOURCES if page is None else self._union(page.object_list)

    def _union(self, items: Iterable[Any]) -> Sources:
        found: set[int] = set()
        for item in items:
            sources = self.sources(item)
            if sources is None:
                return None
            found |= sources
        return frozenset(found)

    def _fingerprint(self, value: Any) -> bytes:
        if isinstance(value, str):  # also Markup
            return _hash(b"s", value.encode("utf-8", "surrogatepass"))
        if value is None or isinstance(value, bool | int | float):
            return _hash(b"v", repr(value).encode())
        if isinstance(value, Content):
            return _hash(b"content", *self._content_parts(value))
        if isinstance(value, URLWrapper):
            return _hash(type(value).__name__.encode(), self.of(value.name), self.of(value.slug))
        if isinstance(value, Paginator):
            numbers = repr((value.count, value.num_pages, value.per_page)).encode()
            return _hash(b"paginator", numbers, self.of(value.name))
        if isinstance(value, Page):
            items = _hash_all(b"items", map(self.of, value.object_list))
            return _hash(b"page", repr(value.number).encode(), self.of(value.paginator), items)
        if isinstance(value, datetime):
            return _hash(b"datetime", value.isoformat().encode(), str(value.tzinfo).encode())
        if isinstance(value, date):
            return _hash(b"date", value.isoformat().encode())
        if isinstance(value, list | tuple):
            return _hash_all(b"seq", map(self.of, value))
        if isinstance(value, dict):
            return _hash(b"map", *(self.of(k) + self.of(v) for k, v in value.items()))
        if isinstance(value, set | frozenset):
            return _hash(b"set", *sorted(map(self.of, value)))
        if isinstance(value, Story):
            return _hash(b"story", value.fingerprint)
        if is_dataclass(value) and not isinstance(value, type):
            # Field by field, so that a record of stories (a newsletter issue) costs a hash
            # of their fingerprints, not a repr that spells out every story's body.
            kind = type(value).__qualname__.encode()
            return _hash(
                b"record", kind, *(self._field(getattr(value, f.name)) for f in fields(value))
            )
        if isinstance(value, Undefined):
            return _MISSING
        if callable(value):  # template functions note their own calls (pagedeps)
            name = getattr(value, "__qualname__", type(value).__qualname__)
            return _hash(b"callable", f"{getattr(value, '__module__', '')}.{name}".encode())
        return _hash(self._opaque, str(id(value)).encode())

    def _content_parts(self, content: Content) -> list[bytes]:
        """A content file as this build found it (`layout.file_stamp`), and its text once
        its links to other content are resolved when it has any."""
        parts = [f"{content.source_path}\0{self._answers.stamp(content)}".encode()]
        if has_links(content):
            parts.append(content.content.encode())
        return parts

    def _field(self, value: Any) -> bytes:
        """Of a record's field: a value of a kind `_fingerprint` knows, or else its repr (as
        the whole record's repr was: records hold only values that show all in it)."""
        if isinstance(value, _KNOWN_FIELDS) or is_dataclass(value):
            return self.of(value)
        return _hash(b"repr", repr(value).encode())


# The kinds of record fields fingerprinted by value; another kind by its repr.
_KNOWN_FIELDS = (str, int, float, bool, type(None), date, list, tuple, dict, set, frozenset)


def _hash_all(kind: bytes, fingerprints: Iterable[bytes]) -> bytes:
    """One fingerprint of many (each 16 bytes)."""
    return hashlib.blake2b(kind + b"".join(fingerprints), digest_size=16).digest()


def _hash(kind: bytes, *parts: bytes) -> bytes:
    """One 16-byte fingerprint of a kind and its parts, each part's length included (parts
    of other fingerprints are all 16 bytes; the others are few)."""
    digest = hashlib.blake2b(kind, digest_size=16)
    for part in parts:
        if len(part) != 16:
            digest.update(b"%d:" % len(part))
        digest.update(part)
    return digest.digest()


class IncrementalWriter(Writer):
    """Queues pages; `is_fresh` tells which to keep and `render` makes the others."""

    outputs: Outputs
    fingerprints: Fingerprints
    global_key: bytes  # config, templates, code: a change makes every page again

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings)
        self.jobs: dict[str, PageJob] = {}
        self.untouched: dict[str, bool] = {}  # kept without a look → `override`
        self._shared: dict[int, dict[str, bytes]] = {}  # context → name → part of keys
        self._shared_sources: dict[int, dict[str, Sources]] = {}  # context → name → files

    def write_file(  # Pelican's signature
        self,
        name: str,
        template: Template,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: dict[str, list[Any]] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not name:
            return
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        templates = self.settings["PAGINATED_TEMPLATES"]
        path = _safe_path(name)
        if not paginated or template_name not in templates:
            if not self._kept_untouched(path, override_output):
                self._queue(PageJob(path, template, context, kwargs, override_output))
            return
        per_page = self._per_page(template_name)
        one_page = all(len(items) <= per_page for items in paginated.values())
        if one_page and self._kept_untouched(path, override_output):  # page 1 is at `name`
            return
        paginators = {
            key: Paginator(name, url, items, self.settings, per_page)
            for key, items in paginated.items()
        }
        first = next(iter(paginators.values()))
        for number in range(1, first.num_pages + 1):
            path = _safe_path(first.page(number).save_as)
            if not self._kept_untouched(path, override_output):
                self._queue(
                    PageJob(path, template, context, kwargs, override_output, number, paginators)
                )

    def keeps_list(self, name: str, items: Sequence[Any], template_name: str) -> bool:
        """True when the list of `items` at `name` fits on one page that is kept untouched
        (`_kept_untouched`): its caller need not work out the rest of the page's arguments
        (URLs of 28,000 topics at 10,000 articles)."""
        # As `name`: only a clean path matches a record (`_safe_path` made them); any other
        # goes the way of `write_file`.
        return len(items) <= self._per_page(template_name) and self._kept_untouched(name, False)

    def _per_page(self, template_name: str | None) -> int:
        found = self.settings["PAGINATED_TEMPLATES"].get(template_name)
        return found or self.settings["DEFAULT_PAGINATION"]

    def _kept_untouched(self, path: str, override: bool) -> bool:
        """Keep the page at `path` as output/ has it when it read no file that changed and
        the layout is the last build's (`Outputs.untouched`): it is then not even queued.
        The same layout asks for the same pages as the last build did."""
        if path in self.jobs or not self.outputs.untouched(path):
            return False
        earlier = self.untouched.get(path)
        if earlier is not None:  # Pelican's rule, as in `_queue`: one `override` page wins
            if earlier == override:
                raise BuildError(f"two pages would be written to {path}")
            self.untouched[path] = True
            return True
        self.outputs.keep(path)
        self.untouched[path] = override
        return True

    def _queue(self, job: PageJob) -> None:
        """Pelican's rule for two pages at one path: one marked `override` wins, two clash."""
        earlier = self.jobs.get(job.path)
        if earlier is not None:
            if earlier.override and not job.override:
                return
            if earlier.override or not job.override:
                raise BuildError(f"two pages would be written to {job.path}")
        self.jobs[job.path] = job

    def is_fresh(self, job: PageJob) -> bool:
        """True when output/ holds the page made from the same inputs: it is kept as it is."""
        recorded = self.outputs.dependencies(job.path)
        return recorded is not None and self.outputs.is_fresh(job.path, self._key(job, recorded))

    def render(self, job: PageJob) -> Made:
        with recording() as recorder:
            text = job.template.render(job.variables())
        dependencies = recorder.dependencies()
        digest, staged = self.outputs.stage(job.path, text.encode("utf-8"))
        key = self._key(job, dependencies)
        sources = self._sources_read(job, dependencies)
        packed = None if sources is None else pack_sources(sources)
        return Made.of(job.path, digest, key, dependencies, staged, packed)

    def _sources_read(self, job: PageJob, dependencies: Dependencies) -> Sources:
        """The content files the page read: whatever `_key` fingerprints, by file."""
        fingerprints = self.fingerprints
        shared = self._shared_sources.setdefault(id(job.context), {})
        pagination = job.pagination()
        read: set[int] = set()
        for name in dependencies.names:
            if name in job.kwargs:
                found = fingerprints.sources(job.kwargs[name])
            elif name in pagination:
                paginator, number = pagination[name]
                found = (
                    _NO_SOURCES if number is None else fingerprints.page_sources(paginator, number)
                )
            else:
                if name not in shared:
                    shared[name] = self._shared_sources_of(job, name)
                found = shared[name]
            if found is None:
                return None
            read |= found
        for call in dependencies.calls:
            found = fingerprints.call_sources(call)
            if found is None:
                return None
            read |= found
        return frozenset(read)

    def _shared_sources_of(self, job: PageJob, name: str) -> Sources:
        """As `_shared_part`: settings, `output_file` and missing names show no file."""
        value = self._shared_value(job, name)
        return (
            _NO_SOURCES
            if value is _SETTING or value is _NOTHING
            else self.fingerprints.sources(value)
        )

    def _key(self, job: PageJob, dependencies: Dependencies) -> str:
        """What the page was made from: its path, and the fingerprint of each variable it
        read and of each call it made. A page of a paginated list reads its own page and its
        neighbours (their numbers, the list's length and the stories on them: an edit
        remakes the pages that show the story and the two beside them), and the paginator
        (the list's length and number of pages; a template that needs the whole list reads
        `articles`, which is tracked whole)."""
        of = self.fingerprints.of
        shared = self._shared.setdefault(id(job.context), {})
        pagination = job.pagination()
        parts = [self.global_key, of(job.template.name), job.path.encode()]
        for name in dependencies.names:
            if name in job.kwargs:
                parts += (of(name), of(job.kwargs[name]))
            elif name in pagination:
                paginator, number = pagination[name]
                stamp = (
                    of(paginator) if number is None else self.fingerprints.page(paginator, number)
                )
                parts += (of(name), stamp)
            else:
                found = shared.get(name)
                if found is None:
                    found = shared[name] = self._shared_part(job, name)
                parts.append(found)
        parts += map(self.fingerprints.call, dependencies.calls)
        return hashlib.blake2b(b"".join(parts), digest_size=16).hexdigest()

    def _shared_part(self, job: PageJob, name: str) -> bytes:
        """A variable's part of the key when it comes from the context shared by all pages
        (or is missing). A Pelican setting adds nothing: the global key covers the config
        and code that settings come from. So does `output_file`: the path is in the key."""
        value = self._shared_value(job, name)
        if value is _SETTING:
            return b""
        of = self.fingerprints.of
        return of(name) + (_MISSING if value is _NOTHING else of(value))

    def _shared_value(self, job: PageJob, name: str) -> Any:
        """A name's value in the shared context or the template's globals: _SETTING for a
        Pelican setting or `output_file`, _NOTHING when it has none."""
        if name == "output_file" or (
            name in self.settings and job.context.get(name, _NOTHING) is self.settings[name]
        ):
            return _SETTING
        for scope in (job.context, job.template.globals):
            if name in scope:
                return scope[name]
        return _NOTHING


def _safe_path(path: str) -> str:
    """A page's path relative to output/, refusing any that would leave it."""
    clean = posixpath.normpath(path.replace(os.sep, "/")).lstrip("/")
    if clean.startswith("../") or clean in ("..", "."):
        raise BuildError(f"page path leaves output/: {path}")
    return clean
