"""What a page was made from, found out while its templates render.

A page is a function of the template variables it reads and of what it asks newsdesk's
template functions (related stories, feed links…). `RecordingContext` notes every variable
a template looks up, and those functions note their calls with `record_call`; the next build
re-reads the same variables and asks the same calls, and when every answer is the same the
page would come out the same, so it is not made again. Because a page's choices of what to
read depend only on what it read before, this is exact, also for pages that read different
things depending on their data.

No Pelican here: the writer in `site/` says how to fingerprint Pelican's objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from jinja2.runtime import Context

from .outputs import Dependencies

Call = tuple[str, ...]


class Recorder:
    """The variables and calls of one page, in the order first met."""

    def __init__(self) -> None:
        self.names: dict[str, None] = {}
        self.calls: dict[Call, None] = {}

    def dependencies(self) -> Dependencies:
        return Dependencies(tuple(self.names), tuple(self.calls))


_current: ContextVar[Recorder | None] = ContextVar("page_recorder", default=None)


class RecordingContext(Context):
    """A Jinja context that notes every variable looked up from outside the template."""

    def resolve_or_missing(self, key: str) -> Any:
        recorder = _current.get()
        if recorder is not None and key not in self.vars:
            recorder.names[key] = None
        return super().resolve_or_missing(key)


def record_call(*call: str) -> None:
    """Note that the page being rendered asked for `call` (kind first, then arguments)."""
    recorder = _current.get()
    if recorder is not None:
        recorder.calls[call] = None


@contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    token = _current.set(recorder)
    try:
        yield recorder
    finally:
        _current.reset(token)


def combine(parts: Iterable[bytes]) -> bytes:
    """One fingerprint of many; order matters, and each part's length is hashed too, so
    that ["ab", "c"] and ["a", "bc"] differ."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()
