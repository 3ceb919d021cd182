"""Section choice over a pool of articles: keyword-seeded TF-IDF with self-training, then a
naive-Bayes second opinion.

Keyword counting (`sections.keyword_scores`) labels the articles it is sure of; the words
those articles share then teach the classifier about the rest, so an article about a
"striker" lands in Sport even if only "match" and "goal" were configured. Pure Python and
deterministic: the same texts in the same order give the same choices.

Two things keep the self-training from talking itself into its own mistakes: an article is
compared with its section's centroid *without itself* (leave-one-out), and the keyword
evidence keeps a fixed share of every choice, so a pool cannot drift away from what the
sections were configured to mean.

Once the centroids have settled, a multinomial naive Bayes is trained on the pooled labels,
again leaving each article out of its own section's counts. It weighs every word by how
much likelier it is in one section than in the others, where a centroid weighs the words an
article shares with a section whether or not the other sections use them too; the two make
different mistakes, so the final choice takes both into account.

An article's opening (its headline, when it has one, and the start of its lead) says what it
is about, so its terms weigh more there, as the keyword counting's do. And identical texts
(the same wire story filed twice) are one article to the leave-one-out: a copy must not
confirm its twin's label any more than the article its own. Naive Bayes does not let a
section the pool hardly has become a catch-all (see `_pseudo_words`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import islice
from operator import add, itemgetter, mul, sub

from .sections import HasKeywords, best_of, keyword_scores

MIN_POOL = 20  # fewer articles teach too little: each is classified alone
ROUNDS = 8
SEED_CONFIDENCE = 0.3  # keyword choices with this share of the evidence seed the centroids
KEYWORD_SHARE = 0.2  # the keyword evidence's share of each pooled choice
NB_SHARE = 0.5  # naive Bayes' share of the learned (non-keyword) evidence; centroids have the rest
NB_TEMPERATURE = 0.3  # per word, log-likelihoods differ by little: this spreads the posterior
# Naive Bayes' counts are smoothed towards the whole pool's word frequencies, as if each
# section had also seen this many words of the pool at large (Dirichlet smoothing, with the
# usual pseudo-count of information retrieval): a section with fewer articles leans on the
# pool more, one with many on its own counts, and a word unseen in a section costs it in
# proportion to how common the word is. A section smaller than the average one leans on it
# no more than the average one does: it gets fewer pseudo-words (see `_pseudo_words`).
NB_PRIOR_WORDS = 2000.0
# A term in the text's first OPENING_WORDS words (the headline and about a sentence of the
# lead) adds OPENING_WEIGHT to its (sublinear) frequency: once more, where cold choice counts
# its first 60 words double.
OPENING_WORDS = 30
OPENING_WEIGHT = 1.0
_STOPWORDS = frozenset(
    """
