"""Map a function over many items in worker processes, in order, or in this process when
there are too few items for starting processes to pay off."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MIN_PARALLEL = 200  # below this many items, starting processes costs more than it saves
# Items are sent to the workers in chunks of at most this many: few enough that the function
# (with its config) is pickled rarely, small enough that no worker is left idle for long
# while another finishes a last big chunk.
MAX_CHUNK = 64


def cores() -> int:
    """Cores this process may run on (a container's CPU set, not the whole machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], workers: int = 0
) -> list[Result]:
    """[function(item) for item in items], spread over `workers` processes (0: one per core
    when there are enough items to pay for starting them). Results come back in the order of
    `items`, so output does not depend on which process finished first. `function` must be
    picklable (a module-level function or a functools.partial of one)."""
    if workers == 0:
        workers = cores() if len(items) >= MIN_PARALLEL else 1
    if workers == 1 or len(items) < 2:
        return [function(item) for item in items]
    chunk = max(1, min(MAX_CHUNK, len(items) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items, chunksize=chunk))
