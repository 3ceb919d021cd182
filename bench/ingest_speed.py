"""Measure ingest speed: a full run, a re-run with nothing changed, one seed edited, added,
deleted.

Usage: python bench/ingest_speed.py CORPUS_PATH [--seeds 10000] [--header-seeds]
           [--workers 0] [--cli] [--keep DIR]

Builds a site in a temporary folder whose seeds/ holds --seeds files made from the corpus
(one folder per section of text files, first line the headline: the BBC News layout).
Beyond the corpus's size, each further copy passes its words through its own substitution
cipher, so that the copies are distinct stories rather than duplicates.

- text seeds (default): each file a headline, a blank line, paragraphs, in its section's
  folder; newsdesk derives headline, section and tags.
- --header-seeds: each file opens with a Title / Date / Category block (dates spread over two
  years), so only tags (and summary) are derived.

Prints the wall and CPU time (this process and its workers) of each run and the peak memory
(largest resident set of this process and of any worker). With --cli each run is a separate
`python -m generator --site DIR --quiet ingest` process, start-up included. Run from the
repository root so that `generator` is importable.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import (
    cipher,
    cipher_table,
    corpus_files,
    header_seed,
    make_header_site,
    vocabulary,
    write_sections,
)
from duplicates import ciphered

from generator.config import load_config
from generator.ingest import ingest

REPO = Path(__file__).resolve().parent.parent


def make_site(root: Path, corpus: list[tuple[str, str]], count: int) -> None:
    """Text seeds: headline, blank line, paragraphs, one folder per section."""
    texts = [text for _, text in corpus]
    words = sorted({w.lower() for t in texts for w in t.split() if w.isalpha()})
    copies = [texts]
    while sum(map(len, copies)) < count:
        copies.append(ciphered(texts, random.Random(len(copies)), words))
    seeds = root / "seeds"
    for n in range(count):
        folder = corpus[n % len(corpus)][0]
        path = seeds / folder / f"{n:05}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(copies[n // len(corpus)][n % len(corpus)], encoding="utf-8")
    write_sections(root, corpus)


def new_story(corpus: list[tuple[str, str]], header: bool) -> tuple[str, str]:
    """(file name under seeds/, text) of a seed that tells no story already there."""
    folder, text = corpus[len(corpus) // 2]
    table = cipher_table(vocabulary(corpus), random.Random(10**6))
    if header:
        return "added.txt", header_seed(folder, text, datetime(2026, 11, 2, 9, 0), table)
    return f"{folder}/added.txt", cipher(text, table)


def timed(root: Path, label: str, workers: int, cli: bool, digest: bool = False) -> None:
    start, cpu = time.perf_counter(), _cpu()
    if cli:
        summary = _run_cli(root, workers)
    else:
        config = load_config(root)
        if workers:
            from dataclasses import replace

            config = replace(config, ingest=replace(config.ingest, workers=workers))
        report = ingest(config)
        summary = (
            f"written {len(report.written):>5}, unchanged {len(report.unchanged):>5}, "
            f"removed {len(report.removed)}, duplicates {len(report.duplicates)}, "
            f"errors {len(report.errors)}"
        )
    elapsed = time.perf_counter() - start
    print(f"{label:<26} {elapsed:6.2f} s wall {_cpu() - cpu:6.2f} s CPU   {summary}")
    if digest:
        print(f"{'':<26} content/ sha256 {content_digest(root / 'content')}")


def content_digest(content: Path) -> str:
    """One hash of every file's path and bytes: equal digests, byte-identical content/."""
    total = hashlib.sha256()
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        total.update(f"{path.relative_to(content).as_posix()}\0".encode())
        total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


def _run_cli(root: Path, workers: int) -> str:
    if workers:
        text = (root / "newsdesk.toml").read_text(encoding="utf-8")
        if "[ingest]" not in text:
            (root / "newsdesk.toml").write_text(f"{text}[ingest]\nworkers = {workers}\n")
    command = [sys.executable, "-m", "generator", "--site", str(root), "--quiet", "ingest"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return lines[-1] if lines else f"exit {done.returncode}"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--seeds", type=int, default=10000)
    parser.add_argument("--header-seeds", action="store_true", help="Title/Date/Category given")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--cli", action="store_true", help="run each ingest as a new process")
    parser.add_argument("--keep", type=Path, help="build the site here and keep it")
    parser.add_argument("--digest", action="store_true", help="print a hash of content/ too")
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    corpus = corpus_files(args.corpus)
    try:
        (make_header_site if args.header_seeds else make_site)(root, corpus, args.seeds)
        kind = "header-block" if args.header_seeds else "text"
        print(
            f"{args.seeds:,} {kind} seeds, {os.cpu_count()} cores, "
            f"workers={args.workers or 'auto'}{', one process per run' if args.cli else ''}"
        )
        steps(root, corpus, args)
        own, children = peak_mb()
        if args.cli:
            print(f"peak resident memory: largest process {children:.0f} MB")
        else:
            print(
                f"peak resident memory: main process {own:.0f} MB, largest worker {children:.0f} MB"
            )
    finally:
        if not args.keep:
            shutil.rmtree(root)


def steps(root: Path, corpus: list[tuple[str, str]], args: argparse.Namespace) -> None:
    def run(label: str) -> None:
        timed(root, label, args.workers, args.cli, args.digest)

    run("full ingest")
    run("re-run, nothing changed")
    seeds = sorted((root / "seeds").rglob("*.txt"))
    edited = seeds[0]
    edited.write_text(edited.read_text() + "\nA late paragraph from the wire.\n")
    run("re-run, one seed edited")
    name, text = new_story(corpus, args.header_seeds)
    (root / "seeds" / name).write_text(text, encoding="utf-8")
    run("re-run, one seed added")
    seeds[-1].unlink()
    run("re-run, one seed deleted")


if __name__ == "__main__":
    main()
