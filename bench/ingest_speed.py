"""Measure ingest speed: a full run, a re-run with nothing changed, a run after one edit.

Usage: python bench/ingest_speed.py CORPUS_PATH [--seeds 10000] [--workers 0] [--keep DIR]

Builds a site in a temporary folder whose seeds/ holds --seeds files made from the corpus
(one folder per section; each file a headline, a blank line, paragraphs: the BBC News
layout). Beyond the corpus's size, each further copy passes its words through its own
substitution cipher, so that the copies are distinct stories rather than duplicates. Prints
the wall time of each run and the peak memory (largest resident set of this process and of
any worker). Run from the repository root so that `generator` is importable.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus_files
from duplicates import ciphered

from generator.config import load_config
from generator.ingest import ingest


def make_site(root: Path, corpus: list[tuple[str, str]], count: int) -> None:
    texts = [text for _, text in corpus]
    vocabulary = sorted({w.lower() for t in texts for w in t.split() if w.isalpha()})
    copies = [texts]
    while sum(map(len, copies)) < count:
        copies.append(ciphered(texts, random.Random(len(copies)), vocabulary))
    seeds = root / "seeds"
    for n in range(count):
        folder = corpus[n % len(corpus)][0]
        path = seeds / folder / f"{n:05}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(copies[n // len(corpus)][n % len(corpus)], encoding="utf-8")
    sections = "".join(
        f'[[sections]]\nname = "{name.title()}"\n'
        for name in sorted({folder for folder, _ in corpus})
    )
    (root / "newsdesk.toml").write_text(sections, encoding="utf-8")


def timed(root: Path, label: str, workers: int) -> None:
    config = load_config(root)
    if workers:
        from dataclasses import replace

        config = replace(config, ingest=replace(config.ingest, workers=workers))
    start = time.perf_counter()
    report = ingest(config)
    elapsed = time.perf_counter() - start
    print(
        f"{label:<28} {elapsed:6.2f} s   written {len(report.written):>5}, unchanged "
        f"{len(report.unchanged):>5}, duplicates {len(report.duplicates)}, "
        f"errors {len(report.errors)}"
    )


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seeds", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build the site here and keep it")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        make_site(root, corpus_files(args.corpus), args.seeds)
        print(f"{args.seeds} seeds, {os.cpu_count()} cores, workers={args.workers or 'auto'}")
        timed(root, "full ingest", args.workers)
        timed(root, "re-run, nothing changed", args.workers)
        edited = next((root / "seeds").rglob("*.txt"))
        edited.write_text(edited.read_text() + "\nA late paragraph from the wire.\n")
        timed(root, "re-run, one seed edited", args.workers)
        own, children = peak_mb()
        print(f"peak resident memory: main process {own:.0f} MB, largest worker {children:.0f} MB")
    finally:
        if not args.keep:
            shutil.rmtree(root)


if __name__ == "__main__":
    main()
