"""Measure duplicate detection: recall on synthetic copies, false matches, time.

Usage: python bench/duplicates.py CORPUS_PATH [--articles 10000] [--copies 500] [--seed 2026]

CORPUS_PATH holds one folder per section; each file is a headline, a blank line, then
paragraphs (the BBC News corpus layout). Prints:
- pairs found within the corpus itself (it holds real duplicates);
- recall on synthetic copies of --copies articles:
  - truncated: the first 30–70 % of the words;
  - rewrite: a new 25-word lead of random words, the first sentence and a quarter of the
    others dropped, one word in 15 replaced by a random word (edits spread evenly: the
    worst case for shingles, but unlike a desk's rewrite);
  - edited: a desk's rewrite of agency copy: a new intro made from the old one's words in
    another order, a quarter of the sentences paraphrased (clauses swapped, one word in
    three replaced), some sentences trimmed of a word or two, two paragraphs swapped, a
    tenth of the sentences dropped and the end cut;
  - update: two new paragraphs, the rest kept;
- false matches on related stories: another article's own news on top (55–75 % of the
  words), then a block of this article's background (lightly edited) at the end; these
  are different stories and must not match;
- false matches when the corpus is replicated to --articles distinct texts (each replica's
  words passed through its own substitution cipher, so replicas share no story, while the
  corpus's own duplicate pairs within each replica are known and not counted);
- the time for --articles texts (wall clock and this process's CPU time: the machine may be
  shared).
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


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s]


def _swap_clauses(words: list[str], rng: random.Random) -> list[str]:
    """The sentence's words from a clause boundary (a comma) or, failing one, a random point
    on, put first: "X happened, police said" → "police said X happened"."""
    commas = [k + 1 for k, w in enumerate(words[:-1]) if w.endswith(",")]
    cut = rng.choice(commas) if commas else rng.randint(1, max(1, len(words) - 1))
    return words[cut:] + words[:cut]


def _paraphrase(sentence: str, rng: random.Random, vocabulary: list[str]) -> str:
    words = _swap_clauses(sentence.split(), rng)
    return " ".join(rng.choice(vocabulary) if rng.random() < 1 / 3 else w for w in words)


def _trim(sentence: str, rng: random.Random) -> str:
    """A word or two left out, as a sub-editor tightens a sentence."""
    words = sentence.split()
    for _ in range(rng.randint(1, 2)):
        if len(words) > 4:
            del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def edited(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    paragraphs = [_sentences(p) for p in text.split("\n\n") if p.strip()]
    first, rest = paragraphs[0][0], [paragraphs[0][1:], *paragraphs[1:]]
    intro = _paraphrase(first, rng, vocabulary)
    body = []
    for sentences in rest:
        kept = []
        for sentence in sentences:
            draw = rng.random()
            if draw < 0.1:
                continue
            if draw < 0.35:
                sentence = _paraphrase(sentence, rng, vocabulary)
            elif draw < 0.5:
                sentence = _trim(sentence, rng)
            kept.append(sentence)
        if kept:
            body.append(kept)
    if len(body) >= 3:
        a, b = rng.sample(range(1, len(body)), 2)
        body[a], body[b] = body[b], body[a]
    sentences = [s for p in body for s in p]
    cut = len(sentences) - int(len(sentences) * rng.uniform(0, 0.25))
    lines, count = [intro], 0
    for p in body:
        taken = p[: max(0, cut - count)]
        count += len(p)
        if taken:
            lines.append(" ".join(taken))
    return "\n\n".join(lines)


def update(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    extra = [" ".join(rng.choice(vocabulary) for _ in range(40)) + "." for _ in range(2)]
    return text + "\n\n" + "\n\n".join(extra)


def related(text: str, other: str, rng: random.Random) -> str:
    """Another story (other's own news, on top) that repeats a block of this one's background
    at the end, lightly edited, as a follow-up does: 25–45 % of its words, and under half of
    this story's (else this story would be wholly contained in the other, like an update)."""
    own = other.split()
    sentences = [s for p in text.split("\n\n") for s in _sentences(p)][1:]
    words = sum(len(s.split()) for s in sentences)
    share = rng.uniform(0.25, 0.45)
    wanted = min(int(len(own) * share / (1 - share)), int(words * rng.uniform(0.25, 0.45)))
    start = rng.randrange(max(1, len(sentences) // 2))
    block = " ".join(sentences[start:]).split()[:wanted]
    block = [w for w in block if rng.random() > 1 / 20]
    return " ".join(own) + "\n\n" + " ".join(block)


def ciphered(texts: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    shuffled = vocabulary[:]
    rng.shuffle(shuffled)
    table = dict(zip(vocabulary, shuffled, strict=True))
    return [re.sub(r"\w+", lambda m: table.get(m[0].lower(), m[0]), t) for t in texts]


def recall(
    texts: list[str], vocabulary: list[str], rng: random.Random, copies: int
) -> dict[str, float]:
    chosen = rng.sample(range(len(texts)), copies)
    figures = {}
    for name, make in (
        ("truncated", lambda t: truncated(t, rng)),
        ("rewrite", lambda t: rewrite(t, rng, vocabulary)),
        ("edited", lambda t: edited(t, rng, vocabulary)),
        ("update", lambda t: update(t, rng, vocabulary)),
    ):
        made = [make(texts[i]) for i in chosen]
        pairs = {(i, j) for i, j, _ in duplicate_pairs(texts + made)}
        hits = sum((i, len(texts) + k) in pairs for k, i in enumerate(chosen))
        figures[name] = hits / len(chosen)
    return figures


def related_matches(
    texts: list[str], known: set[tuple[int, int]], rng: random.Random, copies: int
) -> float:
    """Share of related stories (see `related`) matched with the story they borrow from. The
    other story is never the same article nor one of its known duplicates."""
    chosen = rng.sample(range(len(texts)), copies)
    made = []
    for i in chosen:
        other = i
        while other == i or (min(i, other), max(i, other)) in known:
            other = rng.randrange(len(texts))
        made.append(related(texts[i], texts[other], rng))
    pairs = {(i, j) for i, j, _ in duplicate_pairs(texts + made)}
    return sum((i, len(texts) + k) in pairs for k, i in enumerate(chosen)) / len(chosen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = read_corpus(args.corpus)
    vocabulary = sorted({w.lower() for t in texts for w in re.findall(r"\w+", t)})
    own = duplicate_pairs(texts)
    print(f"corpus: {len(texts)} texts, {len(own)} duplicate pairs found within it")
    for name, value in recall(texts, vocabulary, rng, args.copies).items():
        print(f"recall, {name} copies of {args.copies} articles: {value:.3f}")
    known = {(i, j) for i, j, _ in own}
    value = related_matches(texts, known, rng, args.copies)
    print(f"false matches, related stories sharing background ({args.copies}): {value:.3f}")
    replicas = [texts] + [
        ciphered(texts, random.Random(n), vocabulary)
        for n in range(1, -(-args.articles // len(texts)))
    ]
    big = [t for replica in replicas for t in replica][: args.articles]
    start, cpu = time.perf_counter(), time.process_time()
    pairs = duplicate_pairs(big)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    false = [(i, j) for i, j, _ in pairs if (i % len(texts), j % len(texts)) not in known
             or i // len(texts) != j // len(texts)]  # fmt: skip
    print(
        f"{len(big)} texts: {len(pairs)} pairs, {len(false)} false matches, "
        f"{elapsed:.2f} s ({cpu:.2f} s CPU)"
    )


if __name__ == "__main__":
    main()