about above after again against all also among and any are around because been before
being below between both but can could did does doing down during each even ever every
few for from further had has have having her here hers herself him himself his how however
into its itself just last like made make many may more most much must near new next nor
not now off once one only other our ours out over own per said same say says she should
since some still such than that the their theirs them then there these they this those
through too two under until upon very was were what when where whether which while who whom
whose why will with within without would year years yet you your mr mrs ms
""".split()
)
# A word, with what comes before it when that opens a sentence (the end of a sentence, an
# opening quotation mark or a new line): a capital there is not a name's.
_WORD = re.compile(r"([.!?:\"\n]\s*)?([A-Za-z][A-Za-z'-]*[A-Za-z])")
_TOKEN = re.compile(r"\S+")


class _Sparse:
    """A sparse vector over the pool's vocabulary: term indices and values as parallel
    tuples, so that a dot product with a dense list runs in `map` and `sum` rather than in a
    Python loop (list indexing is also cheaper than looking words up in a dict)."""

    __slots__ = ("gather", "ids", "values")

    def __init__(self, weights: dict[int, float]) -> None:
        self.ids = tuple(weights)
        self.values = tuple(weights.values())
        # A dense list's values at `ids`, as a tuple: one `itemgetter` call is about a third
        # faster than `map(dense.__getitem__, ids)`, and dot products are most of the time.
        self.gather: Callable[[list[float]], tuple[float, ...]] = _gatherer(self.ids)

    def dot(self, dense: list[float]) -> float:
        return sum(map(mul, self.values, self.gather(dense)))


def _gatherer(ids: tuple[int, ...]) -> Callable[[list[float]], tuple[float, ...]]:
    """`itemgetter(*ids)`, but a tuple for one or no index too (itemgetter gives the bare
    value for one, and needs at least one)."""
    if len(ids) > 1:
        return itemgetter(*ids)
    return lambda dense: tuple(dense[i] for i in ids)


class _Vector(_Sparse):
    """A unit-length sparse vector (no terms when all weights are 0)."""

    __slots__ = ()

    def __init__(self, weights: dict[int, float]) -> None:
        norm = math.sqrt(sum(v * v for v in weights.values()))
        super().__init__({t: v / norm for t, v in weights.items()} if norm else {})


class _Bag(_Sparse):
    """Word counts as a sparse vector, with their total."""

    __slots__ = ("length",)

    def __init__(self, weights: dict[int, float]) -> None:
        super().__init__(weights)
        self.length = sum(self.values)


def choose_sections(
    texts: Sequence[str], sections: Sequence[HasKeywords]
) -> list[tuple[HasKeywords, float]]:
    """One (section, 0–1 confidence) per text, each chosen with the whole pool in view."""
    scores = [keyword_scores(text, sections) for text in texts]
    cold = [best_of(score) for score in scores]  # exactly what choose_section gives
    if len(texts) < MIN_POOL or len(sections) < 2:
        return [(sections[best], confidence) for best, confidence in cold]
    shares = [_shares(score) for score in scores]
    documents = [_terms(text) for text in texts]
    idf = _idf(documents)
    index = {term: i for i, term in enumerate(idf)}
    idfs = list(idf.values())  # by term index
    openings = [_terms(_opening(text)) for text in texts]
    bags = [_bag(doc, opening, index) for doc, opening in zip(documents, openings, strict=True)]
    copies = _copies(bags)
    vectors = [_tfidf(bag, idfs) for bag in bags]
    first = [best for best, _ in cold]
    labels, similarities = _self_train(vectors, shares, first, copies, len(idf))
    posteriors = _naive_bayes(bags, labels, copies, len(sections), len(idf))
    chosen = [
        _final(similarity, posterior, share)
        for similarity, posterior, share in zip(similarities, posteriors, shares, strict=True)
    ]
    return [(sections[label], confidence) for label, confidence in chosen]


def _self_train(
    vectors: list[_Vector],
    shares: list[list[float]],
    labels: list[int],
    copies: list[int],
    size: int,
) -> tuple[list[int], list[list[float]]]:
    """Centroid self-training from the keyword labels: the settled labels, and each
    article's leave-one-out centroid similarities (as shares) from the last round. Copies
    of a text have the same vector and so, round after round, the same label and weight:
    all of them are taken out of the centroid an article is compared with."""
    count = len(shares[0])
    # A seed's weight is its section's share of the keyword evidence.
    weights = [
        share[best] if share[best] >= SEED_CONFIDENCE else 0.0
        for share, best in zip(shares, labels, strict=True)
    ]
    similarities: list[list[float]] = []
    for _ in range(ROUNDS):
        sums, norms = _centroid_sums(vectors, labels, weights, count, size)
        similarities = [
            _shares(_similarities(vector, sums, norms, label, weight * n))
            for vector, label, weight, n in zip(vectors, labels, weights, copies, strict=True)
        ]
        chosen = [
            best_of(_blend(similarity, share))
            for similarity, share in zip(similarities, shares, strict=True)
        ]
        new_labels = [label for label, _ in chosen]
        weights = [margin for _, margin in chosen]
        if new_labels == labels:
            break
        labels = new_labels
    return labels, similarities


def _shares(scores: list[float]) -> list[float]:
    total = sum(scores)
    return [score / total for score in scores] if total else [0.0] * len(scores)


def _opening(text: str) -> str:
    """The text up to the end of its OPENING_WORDS-th word."""
    ends = [word.end() for word in islice(_TOKEN.finditer(text), OPENING_WORDS)]
    return text[: ends[-1]] if ends else ""


def _bag(document: Counter[str], opening: Counter[str], index: dict[str, int]) -> _Bag:
    """The document's indexed terms, counting sublinearly (1 + log count), for naive Bayes
    as for TF-IDF, and OPENING_WEIGHT more for a term of the opening."""
    return _Bag(
        {
            index[t]: 1 + math.log(c) + (OPENING_WEIGHT if t in opening else 0.0)
            for t, c in document.items()
            if t in index
        }
    )


def _copies(bags: list[_Bag]) -> list[int]:
    """Per bag, how many of the bags are the same (itself included)."""
    keys = [(bag.ids, bag.values) for bag in bags]
    count = Counter(keys)
    return [count[key] for key in keys]


def _terms(text: str) -> Counter[str]:
    """Content words, pairs of adjacent content words ("interest rates", "box office"), and
    names: a pair often names the topic better than either word, and so does a name.

    A word capitalised inside a sentence also counts as a name, a term of its own written
    with a capital ("Apple" beside "apple", "Labour" beside "labour", "Chelsea"): people,
    firms, clubs, parties and bands each belong to one section far more often than the
    words around them, and this keeps a party apart from work and a firm from a fruit. Words
    of two letters are left out, except in capitals ("EU", "UK", "TV", "PC", "MP").
    """
    found: list[str] = []
    previous = ""
    # The text's start opens a sentence too; words are looked up as written (cached).
    for opening, word in _WORD.findall("\n" + text):
        stem, name = _word_terms(word)
        if not stem:
            previous = ""
            continue
        found.append(stem)
        if name and not opening:
            found.append(name)
        if previous:
            found.append(f"{previous} {stem}")
        previous = stem
    return Counter(found)  # counting a list at the end is faster than one += per term


@lru_cache(maxsize=1 << 16)  # news reuses its words: most are looked up again
def _word_terms(word: str) -> tuple[str, str]:
    """A word's stem ("" for a word left out) and, when it is capitalised, its name's term
    (the stem with a capital; used only inside a sentence)."""
    lower = word.lower()
    if lower in _STOPWORDS or (len(word) <= 2 and not word.isupper()):
        return "", ""
    stem = _stem(lower)
    return stem, stem.capitalize() if word[0].isupper() else ""


def _stem(word: str) -> str:
    """Plural and possessive forms count as the word: 'firms', "firm's" → 'firm'."""
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _idf(documents: list[Counter[str]]) -> dict[str, float]:
    """Inverse document frequency (log n / df) of the terms that can tell documents apart:
    a term found in only one document says nothing about the others, one in all says nothing."""
    frequency: Counter[str] = Counter(term for doc in documents for term in doc)
    n = len(documents)
    return {term: math.log(n / df) for term, df in frequency.items() if 1 < df < n}


def _tfidf(bag: _Bag, idf: list[float]) -> _Vector:
    """The bag's (sublinear) term frequencies × inverse document frequency, unit length."""
    return _Vector(dict(zip(bag.ids, map(mul, bag.values, bag.gather(idf)), strict=True)))


