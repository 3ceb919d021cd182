"""The same story twice: a wire rewrite, a truncated copy, an update.

Each text becomes the codes of its words and, from them, the hashes of its word 5-grams
("shingles"). Two texts are the same story when

- most of the shorter one's shingles are also in the longer one (containment, not Jaccard
  similarity: a copy cut to a third of its length is still wholly contained); or
- the shorter one is an edited copy of the longer. One word changed in 15 breaks a third of
  the shingles, so containment falls below one half although every sentence was taken from
  the other text. The shared shingles then anchor a word alignment, extended over changed
  words for as long as most words still agree, and the pair matches when most of the
  shorter text's words are aligned, or when all but its opening are (a copy under a new
  top). A follow-up story that repeats background paragraphs stays short of both: the
  alignment does not run on into its own news, which it mixes into the whole text. Nor does
  the alignment run across two different figures, which keeps apart the reports of one
  template (prices, results) that differ in little else.

To avoid comparing every pair, only texts that share a sample of shingles are compared: a
shingle is in the sample when its hash is 0 modulo `SAMPLE`, a rule that depends on the
shingle alone, so a truncated copy's sample is part of the original's.

What the search needs of a text is its `Signature`, a pure function of the text (small and
picklable: a caller may keep the signatures of texts it has seen, keyed by their hash, and
search with `find_pairs` without reading those texts again). The verdict on a pair compared
is a pure function of the two signatures, so a caller may keep those too (`Verdicts`): a run
over thousands of published texts then compares only the pairs it has not seen before.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

SHINGLE = 5  # words
SAMPLE = 8  # about one shingle in eight goes into the index
COMMON = 40  # a sampled shingle found in more texts than this is a stock phrase: not indexed
CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer one
# Short texts need more: templated stories ("The harbour committee met to discuss plan 4…")
# differ only in a few words, which leaves half of a short text's shingles in common.
SHORT_TEXT, SHORT_CONTAINMENT = 100, 0.8
MIN_SHINGLES = 15  # texts shorter than about 20 words are never called duplicates
CACHED_SETS = 1024  # shingle sets kept for comparisons to come
# An edited copy: share of the shorter text's words in stretches aligned with the longer.
# Related stories in the BBC corpus that share background paragraphs reach 0.64 at most.
ALIGNED = 0.7
# A copy under a new top: half its words aligned, and of those after its opening nine in ten.
# In the BBC corpus, related stories reach 0.78 after their opening.
NEW_TOP_SHARE, NEW_TOP_REST = 0.5, 0.9
# Below this containment no alignment is tried. Besides saving time it keeps out templates
# whose slots come every few words (line-ups, listings): aligned over their slots they would
# look like copies, although nearly every sentence says something else.
ALIGN_FROM = 0.25
# The alignment runs on past a changed word while matches outnumber mismatches; it gives up
# once mismatches lead by more than this many words since its best point.
GIVE_UP = 3
# Aligned texts that give different figures in this many places are different reports.
FIGURES = 2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """One text as duplicate search sees it: about 4 bytes a word."""

    words: bytes  # each word's code (`_word_code`), 4 bytes little-endian
    sample: tuple[int, ...]  # the sampled shingle hashes (see `signature`), sorted, each once
    # All shingle hashes, packed like `words`, as `signature` worked them out: a text signed
    # in a worker process is compared in the main one without hashing its shingles again.
    # Empty when not kept (worked out from the words when needed).
    shingles: bytes = field(default=b"", compare=False, repr=False)

    def shingle_list(self) -> list[int]:
        return _unpack(self.shingles) if self.shingles else _shingles(self.words)

    @property
    def length(self) -> int:
        """Number of shingles (positions, not distinct values)."""
        return max(0, len(self.words) // 4 - SHINGLE + 1)

    @cached_property
    def digest(self) -> bytes:
        """16 bytes that name the text's words: half the key of a remembered verdict."""
        return hashlib.blake2b(self.words, digest_size=16).digest()


# (earlier text's digest + later text's digest) → `_Texts.same_story` of the two.
Verdicts = MutableMapping[bytes, float]


@lru_cache(maxsize=1 << 16)
def _word_code(word: str) -> int:
    """crc32 (not Python's `hash`: str hashes are salted per process), its lowest bit set
    when the word holds a digit and clear otherwise: the alignment needs to know figures."""
    code = zlib.crc32(word.encode())
    return code | 1 if any(c.isdigit() for c in word) else code & ~1


def _shingles(words: bytes) -> list[int]:
    """crc32 of each run of SHINGLE word codes, in text order."""
    width = 4 * SHINGLE
    return [zlib.crc32(words[k : k + width]) for k in range(0, len(words) - width + 4, 4)]


