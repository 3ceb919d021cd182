"""Render work spread over worker processes, each forked from the build after Pelican has
read everything: a worker starts with every article, template and record in memory (nothing
is pickled on the way in) and sends back only the records of the files it staged.

A task is a function of no arguments returning (files made, warnings), with the kind of
thing it makes ("pages", "feeds", "digests"), whose CPU time is summed for `--timings`.
Workers run on Linux and other systems that can fork; elsewhere, and for little work,
tasks run here.
"""

from __future__ import annotations

import multiprocessing
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..outputs import Made

Result = tuple[list[Made], list[str]]


@dataclass(frozen=True)
class Task:
    kind: str
    run: Callable[[], Result]


_tasks: list[Task] = []  # set just before the workers fork, which is how they receive them


def _run(number: int) -> tuple[Result, float]:
    return _timed(_tasks[number])


def _timed(task: Task) -> tuple[Result, float]:
    started = time.process_time()
    return task.run(), time.process_time() - started


def run_tasks(
    tasks: list[Task], workers: int, alongside: Callable[[], None]
) -> tuple[list[Made], list[str], dict[str, float]]:
    """Run `tasks` in `workers` processes (here when 1), and `alongside` in this process
    meanwhile (Pagefind, which runs processes of its own). Returns the files made, the
    warnings, and the CPU seconds of each kind of task."""
    global _tasks
    if workers < 2 or len(tasks) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        alongside()
        results = [_timed(task) for task in tasks]
    else:
        _tasks = tasks
        try:
            context = multiprocessing.get_context("fork")
            with (
                warnings.catch_warnings(),
                ProcessPoolExecutor(workers, mp_context=context) as pool,
            ):
                # Python 3.12 warns when forking beside other threads (a progress bar's):
                # a worker only renders and exits, taking no lock another thread may hold.
                warnings.filterwarnings("ignore", "This process .* is multi-threaded")
                running = pool.map(_run, range(len(tasks)))
                alongside()
                results = list(running)
        finally:
            _tasks = []
    cpu: dict[str, float] = {}
    for task, (_, seconds) in zip(tasks, results, strict=True):
        cpu[task.kind] = cpu.get(task.kind, 0.0) + seconds
    made = [m for (files, _), _ in results for m in files]
    return made, [w for (_, found), _ in results for w in found], cpu
