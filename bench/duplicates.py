"""Measure duplicate detection: recall on synthetic copies, false matches, time.

Usage: python bench/duplicates.py CORPUS_PATH [--articles 10000]

CORPUS_PATH holds one folder per section; each file is a headline, a blank line, then
paragraphs (the BBC News corpus layout). Prints:
- pairs found within the corpus itself (it holds real duplicates);
- recall on synthetic copies of 500 articles: truncated (first 30–70 % of the words), wire
  rewrites (a new lead, a quarter of the sentences dropped, one word in 15 changed) and
  updates (two new paragraphs, the rest kept);
- false matches when the corpus is replicated to --articles distinct texts (each replica's
  words passed through its own substitution cipher, so replicas share no story, while the
  corpus's own duplicate pairs within each replica are known and not counted);
- the time for --articles texts.
Run from the repository root so that `generator` is importable.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import corpus_files

from generator.duplicates import duplicate_pairs


def read_corpus(root: Path) -> list[str]:
    """The body of each article (its headline, the first line, left out)."""
    return [
        text.split("\n", 1)[1].strip() if "\n" in text else text for _, text in corpus_files(root)
    ]


def truncated(text: str, rng: random.Random) -> str:
    words = text.split()
    return " ".join(words[: int(len(words) * rng.uniform(0.3, 0.7))])


def rewrite(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    kept = [s for s in sentences[1:] if rng.random() > 0.25]
    words = " ".join(kept).split()
    words = [rng.choice(vocabulary) if rng.random() < 1 / 15 else w for w in words]
    lead = " ".join(rng.choice(vocabulary) for _ in range(25)) + "."
    return lead + " " + " ".join(words)


def update(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    extra = [" ".join(rng.choice(vocabulary) for _ in range(40)) + "." for _ in range(2)]
    return text + "\n\n" + "\n\n".join(extra)


def ciphered(texts: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    shuffled = vocabulary[:]
    rng.shuffle(shuffled)
    table = dict(zip(vocabulary, shuffled, strict=True))
    return [re.sub(r"\w+", lambda m: table.get(m[0].lower(), m[0]), t) for t in texts]


def recall(texts: list[str], vocabulary: list[str], rng: random.Random) -> dict[str, float]:
    chosen = rng.sample(range(len(texts)), 500)
    figures = {}
    for name, make in (
        ("truncated", lambda t: truncated(t, rng)),
        ("rewrite", lambda t: rewrite(t, rng, vocabulary)),
        ("update", lambda t: update(t, rng, vocabulary)),
    ):
        copies = [make(texts[i]) for i in chosen]
        pairs = {(i, j) for i, j, _ in duplicate_pairs(texts + copies)}
        hits = sum((i, len(texts) + k) in pairs for k, i in enumerate(chosen))
        figures[name] = hits / len(chosen)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=10000)
    args = parser.parse_args()
    rng = random.Random(2026)
    texts = read_corpus(args.corpus)
    vocabulary = sorted({w.lower() for t in texts for w in re.findall(r"\w+", t)})
    own = duplicate_pairs(texts)
    print(f"corpus: {len(texts)} texts, {len(own)} duplicate pairs found within it")
    for name, value in recall(texts, vocabulary, rng).items():
        print(f"recall, {name} copies of 500 articles: {value:.3f}")
    replicas = [texts] + [
        ciphered(texts, random.Random(n), vocabulary)
        for n in range(1, -(-args.articles // len(texts)))
    ]
    big = [t for replica in replicas for t in replica][: args.articles]
    start = time.perf_counter()
    pairs = duplicate_pairs(big)
    elapsed = time.perf_counter() - start
    known = {(i, j) for i, j, _ in own}
    false = [(i, j) for i, j, _ in pairs if (i % len(texts), j % len(texts)) not in known
             or i // len(texts) != j // len(texts)]  # fmt: skip
    print(f"{len(big)} texts: {len(pairs)} pairs, {len(false)} false matches, {elapsed:.2f} s")


if __name__ == "__main__":
    main()
