"""Measure the call-to-action rule: labelled line sets and a news corpus.

Usage: python bench/boilerplate.py [CORPUS_PATH] [--show]

Prints, for every labelled set in tests/data/boilerplate_*.txt, the promo lines found and the
news lines wrongly taken; then, when CORPUS_PATH is given (one folder per section of text
files, as ../shared/corpus/bbc), how many of its paragraphs the rule removes, read the way
ingest reads seeds (seed reader, normalise, dateline lifted). Every paragraph of a news
corpus is news, so each one removed is counted as wrongly removed: read them with --show
(a few may be real promos). Run from the repository root.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.cleaning import is_boilerplate, normalise, remove_boilerplate
from generator.dateline import lift_dateline
from generator.seeds import read_seed

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def labelled(path: Path) -> tuple[list[str], list[str]]:
    """(promo lines, news lines) of a labelled set."""
    promos, news = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("promo: ", "news: ")):
            kind, text = line.split(": ", 1)
            (promos if kind == "promo" else news).append(text)
    return promos, news


def corpus_articles(root: Path) -> list[list[str]]:
    """The paragraphs of every article, as ingest sees them before boilerplate removal."""
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        seed = read_seed(path, root)
        found, _ = lift_dateline([p for p in map(normalise, seed.paragraphs) if p])
        articles.append([p.strip() for p in found if p.strip()])
    return articles


def corpus_paragraphs(root: Path) -> list[str]:
    return [p for article in corpus_articles(root) for p in article]


def ms_per_article(articles: list[list[str]], runs: int = 5) -> float:
    """Boilerplate removal time per article, best of `runs` (the machine is shared)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for paragraphs in articles:
            remove_boilerplate(paragraphs)
        best = min(best, time.perf_counter() - started)
    return 1000 * best / len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--show", action="store_true", help="print the lines misjudged")
    args = parser.parse_args()
    rows = []
    for path in sorted(DATA.glob("boilerplate_*.txt")):
        promos, news = labelled(path)
        missed = [line for line in promos if not is_boilerplate(line)]
        taken = [line for line in news if is_boilerplate(line)]
        found = len(promos) - len(missed)
        rows.append(
            (
                path.name,
                f"{found} / {len(promos)} = {found / len(promos):.2f}",
                f"{len(taken)} / {len(news)}",
            )
        )
        if args.show:
            for line in missed:
                print(f"{path.name}: missed promo: {line}")
            for line in taken:
                print(f"{path.name}: news taken: {line}")
    if args.corpus:
        articles = corpus_articles(args.corpus)
        paragraphs = [p for article in articles for p in article]
        removed = [p for p in paragraphs if is_boilerplate(p)]
        share = 100 * len(removed) / len(paragraphs)
        rows.append((f"{args.corpus.name} paragraphs", "—", f"{len(removed)} / {len(paragraphs)}"))
        rows.append((f"{args.corpus.name} share removed", "—", f"{share:.3f} %"))
        rows.append(("ms per article, boilerplate removal", "—", f"{ms_per_article(articles):.3f}"))
        if args.show:
            for line in removed:
                print(f"{args.corpus.name}: removed: {line}")
    print("| set | promo lines found | news lines taken |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
