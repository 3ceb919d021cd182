"""Seconds spent in each stage of a build, for `newsdesk build --timings` and bench/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Timings(dict[str, float]):
    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started

    def mark(self, name: str, since: float) -> None:
        """Add the time from `since` (a time.perf_counter() value) to now to `name`."""
        self[name] = self.get(name, 0.0) + time.perf_counter() - since

    def line(self) -> str:
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.items())