def _centroid_sums(
    vectors: list[_Vector], labels: list[int], weights: list[float], count: int, size: int
) -> tuple[list[list[float]], list[float]]:
    """Per section, the weighted sum of its articles' vectors (dense, over the `size` terms)
    and that sum's squared norm (kept unnormalised so that one article can be taken out)."""
    sums = [[0.0] * size for _ in range(count)]
    for vector, label, weight in zip(vectors, labels, weights, strict=True):
        if weight > 0:
            total = sums[label]
            for term, value in zip(vector.ids, vector.values, strict=True):
                total[term] += weight * value
    return sums, [sum(map(mul, total, total)) for total in sums]


def _similarities(
    vector: _Vector, sums: list[list[float]], norms: list[float], label: int, weight: float
) -> list[float]:
    """Cosine similarity with each section's centroid, the article's own contribution taken
    out of its section's (the vector is unit length, so v·(S − wv) = v·S − w)."""
    similarities = []
    for section, (total, norm) in enumerate(zip(sums, norms, strict=True)):
        dot = vector.dot(total)
        if section == label and weight > 0:
            norm += weight * weight - 2 * weight * dot
            dot -= weight
        similarities.append(max(0.0, dot / math.sqrt(norm)) if norm > 1e-12 else 0.0)
    return similarities


def _blend(learned: list[float], shares: list[float]) -> list[float]:
    """Learned evidence (as shares) with the keyword evidence's fixed share."""
    return [
        (1 - KEYWORD_SHARE) * value + KEYWORD_SHARE * share
        for value, share in zip(learned, shares, strict=True)
    ]


