"""Section choice over a pool of articles: keyword-seeded TF-IDF with self-training.

Keyword counting (`sections.keyword_scores`) labels the articles it is sure of; the words
those articles share then teach the classifier about the rest, so an article about a
"striker" lands in Sport even if only "match" and "goal" were configured. Pure Python and
deterministic: the same texts in the same order give the same choices.

Two things keep the self-training from talking itself into its own mistakes: an article is
compared with its section's centroid *without itself* (leave-one-out), and the keyword
evidence keeps a fixed share of every choice, so a pool cannot drift away from what the
sections were configured to mean.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from operator import mul

from .sections import HasKeywords, best_of, keyword_scores

MIN_POOL = 20  # fewer articles teach too little: each is classified alone
ROUNDS = 8
SEED_CONFIDENCE = 0.3  # keyword choices with this share of the evidence seed the centroids
KEYWORD_SHARE = 0.2  # the keyword evidence's share of each pooled choice
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
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


class _Vector:
    """A unit-length sparse vector, kept as parallel tuples so that dot products run in
    `map` and `sum` rather than in a Python loop."""

    __slots__ = ("terms", "values")

    def __init__(self, weights: dict[str, float]) -> None:
        norm = math.sqrt(sum(v * v for v in weights.values()))
        self.terms = tuple(weights)
        self.values = tuple(v / norm for v in weights.values()) if norm else ()
        if not norm:
            self.terms = ()

    def dot(self, other: dict[str, float]) -> float:
        return sum(map(mul, self.values, map(other.get, self.terms, repeat(0.0))))


def choose_sections(
    texts: Sequence[str], sections: Sequence[HasKeywords]
) -> list[tuple[HasKeywords, float]]:
    """One (section, 0–1 confidence) per text, each chosen with the whole pool in view."""
    scores = [keyword_scores(text, sections) for text in texts]
    cold = [best_of(score) for score in scores]  # exactly what choose_section gives
    if len(texts) < MIN_POOL or len(sections) < 2:
        return [(sections[best], confidence) for best, confidence in cold]
    shares = [_shares(score) for score in scores]
    vectors = _tfidf([_terms(text) for text in texts])
    labels = [best for best, _ in cold]
    # A seed's weight is its section's share of the keyword evidence.
    weights = [
        share[best] if share[best] >= SEED_CONFIDENCE else 0.0
        for share, best in zip(shares, labels, strict=True)
    ]
    for _ in range(ROUNDS):
        sums, norms = _centroid_sums(vectors, labels, weights, len(sections))
        chosen = [
            _choose(_similarities(vector, sums, norms, label, weight), share)
            for vector, label, weight, share in zip(vectors, labels, weights, shares, strict=True)
        ]
        new_labels = [label for label, _ in chosen]
        weights = [margin for _, margin in chosen]
        if new_labels == labels:
            break
        labels = new_labels
    return [(sections[label], weight) for label, weight in zip(labels, weights, strict=True)]


def _shares(scores: list[float]) -> list[float]:
    total = sum(scores)
    return [score / total for score in scores] if total else [0.0] * len(scores)


def _terms(text: str) -> Counter[str]:
    """Content words and pairs of adjacent content words ("interest rates", "box office"):
    a pair often names the topic better than either word."""
    terms: Counter[str] = Counter()
    previous = ""
    for word in _WORD.findall(text.lower()):
        if word in _STOPWORDS or len(word) <= 2:
            previous = ""
            continue
        word = _stem(word)
        terms[word] += 1
        if previous:
            terms[f"{previous} {word}"] += 1
        previous = word
    return terms


def _stem(word: str) -> str:
    """Plural and possessive forms count as the word: 'firms', "firm's" → 'firm'."""
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _tfidf(documents: list[Counter[str]]) -> list[_Vector]:
    """Sublinear term frequency × inverse document frequency, unit length. Terms found in
    only one document say nothing about the others and are left out."""
    frequency: Counter[str] = Counter(term for doc in documents for term in doc)
    n = len(documents)
    idf = {term: math.log(n / df) for term, df in frequency.items() if 1 < df < n}
    return [
        _Vector({t: (1 + math.log(c)) * idf[t] for t, c in doc.items() if t in idf})
        for doc in documents
    ]


def _centroid_sums(
    vectors: list[_Vector], labels: list[int], weights: list[float], count: int
) -> tuple[list[dict[str, float]], list[float]]:
    """Per section, the weighted sum of its articles' vectors and that sum's squared norm
    (kept unnormalised so that one article can be taken out again)."""
    sums: list[dict[str, float]] = [{} for _ in range(count)]
    for vector, label, weight in zip(vectors, labels, weights, strict=True):
        if weight > 0:
            total = sums[label]
            for term, value in zip(vector.terms, vector.values, strict=True):
                total[term] = total.get(term, 0.0) + weight * value
    return sums, [sum(v * v for v in total.values()) for total in sums]


def _similarities(
    vector: _Vector, sums: list[dict[str, float]], norms: list[float], label: int, weight: float
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


def _choose(similarities: list[float], shares: list[float]) -> tuple[int, float]:
    """The section with the best blend of centroid similarity and keyword evidence (each as a
    share), and a 0–1 margin: how far it leads the runner-up, relative to itself."""
    return best_of(
        [
            (1 - KEYWORD_SHARE) * similarity + KEYWORD_SHARE * share
            for similarity, share in zip(_shares(similarities), shares, strict=True)
        ]
    )