def signature(text: str) -> Signature:
    """The text's signature: the same in every process and on every machine."""
    return _signed(_WORD.findall(text.lower()))


def signatures(texts: Sequence[str]) -> list[Signature]:
    """The signature of each text; texts with the same words (a text and its Markdown-escaped
    copy, mostly) share one, worked out once."""
    signed: list[tuple[list[str], Signature]] = []
    for text in texts:
        found = _WORD.findall(text.lower())
        same = next((s for words, s in signed if words == found), None)
        signed.append((found, same or _signed(found)))
    return [s for _, s in signed]


def _signed(found: list[str]) -> Signature:
    words = struct.pack(f"<{len(found)}I", *map(_word_code, found))
    hashes = _shingles(words)
    # A short text samples one shingle in four, so that few have no sample at all; what it
    # shares with a long text's sample is still its shingles that are 0 modulo SAMPLE.
    every = SAMPLE if len(hashes) >= SHORT_TEXT else SAMPLE // 2
    sample = tuple(sorted({h for h in hashes if h % every == 0}))
    return Signature(words, sample, struct.pack(f"<{len(hashes)}I", *hashes))


def _unpack(packed: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(packed) // 4}I", packed))


def duplicate_pairs(texts: Sequence[str]) -> list[tuple[int, int, float]]:
    """(i, j, share) with i < j for each pair of texts that tell the same story; share is how
    much of the shorter text is found in the longer (see `find_pairs`)."""
    return find_pairs([signature(text) for text in texts])


def find_pairs(
    signatures: Sequence[Signature], verdicts: Verdicts | None = None
) -> list[tuple[int, int, float]]:
    """(i, j, share) with i < j for each pair of signed texts that tell the same story. The
    share is the containment of the shorter text's shingles in the longer text, or, for an
    edited copy matched by alignment, the share of its words that align. `verdicts` holds
    the shares of pairs compared before (0: not the same story), and receives the new ones."""
    texts = _Texts(signatures, verdicts)
    # Sampled shingle → the first text with it, and → all, once two or more have it (most
    # shingles are in one text only: no list for those, which keeps the garbage collector
    # from walking hundreds of thousands of them).
    seen: dict[int, int] = {}
    postings: dict[int, list[int]] = {}
    # A very short text (or one without a sample) matches only its exact copy.
    exact: dict[frozenset[int], int] = {}
    found = []
    for j, own in enumerate(signatures):
        if own.length < MIN_SHINGLES or not own.sample:
            shingles = texts.shingle_set(j)
            if shingles and shingles in exact:
                found.append((exact[shingles], j, 1.0))
            exact.setdefault(shingles, j)
            continue
        # Most sampled shingles are new: they are only noted, in one pass of C code.
        shared = seen.keys() & own.sample
        new = dict.fromkeys(own.sample, j)
        for h in shared:
            del new[h]
        seen.update(new)
        earlier: list[int] = []  # the earlier texts with each shared sampled shingle
        for h in sorted(shared):
            group = postings.get(h)
            if group is None:
                postings[h] = [seen[h], j]
                earlier.append(seen[h])
            elif len(group) <= COMMON:
                earlier.extend(group)
                group.append(j)
        for i, count in Counter(earlier).items():
            if _worth_comparing(count, signatures[i], own):
                share = texts.same_story(i, j)
                if share:
                    found.append((i, j, share))
    return sorted(found)


def _worth_comparing(count: int, a: Signature, b: Signature) -> bool:
    """Whether the sampled shingles two texts share hint at a copy. Two long texts sharing a
    single sampled shingle (a stock phrase) are not worth the exact comparison; a short text
    has few samples, and comparing it costs little."""
    return count >= 2 or min(a.length, b.length) < SHORT_TEXT


class _Texts:
    """The signatures being searched, with each text's shingles worked out when first
    needed (most texts are never compared with another)."""

    def __init__(self, signatures: Sequence[Signature], verdicts: Verdicts | None = None) -> None:
        self.signatures = signatures
        self.verdicts = verdicts
        # The most recently used sets only: one costs about 25 KB, and at 10,000 texts some
        # 3,000 are compared, most of them once (keeping all doubled ingest's peak memory).
        self._sets: OrderedDict[int, frozenset[int]] = OrderedDict()

    def shingle_set(self, i: int) -> frozenset[int]:
        found = self._sets.get(i)
        if found is None:
            found = self._sets[i] = frozenset(self.signatures[i].shingle_list())
            if len(self._sets) > CACHED_SETS:
                self._sets.popitem(last=False)
        else:
            self._sets.move_to_end(i)
        return found

    def same_story(self, i: int, j: int) -> float:
        """How much of the shorter text is found in the longer, if they are the same story,
        else 0: remembered in `verdicts`, else worked out."""
        if self.verdicts is None:
            return self._compare(i, j)
        first, second = self.signatures[i].digest, self.signatures[j].digest
        share = self.verdicts.get(first + second)
        if share is None:
            share = self.verdicts[first + second] = self._compare(i, j)
            # Texts of different sizes get the same verdict in either order (a later run may
            # meet them the other way round); of equal sizes the first counts as the shorter.
            if len(self.shingle_set(i)) != len(self.shingle_set(j)):
                self.verdicts[second + first] = share
        return share

    def _compare(self, i: int, j: int) -> float:
        a, b = self.shingle_set(i), self.shingle_set(j)
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        if not small:
            return 0.0
        containment = len(small & large) / len(small)
        # Templated short stories are told apart by a few words only: both must be short.
        if max(len(a), len(b)) < SHORT_TEXT:
            return containment if containment >= SHORT_CONTAINMENT else 0.0
        if containment >= CONTAINMENT:
            return containment
        if containment < ALIGN_FROM:
            return 0.0
        short, long = (i, j) if small is a else (j, i)
        return _edited_copy(_Alignment(self.signatures[short], self.signatures[long]))


class _Alignment:
    """Which words of the shorter text lie in stretches aligned with the longer one. Each
    shingle the texts share anchors a stretch, extended word by word to either side over
    changed words for as long as most words still agree, but never across two different
    figures: those are where it stopped (templated reports, prices, results, the weather,
    differ in little else, and a different figure is different news)."""

    def __init__(self, short: Signature, long: Signature) -> None:
        self.a, self.b = _unpack(short.words), _unpack(long.words)
        self.covered = bytearray(len(self.a))  # 1 for each aligned word of the shorter
        self.figures: set[int] = set()  # positions in the shorter of conflicting figures
        where: dict[int, int] = {}
        for k, h in enumerate(long.shingle_list()):
            where.setdefault(h, k)
        anchors = [(i, where.get(h)) for i, h in enumerate(short.shingle_list())]
        for i, j in anchors:
            if j is None:
                continue
            self.covered[i : i + SHINGLE] = b"\1" * SHINGLE
            # Extend only from the ends of a run of consecutive anchors.
            if not (i + 1 < len(anchors) and anchors[i + 1][1] == j + 1):
                reach = self._extend(i + SHINGLE, j + SHINGLE, 1)
                self.covered[i + SHINGLE : i + SHINGLE + reach] = b"\1" * reach
            if not (i > 0 and anchors[i - 1][1] == j - 1):
                reach = self._extend(i - 1, j - 1, -1)
                self.covered[i - reach : i] = b"\1" * reach

    def _extend(self, i: int, j: int, step: int) -> int:
        """How many words from a[i] and b[j] on (step +1) or back (step -1) are worth
        aligning: the length at which matches most outnumber mismatches."""
        a, b = self.a, self.b
        best = score = reach = best_reach = 0
        while 0 <= i < len(a) and 0 <= j < len(b) and score >= best - GIVE_UP:
            if a[i] == b[j]:
                score += 1
            elif a[i] & b[j] & 1:  # both words hold a digit (`_word_code`)
                self.figures.add(i)
                break
            else:
                score -= 1
            reach += 1
            if score > best:
                best, best_reach = score, reach
            i += step
            j += step
        return best_reach


def _edited_copy(alignment: _Alignment) -> float:
    """Share of the shorter text's words aligned with the longer one, if that makes the
    shorter an edited copy of the longer, else 0. Either most of its words are aligned, or
    it is the longer text's copy under a new top (a rewritten intro, the usual rewrite of
    agency copy and the usual update: "new lede"): after its opening, nearly every word is
    aligned. A related story that repeats background paragraphs mixes its own news, quotes
    and reactions into the rest of the text. Texts that align around different figures in
    several places are not copies but reports from one template."""
    covered = alignment.covered
    if len(alignment.figures) >= FIGURES or not covered:
        return 0.0
    share = sum(covered) / len(covered)
    if share >= ALIGNED:
        return share
    opening = covered.find(1)
    if share >= NEW_TOP_SHARE and sum(covered) >= NEW_TOP_REST * (len(covered) - opening):
        return share
    return 0.0


def duplicate_groups(texts: Sequence[str]) -> list[list[int]]:
    """The texts that tell one story, as groups of indices (each sorted, in order of their
    first index); texts without a duplicate are in no group."""
    return find_groups([signature(text) for text in texts])


def find_groups(
    signatures: Sequence[Signature], verdicts: Verdicts | None = None
) -> list[list[int]]:
    """`duplicate_groups` for signed texts (`verdicts` as for `find_pairs`)."""
    parent = list(range(len(signatures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in find_pairs(signatures, verdicts):
        parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(signatures)):
        groups[root(i)].append(i)
    return sorted(g for g in groups.values() if len(g) > 1)


# A key of the index of published texts (`PublishedTexts`): a sampled shingle (0 to 2**32 - 1)
# for a text that is searched by its sample, or, for a text that matches only its exact copy,
# a negative number named by its whole shingle set.
def index_keys(signed: Signature) -> list[int]:
    """The keys a text is found under in an index of texts searched with `groups_with`: its
    sampled shingles, or the key of its shingle set if it is too short to have a sample (none
    if it has no shingles at all, as it then matches nothing)."""
    if not _exact_only(signed):
        return list(signed.sample)
    shingles = sorted(set(signed.shingle_list()))
    if not shingles:
        return []
    digest = hashlib.blake2b(struct.pack(f"<{len(shingles)}I", *shingles), digest_size=8)
    return [-1 - (int.from_bytes(digest.digest(), "little") >> 2)]


def _exact_only(signed: Signature) -> bool:
    """A text that `find_pairs` matches with its exact copy only."""
    return signed.length < MIN_SHINGLES or not signed.sample


class PublishedTexts(Protocol):
    """Texts searched before, indexed by `index_keys`, in their order after the new ones."""

    def signature(self, k: int) -> Signature: ...

    def holding(self, key: int) -> list[int]:
        """The texts found under `key`, in order."""
        ...


def groups_with(
    new: Sequence[Signature], published: PublishedTexts, verdicts: Verdicts | None = None
) -> list[list[int]]:
    """`find_groups(new + published)`, only the groups that hold a new text: what a run that
    adds a few texts to many needs, found from the index of the published ones instead of by
    indexing them all again. Text k of `published` has index len(new) + k.

    find_pairs counts, for each pair, the sampled shingles they share where the later of the
    two is among the first COMMON + 1 texts with that shingle (a later one is not indexed under
    it); here those first texts are taken from the new ones and then the index. A group is
    found by following pairs from each new text, through published texts too (a published
    text may join a new one to another)."""
    search = _Search(new, published, verdicts)
    groups = []
    placed: set[int] = set()
    for start in range(len(new)):
        if start not in placed:
            group = search.group_of(start)
            placed.update(group)
            if len(group) > 1:
                groups.append(sorted(group))
    return sorted(groups)


class _Search:
    """The texts of `groups_with`: new ones, then published ones, read when first needed."""

    def __init__(
        self, new: Sequence[Signature], published: PublishedTexts, verdicts: Verdicts | None
    ) -> None:
        self.new = new
        self.published = published
        self.loaded: dict[int, Signature] = dict(enumerate(new))
        self.texts = _Texts(self, verdicts)  # type: ignore[arg-type]  # indexed like a list
        self.new_holding: dict[int, list[int]] = defaultdict(list)
        for i, signed in enumerate(new):
            for key in index_keys(signed):
                self.new_holding[key].append(i)

    def __getitem__(self, i: int) -> Signature:
        found = self.loaded.get(i)
        if found is None:
            found = self.loaded[i] = self.published.signature(i - len(self.new))
        return found

    def holding(self, key: int) -> list[int]:
        start = len(self.new)
        return self.new_holding.get(key, []) + [start + k for k in self.published.holding(key)]

    def group_of(self, start: int) -> set[int]:
        group, todo = {start}, [start]
        while todo:
            for other in self.pairs_of(todo.pop()):
                if other not in group:
                    group.add(other)
                    todo.append(other)
        return group

    def pairs_of(self, x: int) -> list[int]:
        """The texts that find_pairs pairs with text x."""
        own = self[x]
        if _exact_only(own):
            keys = index_keys(own)
            mine = self.texts.shingle_set(x)
            return [y for key in keys for y in self.holding(key) if y != x and self._same(y, mine)]
        counts: Counter[int] = Counter()
        for h in own.sample:
            first = self.holding(h)[: COMMON + 1]
            if x in first:
                counts.update(y for y in first if y != x)
        paired = []
        for y, count in counts.items():
            i, j = min(x, y), max(x, y)
            if _worth_comparing(count, self[i], self[j]) and self.texts.same_story(i, j):
                paired.append(y)
        return paired

    def _same(self, y: int, shingles: frozenset[int]) -> bool:
        """Whether text y, found under the key of an exact-only text, has its shingles (two
        sets may share a key)."""
        return _exact_only(self[y]) and self.texts.shingle_set(y) == shingles