def _naive_bayes(
    bags: list[_Bag], labels: list[int], copies: list[int], count: int, size: int
) -> list[list[float | None]]:
    """Per document, the posterior of each section under a multinomial naive Bayes trained on
    the pooled labels, the document's own words (and its copies') taken out of its section's
    counts, so that an article cannot confirm its own label. Words count as in `_bag`, over
    the `size` terms the TF-IDF vectors use; sections are equally likely a priori, so a
    large section does not swallow the borderline articles.

    A section without words of its own (the document's taken out) is not modelled: its
    posterior is None."""
    counts = [[0.0] * size for _ in range(count)]
    totals = [0.0] * count
    for bag, label in zip(bags, labels, strict=True):
        total = counts[label]
        for term, value in zip(bag.ids, bag.values, strict=True):
            total[term] += value
        totals[label] += bag.length
    # The pool's word frequencies, which the pseudo-words are shared out by.
    scale = 1 / (sum(totals) or 1.0)
    pool = [scale * sum(column) for column in zip(*counts, strict=True)]
    average = sum(totals) / count
    logs = []
    for total, words in zip(counts, totals, strict=True):
        if words < 1:  # not modelled for any document
            logs.append([0.0] * size)
            continue
        pseudo = _pseudo_words(words, average)
        logs.append(
            [
                math.log(c + pseudo * p) - math.log(words + pseudo)
                for c, p in zip(total, pool, strict=True)
            ]
        )
    posteriors: list[list[float | None]] = []
    for bag, label, n in zip(bags, labels, copies, strict=True):
        own_words = [
            total - n * bag.length if k == label else total for k, total in enumerate(totals)
        ]
        modelled = [words >= 1 for words in own_words]  # (not a rounding error's worth)
        if not bag.length or not any(modelled):
            posteriors.append([None] * count)
            continue
        likelihoods = [bag.dot(log) if k != label else 0.0 for k, log in enumerate(logs)]
        if modelled[label]:
            # Leave-one-out for its own section: log(count − own + pseudo-count) for each word.
            taken = bag.values if n == 1 else tuple(n * value for value in bag.values)
            own = map(sub, bag.gather(counts[label]), taken)
            pseudo = _pseudo_words(own_words[label], average)
            smoothed = map(add, own, (pseudo * p for p in bag.gather(pool)))
            likelihoods[label] = sum(map(mul, bag.values, map(math.log, smoothed))) - (
                bag.length * math.log(own_words[label] + pseudo)
            )
        # Per word, so that a long article is not more certain than a short one.
        known = [
            x / bag.length / NB_TEMPERATURE for x, m in zip(likelihoods, modelled, strict=True) if m
        ]
        posterior = iter(_softmax(known))
        posteriors.append([next(posterior) if m else None for m in modelled])
    return posteriors


def _pseudo_words(words: float, average: float) -> float:
    """The smoothing's pseudo-words for a section with this many words of its own:
    NB_PRIOR_WORDS, but for a section with fewer words than the average section its share of
    them, so that it leans on the pool no more than an average section does. With the full
    NB_PRIOR_WORDS, a section with a handful of articles (Science in a batch with hardly any
    science news) would be mostly the pool's word frequencies, which fit a run-of-the-mill
    article better than any one section's model, and it would draw in the articles least
    typical of their own sections."""
    return NB_PRIOR_WORDS * min(1.0, words / average) if average > 0 else 0.0


def _softmax(values: list[float]) -> list[float]:
    top = max(values)
    exps = [math.exp(v - top) for v in values]
    total = sum(exps)
    return [e / total for e in exps]


def _final(
    similarities: list[float], posterior: list[float | None], shares: list[float]
) -> tuple[int, float]:
    """The section with the best blend of centroid similarity, naive-Bayes posterior and
    keyword evidence, and a 0–1 confidence: its lead over the runner-up, relative to itself,
    in the centroids' blend with the keyword evidence. That is the self-training's own
    confidence, so a section naive Bayes chose against the centroids gets 0 and is flagged
    for review. (The naive-Bayes posterior is not used for it: in a small pool it is close to
    even, and in a large one it is sure of itself even where it is wrong.)

    Naive Bayes has no say on a section it did not model (None): that section keeps its
    centroid similarity, and the posterior shares out what the centroids leave to the
    others (all of it when naive Bayes modelled every section)."""
    rest = 1 - sum(s for s, p in zip(similarities, posterior, strict=True) if p is None)
    opinion = [s if p is None else rest * p for s, p in zip(similarities, posterior, strict=True)]
    learned = [
        (1 - NB_SHARE) * similarity + NB_SHARE * probability
        for similarity, probability in zip(similarities, opinion, strict=True)
    ]
    best, _ = best_of(_blend(learned, shares))
    leader, margin = best_of(_blend(similarities, shares))
    return best, margin if leader == best else 0.0
