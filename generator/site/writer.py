"""Pelican's writer, made incremental: a page is rendered only when something it read last
time has changed, and written only when its bytes differ from output/'s.

Pelican's generators call `write_file` for every page as usual; this writer only queues
them (paginated lists become one job per page, as Pelican numbers them). `finish` then
decides, job by job: the page's recorded dependencies (`pagedeps`) are fingerprinted again
from this build's values, and a page whose key is unchanged is kept as it is.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, is_dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import Template, Undefined
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from ..errors import BuildError
from ..outputs import Dependencies, Made, Outputs
from ..pagedeps import combine, recording

_MISSING = b"\0missing"


@dataclass
class PageJob:
    path: str  # relative to output/
    template: Template
    context: dict[str, Any]  # shared by many pages: never changed
    own: dict[str, Any]  # this page's variables, over `context`
    override: bool


@dataclass
class RenderStats:
    rendered: int = 0
    kept: int = 0


class Fingerprints:
    """Fingerprints of the values templates read, memoised for one build (values are not
    changed once Pelican has read the content)."""

    def __init__(self, call_fingerprint: Callable[[tuple[str, ...], Callable], bytes]) -> None:
        self._call_fingerprint = call_fingerprint
        self._memo: dict[int, tuple[Any, bytes]] = {}
        self._calls: dict[tuple[str, ...], bytes] = {}  # a call answers the same all build
        self._opaque = os.urandom(8)  # of values that cannot be compared: never equal

    def of(self, value: Any) -> bytes:
        if isinstance(value, str):  # also Markup
            return b"s" + value.encode("utf-8", "surrogatepass")
        if value is None or isinstance(value, bool | int | float):
            return repr(value).encode()
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        stamp = self._fingerprint(value)
        self._memo[id(value)] = (value, stamp)  # the value is kept alive: its id stays unique
        return stamp

    def call(self, call: tuple[str, ...]) -> bytes:
        found = self._calls.get(call)
        if found is None:
            found = self._calls[call] = self._call_fingerprint(call, self.of)
        return found

    def _fingerprint(self, value: Any) -> bytes:
        if isinstance(value, Content):
            return combine([b"content", *_file_stamp(value)])
        if isinstance(value, URLWrapper):
            return combine(
                [type(value).__name__.encode(), self.of(value.name), self.of(value.slug)]
            )
        if isinstance(value, Paginator):
            numbers = (value.count, value.num_pages, value.per_page)
            return combine([b"paginator", repr(numbers).encode(), self.of(value.name)])
        if isinstance(value, Page):
            return combine(
                [b"page", repr(value.number).encode(), self.of(value.paginator)]
                + [self.of(item) for item in value.object_list]
            )
        if isinstance(value, datetime):
            return combine([b"datetime", value.isoformat().encode(), str(value.tzinfo).encode()])
        if isinstance(value, date):
            return b"date" + value.isoformat().encode()
        if isinstance(value, list | tuple):
            return combine([b"seq", *map(self.of, value)])
        if isinstance(value, dict):
            return combine([b"map"] + [self.of(k) + self.of(v) for k, v in value.items()])
        if isinstance(value, set | frozenset):
            return combine([b"set", *sorted(map(self.of, value))])
        if is_dataclass(value) and not isinstance(value, type):
            # Frozen records (Story, FeedLink…): their repr shows every field.
            return hashlib.blake2b(repr(value).encode(), digest_size=16).digest()
        if isinstance(value, Undefined):
            return _MISSING
        if callable(value):  # template functions note their own calls (pagedeps)
            name = getattr(value, "__qualname__", type(value).__qualname__)
            return f"callable {getattr(value, '__module__', '')}.{name}".encode()
        return self._opaque + str(id(value)).encode()


def _file_stamp(content: Content) -> list[bytes]:
    """A content file as it is now. Content files are replaced whole, never rewritten in
    place, so a new inode or modification time means new text."""
    try:
        info = os.stat(content.source_path)
    except OSError:
        return [b"no file", content.source_path.encode()]
    stamp = f"{content.source_path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}"
    parts = [stamp.encode()]
    if "{" in (content._content or ""):  # links to other content ({filename}…) resolve late
        parts.append(content.content.encode())
    return parts


class IncrementalWriter(Writer):
    """Queues pages; `finish` renders those whose inputs changed."""

    outputs: Outputs
    fingerprints: Fingerprints
    global_key: bytes  # config, templates, code: a change makes every page again

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings)
        self.jobs: dict[str, PageJob] = {}

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
        for path, own in self._pages(name, paginated, template_name, url, kwargs):
            self._queue(PageJob(_safe_path(path), template, context, own, override_output))

    def _pages(
        self,
        name: str,
        paginated: dict[str, list[Any]] | None,
        template_name: str | None,
        url: str | None,
        kwargs: dict[str, Any],
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(path, the page's own variables) of each page, numbered as Pelican does."""
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        templates = self.settings["PAGINATED_TEMPLATES"]
        if not paginated or template_name not in templates:
            yield name, {**kwargs, "output_file": name}
            return
        per_page = templates[template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: Paginator(name, url, items, self.settings, per_page)
            for key, items in paginated.items()
        }
        pages = next(iter(paginators.values())).num_pages
        for number in range(1, pages + 1):
            own = dict(kwargs)
            for key, paginator in paginators.items():
                own[f"{key}_paginator"] = paginator
                own[f"{key}_page"] = paginator.page(number)
                own[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                own[f"{key}_next_page"] = paginator.page(number + 1) if number < pages else None
            path = own[f"{next(iter(paginators))}_page"].save_as
            yield path, {**own, "output_file": path}

    def _queue(self, job: PageJob) -> None:
        """Pelican's rule for two pages at one path: one marked `override` wins, two clash."""
        earlier = self.jobs.get(job.path)
        if earlier is not None:
            if earlier.override and not job.override:
                return
            if earlier.override or not job.override:
                raise BuildError(f"two pages would be written to {job.path}")
        self.jobs[job.path] = job

    def stale(self) -> list[PageJob]:
        """The queued pages whose inputs changed; the others are kept as output/ has them."""
        stale = []
        for job in self.jobs.values():
            if self._is_fresh(job):
                self.outputs.keep(job.path)
            else:
                stale.append(job)
        return stale

    def _is_fresh(self, job: PageJob) -> bool:
        recorded = self.outputs.dependencies(job.path)
        return recorded is not None and self.outputs.is_fresh(job.path, self._key(job, recorded))

    def render(self, job: PageJob) -> Made:
        with recording() as recorder:
            text = job.template.render({**job.context, **job.own})
        dependencies = recorder.dependencies()
        digest, staged = self.outputs.stage(job.path, text.encode("utf-8"))
        return Made(job.path, digest, self._key(job, dependencies), dependencies, staged)

    def _key(self, job: PageJob, dependencies: Dependencies) -> str:
        parts = [self.global_key, job.template.name.encode()]
        for name in dependencies.names:
            parts.append(name.encode())
            parts.append(self._value(job, name))
        for call in dependencies.calls:
            parts.append("\0".join(call).encode())
            parts.append(self.fingerprints.call(call))
        return combine(parts).hex()

    def _value(self, job: PageJob, name: str) -> bytes:
        for scope in (job.own, job.context, job.template.globals):
            if name in scope:
                return self.fingerprints.of(scope[name])
        return _MISSING


def _safe_path(path: str) -> str:
    """A page's path relative to output/, refusing any that would leave it."""
    clean = posixpath.normpath(path.replace(os.sep, "/")).lstrip("/")
    if clean.startswith("../") or clean in ("..", "."):
        raise BuildError(f"page path leaves output/: {path}")
    return clean
