"""Seconds spent in each stage of a build, and the process's peak memory at its end, for
`newsdesk build --timings` and bench/; and the CPU seconds of what the render stage made
(pages, feeds, digests), which overlap in worker processes. The search index's stage
overlaps the queue and render stages: it runs in a thread beside them."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Timings(dict[str, float]):
    def __init__(self) -> None:
        super().__init__()
        self.peak_mb: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # kind of render task → CPU seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.mark(name, started)

    def mark(self, name: str, since: float) -> None:
        """Add the time from `since` (a time.perf_counter() value) to now to `name`."""
        self[name] = self.get(name, 0.0) + time.perf_counter() - since
        self.peak_mb[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def line(self) -> str:
        stages = ", ".join(
            f"{name} {seconds:.2f} s ({self.peak_mb.get(name, 0):.0f} MB)"
            for name, seconds in self.items()
        )
        if not self.cpu:
            return stages
        kinds = ", ".join(f"{kind} {seconds:.2f} s" for kind, seconds in sorted(self.cpu.items()))
        return f"{stages}; render CPU: {kinds}"
