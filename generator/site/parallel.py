"""Render work spread over worker processes, each forked from the build after Pelican has
read everything: a worker starts with every article, template and record in memory (nothing
is pickled on the way in) and sends back only the records of the files it staged.

A task is a function of no arguments returning (files made, warnings), with the kind of
thing it makes ("pages", "feeds", "digests"), whose CPU time is summed for `--timings`.
A prelude is work that tasks need done first (the feed entries that many feeds share): its
jobs run across the workers, and their results become tasks. Workers run on Linux and other
systems that can fork; elsewhere, and for little work, everything runs here.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..outputs import Made

Result = tuple[list[Made], list[str]]


@dataclass(frozen=True)
class Task:
    kind: str
    run: Callable[[], Result]


@dataclass(frozen=True)
class Prelude:
    """Jobs whose results (sent back from the workers, so they must pickle) `then` turns
    into tasks."""

    kind: str
    jobs: list[Callable[[], Any]]
    then: Callable[[list[Any]], list[Task]]


_calls: list[Callable[[], Any]] = []  # set just before the workers fork, which is how they get them


def _run(number: int) -> tuple[Any, float]:
    return _timed(_calls[number])


def _timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.thread_time()  # not the search index's thread beside it
    return call(), time.thread_time() - started


def run_tasks(
    tasks: Sequence[Task | Prelude], workers: int
) -> tuple[list[Made], list[str], dict[str, float]]:
    """Run `tasks` (preludes first) in `workers` processes (here when 1). Returns the files
    made, the warnings, and the CPU seconds of each kind of task."""
    cpu: dict[str, float] = {}
    preludes = [t for t in tasks if isinstance(t, Prelude)]
    ready = [t for t in tasks if isinstance(t, Task)]
    done = _map([job for prelude in preludes for job in prelude.jobs], workers)
    for prelude in preludes:
        results, done = done[: len(prelude.jobs)], done[len(prelude.jobs) :]
        cpu[prelude.kind] = cpu.get(prelude.kind, 0.0) + sum(seconds for _, seconds in results)
        ready = prelude.then([result for result, _ in results]) + ready
    finished = _map([task.run for task in ready], workers)
    for task, (_, seconds) in zip(ready, finished, strict=True):
        cpu[task.kind] = cpu.get(task.kind, 0.0) + seconds
    made = [m for (files, _), _ in finished for m in files]
    return made, [w for (_, found), _ in finished for w in found], cpu


def _map(calls: list[Callable[[], Any]], workers: int) -> list[tuple[Any, float]]:
    """Each call's result and CPU seconds, in order."""
    global _calls
    if workers < 2 or len(calls) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_timed(call) for call in calls]
    _calls = calls
    # Objects made before the fork stay out of the workers' garbage collections, which
    # would otherwise write to every one of them and so copy all the memory they share.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with warnings.catch_warnings(), ProcessPoolExecutor(workers, mp_context=context) as pool:
            # Python 3.12 warns when forking beside other threads (a progress bar's): a
            # worker only renders and exits, taking no lock another thread may hold.
            warnings.filterwarnings("ignore", "This process .* is multi-threaded")
            return list(pool.map(_run, range(len(calls))))
    finally:
        gc.unfreeze()
        _calls = []
