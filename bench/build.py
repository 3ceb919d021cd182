"""Full and incremental build times of newsdesk, beside plain Pelican on the same articles.

Usage: python bench/build.py CORPUS_PATH [--articles 1000 10000] [--runs 1] [--pelican]

CORPUS_PATH holds one folder per section of text files (first line the headline, then
paragraphs), such as ../shared/corpus/bbc. Its articles are replicated up to N seeds with
unique headlines and dates spread over two years. For each N it prints the wall time and
peak memory of: a full build, a no-op rebuild, and rebuilds after editing, adding and deleting
one seed (each `newsdesk build` in its own process, as a user runs it); with --pelican also
plain Pelican 4 (its default theme and feeds) on the same Markdown, and the ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"


def make_seeds(corpus: Path, count: int, seeds: Path) -> None:
    """Header-block seeds, so that dates and sections are the corpus's, not derived."""
    articles = []
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        headline, _, body = text.strip().partition("\n")
        articles.append((path.parent.name.title(), headline.strip(), body.strip()))
    start = datetime(2024, 11, 1, 6, 0)
    seeds.mkdir(parents=True)
    for number in range(count):
        section, headline, body = articles[number % len(articles)]
        copy = number // len(articles)
        title = f"{headline} (part {copy + 1})" if copy else headline
        when = start + timedelta(minutes=105 * number)
        (seeds / f"s{number:05}.txt").write_text(
            f"Title: {title}\nDate: {when:%Y-%m-%d %H:%M}\nCategory: {section}\n\n{body}\n",
            encoding="utf-8",
        )


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command run in its own process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak


def newsdesk(site: Path) -> tuple[float, float]:
    return timed([sys.executable, "-m", "generator", "--site", str(site), "--quiet", "build"], site)


def pelican_site(site: Path, target: Path) -> None:
    """Plain Pelican on newsdesk's Markdown: default theme, its own feeds, no newsdesk."""
    shutil.copytree(
        site / "content", target / "content", ignore=shutil.ignore_patterns("newsletter")
    )
    (target / "pelicanconf.py").write_text(
        'SITENAME = "Bench"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "en"\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
        'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\nDEFAULT_PAGINATION = 20\n'
        "FORMATTED_FIELDS = []\n"
    )


def pelican(site: Path) -> tuple[float, float]:
    return timed(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
        site,
    )


def median_of(runs: int, step) -> tuple[float, float]:
    results = [step() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def bench(
    corpus: Path, count: int, runs: int, with_pelican: bool
) -> list[tuple[str, float, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        make_seeds(corpus, count, site / "seeds")
        full = newsdesk(site)
        rows.append(("newsdesk full build", *full))
        if runs > 1:

            def clean_build() -> tuple[float, float]:
                shutil.rmtree(site / "output")
                shutil.rmtree(site / "content")
                return newsdesk(site)

            rows[-1] = ("newsdesk full build", *median_of(runs, clean_build))
        rows.append(("newsdesk no-op rebuild", *median_of(runs, lambda: newsdesk(site))))
        seed = site / "seeds" / "s00007.txt"
        seed.write_text(seed.read_text() + "\nAn added paragraph.\n")
        rows.append(("newsdesk after editing one seed", *newsdesk(site)))
        (site / "seeds" / "new.txt").write_text(
            "Title: A new story\nDate: 2026-11-17 10:00\nCategory: Sport\n\nThe club won.\n"
        )
        rows.append(("newsdesk after adding one seed", *newsdesk(site)))
        (site / "seeds" / "new.txt").unlink()
        rows.append(("newsdesk after deleting one seed", *newsdesk(site)))
        if with_pelican:
            plain = Path(folder) / "pelican"
            pelican_site(site, plain)
            rows.append(("plain Pelican full build", *median_of(runs, lambda: pelican(plain))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pelican", action="store_true")
    args = parser.parse_args()
    print(f"{'articles':>8}  {'step':<34} {'seconds':>8} {'peak MB':>8}")
    for count in args.articles:
        rows = bench(args.corpus, count, args.runs, args.pelican)
        for step, seconds, peak in rows:
            print(f"{count:>8}  {step:<34} {seconds:>8.2f} {peak:>8.0f}")
        if args.pelican:
            ratio = rows[0][1] / rows[-1][1]
            print(f"{count:>8}  {'newsdesk / Pelican (full build)':<34} {ratio:>8.2f}")


if __name__ == "__main__":
    main()
