"""Measure headline, section and tag derivation on a labelled corpus with the headline withheld.

Usage: python bench/ingest_quality.py CORPUS_PATH [--sample N] [--seed S] [--judge-file PATH]
                                     [--judge-seed S] [--pooled-samples K]
                                     [--pooled-seeds FIRST LAST] [--pool-texts N]
                                     [--half even|odd]

CORPUS_PATH holds one folder per section (business/, sport/, …); each file is a headline, a
blank line, then paragraphs separated by blank lines (the BBC News corpus layout). Prints one
table. Run from the repository root so that `generator` is importable.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.check import SECTION_LOW_CONFIDENCE as LOW_CONFIDENCE
from generator.classify import choose_sections
from generator.cleaning import normalise
from generator.config import Section
from generator.headline import MAX_HEADLINE, balance, candidate_pool, derive_dek, derive_headline
from generator.sections import choose_section
from generator.tags import derive_tags

# What a publisher would plausibly write for a site with these five sections, written without
# looking at the corpus. Folder name → section.
# fmt: off
BENCH_SECTIONS = {
    "business": ("Business", "Companies, markets and the economy.", (
        "company", "firm", "market", "shares", "profit", "economy", "bank", "investor", "sales",
        "prices", "growth", "trade", "chief executive", "deal", "stock")),
    "entertainment": ("Entertainment", "Film, music, television and celebrities.", (
        "film", "music", "album", "singer", "band", "actor", "actress", "award", "star", "tv",
        "television", "show", "box office", "festival", "comedy")),
    "politics": ("Politics", "Government, parliament and elections.", (
        "government", "minister", "election", "parliament", "MP", "party", "vote", "labour",
        "conservative", "prime minister", "policy", "campaign", "opposition", "cabinet", "bill")),
    "sport": ("Sport", "Results, players and the stories behind the games.", (
        "match", "game", "team", "season", "league", "cup", "coach", "player", "win",
        "football", "rugby", "tennis", "cricket", "championship", "goal")),
    "tech": ("Technology", "Computing, the internet and gadgets.", (
        "technology", "computer", "software", "internet", "online", "mobile", "phone",
        "digital", "web", "users", "network", "gadget", "broadband", "games", "data")),
}
# fmt: on
DANGLING = frozenset("a an the of and or but to in on at for with by from as that".split())


@dataclass
class Item:
    path: Path
    label: str  # section name
    headline: str
    paragraphs: list[str]


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # the one file that is not UTF-8


def read_corpus(root: Path) -> list[Item]:
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        name = BENCH_SECTIONS[folder.name][0]
        for path in sorted(folder.glob("*.txt")):
            text = read_text(path).replace("\r\n", "\n")
            head, _, body = text.strip().partition("\n")
            paragraphs = [normalise(p) for p in re.split(r"\n\s*\n", body) if normalise(p)]
            items.append(Item(path, name, normalise(head), paragraphs))
    return items


def rouge1_f1(candidate: str, reference: str) -> float:
    """Unigram overlap F1 of lowercase word tokens."""
    cand = Counter(re.findall(r"\w+", candidate.lower()))
    ref = Counter(re.findall(r"\w+", reference.lower()))
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def is_flawed(headline: str) -> bool:
    """A dangling last word or unbalanced quotes/brackets."""
    words = headline.split()
    return not words or words[-1].lower() in DANGLING or balance(headline) != headline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="use N random articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed for --sample")
    parser.add_argument("--judge-file", type=Path, help="write 50 headlines + tags to judge")
    parser.add_argument(
        "--judge-seed", type=int, default=2026, help="which 50 articles --judge-file picks"
    )
    parser.add_argument(
        "--pooled-samples",
        type=int,
        default=0,
        help="also print pooled section accuracy on this many samples of 300 (seeds 1, 2, …)",
    )
    parser.add_argument(
        "--pooled-seeds",
        type=int,
        nargs=2,
        metavar=("FIRST", "LAST"),
        help="like --pooled-samples, on the samples of seeds FIRST to LAST (held-out seeds)",
    )
    parser.add_argument(
        "--pool-texts", type=int, default=0, help="also time pooling this many texts (replicated)"
    )
    parser.add_argument(
        "--half",
        choices=("even", "odd"),
        help="only the articles at even or odd places (tune on one, check on the other)",
    )
    args = parser.parse_args()
    sections = [Section(n, d, k) for n, d, k in BENCH_SECTIONS.values()]
    items = read_corpus(args.corpus)
    if args.half:
        items = items[args.half == "odd" :: 2]
    seeds = range(args.pooled_seeds[0], args.pooled_seeds[1] + 1) if args.pooled_seeds else None
    if args.pooled_samples or seeds or args.pool_texts:
        _print_pooling(items, sections, seeds or range(1, args.pooled_samples + 1), args.pool_texts)
    if args.sample:
        items = random.Random(args.seed).sample(items, min(args.sample, len(items)))

    started = time.perf_counter()
    derived = [derive_headline(item.paragraphs) for item in items]
    headline_seconds = time.perf_counter() - started
    texts = ["\n".join(item.paragraphs) for item in items]
    started = time.perf_counter()
    cold_chosen = [choose_section(text, sections) for text in texts]
    cold_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pooled_chosen = choose_sections(texts, sections)
    pooled_seconds = time.perf_counter() - started
    cold = [section.name for section, _ in cold_chosen]
    pooled = [section.name for section, _ in pooled_chosen]
    started = time.perf_counter()
    tags = [derive_tags(item.paragraphs) for item in items]
    tag_seconds = time.perf_counter() - started
    deks = [derive_dek(item.paragraphs, h) for item, (h, _) in zip(items, derived, strict=True)]

    headlines = [h for h, _ in derived]
    lengths = [len(h) for h in headlines]
    n = len(items)
    rouge = statistics.mean(rouge1_f1(h, i.headline) for h, i in zip(headlines, items, strict=True))
    same_as_headline = sum(d == h for d, h in zip(deks, headlines, strict=True))
    # The best candidate for each article, chosen knowing the real headline: how far a
    # better scoring rule could go with the candidates we generate.
    oracle = statistics.mean(
        max((rouge1_f1(c.text, i.headline) for c in candidate_pool(i.paragraphs)), default=0.0)
        for i in items
    )
    rows = [
        ("articles", f"{n}"),
        ("headline ROUGE-1 F1 (mean)", f"{rouge:.3f}"),
        ("headline ROUGE-1 F1, best candidate (oracle)", f"{oracle:.3f}"),
        ("headline length mean / max (chars)", f"{statistics.mean(lengths):.1f} / {max(lengths)}"),
        (f"headlines ≤ {MAX_HEADLINE} chars", _pct(sum(x <= MAX_HEADLINE for x in lengths), n)),
        (
            "headlines with dangling word or unbalanced quotes",
            _pct(sum(map(is_flawed, headlines)), n),
        ),
        ("deks identical to headline", _pct(same_as_headline, n)),
        ("deks over 200 chars", _pct(sum(len(d) > 200 for d in deks), n)),
        ("section accuracy, cold (one article at a time)", _accuracy(cold, items)),
        ("section accuracy, pooled (all articles, self-training)", _accuracy(pooled, items)),
        (
            f"sections flagged for review (confidence < {LOW_CONFIDENCE}), cold / pooled",
            f"{_flagged(cold_chosen)} / {_flagged(pooled_chosen)}",
        ),
        (
            "wrong sections not flagged, cold / pooled",
            f"{_unflagged_errors(cold_chosen, items)} / {_unflagged_errors(pooled_chosen, items)}",
        ),
    ]
    for section in sections:
        mine = [i for i, item in enumerate(items) if item.label == section.name]
        own = [items[i] for i in mine]
        cold_own = _accuracy([cold[i] for i in mine], own)
        pooled_own = _accuracy([pooled[i] for i in mine], own)
        rows.append((f"  {section.name}: cold / pooled", f"{cold_own} / {pooled_own}"))
    per_article = f"{1000 * headline_seconds / n:.2f} / {1000 * tag_seconds / n:.2f}"
    rows += [
        ("runtime headline / tags (ms per article)", per_article),
        ("runtime sections cold / pooled (s total)", f"{cold_seconds:.2f} / {pooled_seconds:.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"| {'-' * width} | ----- |")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    if args.judge_file:
        write_judge_file(args.judge_file, items, headlines, tags, args.judge_seed)


def _print_pooling(
    items: list[Item], sections: list[Section], seeds: range, pool_texts: int
) -> None:
    """Pooled accuracy on samples of 300 (the same as `--sample 300 --seed S`) with their
    mean and minimum, and the time to pool `pool_texts` texts (the corpus repeated)."""
    accuracies = []
    for seed in seeds:
        sample = random.Random(seed).sample(items, min(300, len(items)))
        chosen = choose_sections(["\n".join(i.paragraphs) for i in sample], sections)
        names = [section.name for section, _ in chosen]
        right = sum(name == item.label for name, item in zip(names, sample, strict=True))
        accuracies.append(right / len(sample))
        print(f"pooled accuracy, sample of 300, seed {seed}: {_accuracy(names, sample)}")
    if accuracies:
        print(
            f"pooled accuracy, samples of 300, seeds {seeds.start}–{seeds.stop - 1}: "
            f"mean {statistics.mean(accuracies):.4f}, min {min(accuracies):.3f}"
        )
    if pool_texts:
        texts = ["\n".join(items[i % len(items)].paragraphs) for i in range(pool_texts)]
        started = time.perf_counter()
        choose_sections(texts, sections)
        print(f"pooling {pool_texts} texts: {time.perf_counter() - started:.1f} s")


def _pct(count: int, total: int) -> str:
    return f"{100 * count / total:.1f} %"


def _accuracy(chosen: list[str], items: list[Item]) -> str:
    return f"{sum(c == i.label for c, i in zip(chosen, items, strict=True)) / len(items):.3f}"


def _flagged(chosen: list) -> str:
    return _pct(sum(confidence < LOW_CONFIDENCE for _, confidence in chosen), len(chosen))


def _unflagged_errors(chosen: list, items: list[Item]) -> str:
    wrong = sum(
        section.name != item.label and confidence >= LOW_CONFIDENCE
        for (section, confidence), item in zip(chosen, items, strict=True)
    )
    return f"{wrong}"


def write_judge_file(
    path: Path, items: list[Item], headlines: list[str], tags: list, seed: int = 2026
) -> None:
    """50 random articles (fixed seed): real headline, derived headline, lead, top-5 tags."""
    picks = random.Random(seed).sample(range(len(items)), min(50, len(items)))
    lines = []
    for n, i in enumerate(picks, 1):
        item = items[i]
        lines += [
            f"## {n}. {item.path.parent.name}/{item.path.name}",
            f"real:    {item.headline}",
            f"derived: {headlines[i]}",
            f"lead:    {item.paragraphs[0] if item.paragraphs else ''}",
            f"tags:    {' | '.join(tags[i][:5])}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
