"""Section choice over a pool of articles: keyword-seeded TF-IDF with self-training.

Keyword counting (`sections.choose_section`) labels the articles it is sure of; the words
those articles share then teach the classifier about the rest, so an article about a
"striker" lands in Sport even if only "match" and "goal" were configured. Pure Python and
deterministic: the same texts in the same order give the same choices.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from .sections import HasKeywords, choose_section

MIN_POOL = 20  # fewer articles teach too little: each is classified alone
ROUNDS = 8
SEED_CONFIDENCE = 0.5  # keyword choices at least this sure seed the first centroids
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

Vector = dict[str, float]


def choose_sections(
    texts: Sequence[str], sections: Sequence[HasKeywords]
) -> list[tuple[HasKeywords, float]]:
    """One (section, 0–1 confidence) per text, each chosen with the whole pool in view."""
    cold = [choose_section(text, sections) for text in texts]
    if len(texts) < MIN_POOL or len(sections) < 2:
        return cold
    vectors = _tfidf([_terms(text) for text in texts])
    index = {id(section): i for i, section in enumerate(sections)}
    labels = [index[id(section)] for section, _ in cold]
    weights = [confidence if confidence >= SEED_CONFIDENCE else 0.0 for _, confidence in cold]
    for _ in range(ROUNDS):
        centroids = _centroids(vectors, labels, weights, len(sections))
        scored = [_rank(vector, centroids) for vector in vectors]
        new_labels = [ranking[0][1] for ranking in scored]
        weights = [_margin(ranking) for ranking in scored]
        if new_labels == labels:
            break
        labels = new_labels
    return [(sections[label], weight) for label, weight in zip(labels, weights, strict=True)]


def _terms(text: str) -> Counter[str]:
    words = (_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)
    return Counter(w for w in words if len(w) > 2)


def _stem(word: str) -> str:
    """Plural and possessive forms count as the word: 'firms', "firm's" → 'firm'."""
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _tfidf(documents: list[Counter[str]]) -> list[Vector]:
    """Sublinear term frequency × inverse document frequency, unit length. Words found in
    only one document say nothing about the others and are left out."""
    frequency: Counter[str] = Counter(term for doc in documents for term in doc)
    n = len(documents)
    idf = {term: math.log(n / df) for term, df in frequency.items() if 1 < df < n}
    vectors = []
    for doc in documents:
        vector = {t: (1 + math.log(c)) * idf[t] for t, c in doc.items() if t in idf}
        vectors.append(_unit(vector))
    return vectors


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else vector


def _centroids(
    vectors: list[Vector], labels: list[int], weights: list[float], count: int
) -> list[Vector]:
    sums: list[Counter[str]] = [Counter() for _ in range(count)]
    for vector, label, weight in zip(vectors, labels, weights, strict=True):
        if weight > 0:
            for term, value in vector.items():
                sums[label][term] += weight * value
    return [_unit(dict(total)) for total in sums]


def _rank(vector: Vector, centroids: list[Vector]) -> list[tuple[float, int]]:
    """(cosine similarity, section index), best first; ties go to the earlier section."""
    scores = [
        (sum(value * centroid.get(term, 0.0) for term, value in vector.items()), -i)
        for i, centroid in enumerate(centroids)
    ]
    return [(score, -negative) for score, negative in sorted(scores, reverse=True)]


def _margin(ranking: list[tuple[float, int]]) -> float:
    """How far the best section leads the runner-up, relative to the best: 0–1."""
    best, second = ranking[0][0], ranking[1][0]
    return (best - second) / best if best > 0 else 0.0
