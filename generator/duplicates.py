"""The same story twice: a wire rewrite, a truncated copy, an update.

Each text becomes the set of its word 5-grams ("shingles"), hashed. Two texts are the same
story when most of the shorter one's shingles are also in the longer one (containment, not
Jaccard similarity: a copy cut to a third of its length is still wholly contained). To avoid
comparing every pair, only texts that share a sample of shingles are compared: a shingle is
in the sample when its hash is 0 modulo `SAMPLE`, a rule that depends on the shingle alone,
so a truncated copy's sample is part of the original's.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

SHINGLE = 5  # words
SAMPLE = 8  # about one shingle in eight goes into the index
COMMON = 40  # a sampled shingle found in more texts than this is a stock phrase: not indexed
CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer one
# Short texts need more: templated stories ("The harbour committee met to discuss plan 4…")
# differ only in a few words, which leaves half of a short text's shingles in common.
SHORT_TEXT, SHORT_CONTAINMENT = 100, 0.8
MIN_SHINGLES = 15  # texts shorter than about 20 words are never called duplicates
_WORD = re.compile(r"\w+")


def shingles(text: str, cache: dict[str, int]) -> frozenset[int]:
    """Hashes of the text's word 5-grams, case and punctuation ignored. Words hash with
    crc32 (not Python's salted `hash`), so the same text gives the same set in every process."""
    ids = []
    for word in _WORD.findall(text.lower()):
        code = cache.get(word)
        if code is None:
            code = cache[word] = zlib.crc32(word.encode())
        ids.append(code)
    # A tuple of ints hashes the same in every process (only str and bytes hashes are salted).
    return frozenset(hash(tuple(ids[i : i + SHINGLE])) for i in range(len(ids) - SHINGLE + 1))


def duplicate_pairs(texts: Sequence[str]) -> list[tuple[int, int, float]]:
    """(i, j, containment) with i < j for each pair of texts that tell the same story."""
    cache: dict[str, int] = {}
    sets = [shingles(text, cache) for text in texts]
    index: dict[int, list[int]] = defaultdict(list)
    tiny: dict[frozenset[int], int] = {}  # a very short text matches only its exact copy
    found = []
    for j, own in enumerate(sets):
        if len(own) < MIN_SHINGLES:
            if own and own in tiny:
                found.append((tiny[own], j, 1.0))
            tiny.setdefault(own, j)
            continue
        sample = [h for h in own if h % SAMPLE == 0]
        shared: dict[int, int] = defaultdict(int)
        for h in sample:
            postings = index[h]
            if len(postings) <= COMMON:
                for i in postings:
                    shared[i] += 1
                postings.append(j)
        for i, count in shared.items():
            score = _containment(sets[i], own)
            brief = min(len(sets[i]), len(own)) < SHORT_TEXT
            needed = SHORT_CONTAINMENT if brief else CONTAINMENT
            if count >= min(2, len(sample)) and score >= needed:
                found.append((i, j, score))
    return sorted(found)


def _containment(a: frozenset[int], b: frozenset[int]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def duplicate_groups(texts: Sequence[str]) -> list[list[int]]:
    """The texts that tell one story, as groups of indices (each sorted, in order of their
    first index); texts without a duplicate are in no group."""
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in duplicate_pairs(texts):
        parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[root(i)].append(i)
    return sorted(g for g in groups.values() if len(g) > 1)
