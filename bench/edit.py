"""One edit build of an existing site, taken apart: where its time goes.

Usage: SOURCE_DATE_EPOCH=... python bench/edit.py SITE [--seed NAME] [--python-gc]

SITE is a site that has been built (for instance one kept by `bench/build.py --keep DIR`:
DIR/newsdesk-bench-*/10000/site). It appends a sentence to one seed and builds once in
this process, as `newsdesk build` does (run it again for another sample: a second build in
the same process would start with the first one's memory), then prints its wall time, the
pages made and kept (and of those kept, how many untouched: not looked at), the stages of
`--timings`, the garbage collections the build ran (count and seconds, per generation) and
the process's peak resident memory. With --python-gc, the build keeps Python's default
collector thresholds (to compare with the build's own). Run from the repository root.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import generator.build
from generator.build import build
from generator.config import load_config


class Collections:
    """Counts and times the garbage collector's runs, by generation."""

    def __init__(self) -> None:
        self.runs = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.runs[info["generation"]] += 1
            self.seconds[info["generation"]] += time.perf_counter() - self._started

    def line(self) -> str:
        counts = zip(self.runs, self.seconds, strict=True)
        return ", ".join(f"gen {g}: {n} in {s:.2f} s" for g, (n, s) in enumerate(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--seed", help="seed to edit, relative to seeds/ (default: the first)")
    parser.add_argument("--python-gc", action="store_true", help="default gc thresholds")
    args = parser.parse_args()
    if args.python_gc:
        generator.build._fewer_collections = contextlib.nullcontext
    config = load_config(args.site)
    seed = config.seeds_dir / args.seed if args.seed else min(config.seeds_dir.rglob("*.txt"))
    with seed.open("a", encoding="utf-8") as file:
        file.write("Edited by bench/edit.py.\n")
    collections = Collections()
    gc.callbacks.append(collections)
    started = time.perf_counter()
    report = build(config)
    seconds = time.perf_counter() - started
    gc.callbacks.remove(collections)
    render = report.site.render
    pages = (
        f"{render.rendered} pages made, {render.kept} kept ({render.untouched} untouched)"
        if render
        else "site skipped"
    )
    print(f"edit build: {seconds:.2f} s ({pages}; edited {seed.name})")
    print(f"stages: {report.timings.line()}")
    print(f"garbage collections: {collections.line()}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak resident memory: this process {peak:.0f} MB, largest worker {workers:.0f} MB")


if __name__ == "__main__":
    main()
