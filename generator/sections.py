"""The default sections and keyword-based section choice."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from .lexicon import topics
from .slugs import slugify

# (name, description, keywords). A keyword matches a whole word or phrase and its inflections,
# case-insensitively; an all-caps keyword (UN, MP) matches only in capitals.
# fmt: off
DEFAULT_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("World", "News from around the world.", (
        "foreign", "international", "united nations", "UN", "embassy", "ambassador", "border",
        "refugee", "war", "ceasefire", "troops", "militant", "occupation", "israel", "israeli",
        "palestinian", "palestine", "gaza", "west bank", "ukraine", "russia", "china", "iran",
        "syria", "iraq", "afghanistan", "africa", "europe", "asia", "nato", "hamas", "diplomat",
        "sanction", "conflict", "humanitarian",
    )),
    ("Politics", "Government, parliament and elections.", (
        "election", "elected", "vote", "voter", "parliament", "MP", "MPs", "minister",
        "government", "party", "labour", "conservative", "tory", "tories", "lib dem", "senate",
        "congress", "campaign", "policy", "chancellor", "prime minister", "opposition",
        "referendum", "legislation", "bill", "mayor", "cabinet",
    )),
    ("Business", "Companies, markets and the economy.", (
        "company", "companies", "firm", "market", "shares", "share price", "stock", "profit",
        "revenue", "sales", "economy", "economic", "growth", "inflation", "interest rate",
        "bank", "investor", "investment", "trade", "deal", "merger", "takeover",
        "chief executive", "bn", "earnings", "oil price", "dollar", "euro", "jobs",
        "unemployment", "retail",
    )),
    ("Technology", "Computing, the internet and gadgets.", (
        "technology", "software", "computer", "internet", "online", "web", "digital",
        "broadband", "mobile", "phone", "gadget", "app", "apps", "microsoft", "google", "apple",
        "games", "gaming", "console", "virus", "hacker", "cyber", "network", "device", "users",
        "data", "chip", "artificial intelligence",
    )),
    ("Science", "Research, health and the environment.", (
        "scientist", "research", "researchers", "study", "university", "species", "climate",
        "environment", "space", "nasa", "planet", "physics", "biology", "disease", "health",
        "medical", "vaccine", "genetic", "fossil", "experiment", "laboratory", "emissions",
    )),
    ("Sport", "Results, transfers and the stories behind the games.", (
        "match", "game", "season", "league", "cup", "championship", "tournament", "football",
        "rugby", "cricket", "tennis", "olympic", "athlete", "coach", "manager", "striker",
        "goal", "score", "win", "victory", "defeat", "squad", "player", "players", "club",
        "final", "injury", "medal",
    )),
    ("Culture", "Film, music, books, television and the arts.", (
        "film", "movie", "music", "album", "singer", "band", "actor", "actress", "director",
        "box office", "festival", "award", "oscar", "book", "novel", "author", "theatre",
        "television", "tv", "show", "star", "art", "gallery", "concert", "chart", "comedy",
        "drama",
    )),
)
# fmt: on


class HasKeywords(Protocol):
    name: str
    keywords: tuple[str, ...]


def section_slug(name: str) -> str:
    return slugify(name, max_length=None)


LEAD_WORDS = 60  # the headline and lead say what a story is about: their words count double
_TOKEN = re.compile(r"\w+")

# How much a word says for a section, by where the section got it from.
KEYWORD_WEIGHT = 1.0  # a configured keyword, or a word of the section's name
DESCRIPTION_WEIGHT = 0.5  # a content word of the section's one-line description
TOPIC_WEIGHT = 0.5  # a word of a lexicon topic that the section's own words point to
SIBLING_WEIGHT = 0.25  # a word of another topic of the same family ([sport], [business], …)
FAMILY_SHARE = 0.25  # a family with less of the section's words than this share of its main one
# Words of a description that say nothing about what the section covers.
_GENERIC = frozenset(
    """
a about across after all along an and any around as at behind between beyond big both by
daily each every everything for from here how in including inside into its latest life
local main major more most much news of on or other our out over people report reports
stories story the their things this to today top under up what when where who why with
world's your
""".split()
)

Term = tuple[str, ...]  # a word or phrase: its stems, or its exact words when all-caps


@lru_cache(maxsize=65536)  # news reuses its words: most stems are looked up again
def stem(word: str) -> str:
    """A crude English stem, so that a keyword matches its inflections: 'vote', 'voted',
    'voters', 'voting' → 'vot'; 'parties' → 'party'; 'winning' → 'win'."""
    return _strip(word, ("ing", "ers", "er", "ed"))


@lru_cache(maxsize=65536)
def match_stem(word: str) -> str:
    """The stem keywords are matched by: `stem` without its "-er" rule, so that agent nouns
    keep their meaning ("leader", "runner", "publisher" do not match "lead", "run",
    "publish") while "voted", "votes", "voting" still match "vote"."""
    return _strip(word, ("ing", "ed"))


def _strip(word: str, suffixes: tuple[str, ...]) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "aeiousl":
                word = word[:-1]  # "winn" → "win"
            break
    else:
        if word.endswith(("ches", "shes", "sses", "xes", "zes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def term(phrase: str) -> Term | None:
    """A keyword as it is matched: an all-caps keyword (UN, MP) exactly, in capitals; any
    other by the stems of its words."""
    words = _TOKEN.findall(phrase)
    if not words:
        return None
    return tuple(words) if phrase.isupper() else tuple(match_stem(w) for w in words)


@dataclass(frozen=True)
class Profile:
    """What each word or phrase says for the sections: term → ((section index, weight), …)."""

    weights: dict[Term, tuple[tuple[int, float], ...]]
    starts: frozenset[str]  # first words of the phrases, so that only those are looked up
    words: dict[str, Term]  # one-word terms by their word, to look them up without a tuple


def profile(sections: Sequence[HasKeywords]) -> Profile:
    configured = tuple(
        (s.name, getattr(s, "description", "") or "", tuple(s.keywords)) for s in sections
    )
    return _profile(configured)


@lru_cache(maxsize=64)  # the same few sections are matched against every seed
def _profile(configured: tuple[tuple[str, str, tuple[str, ...]], ...]) -> Profile:
    """Each section's own words, widened with the lexicon topics they point to; a word
    that several sections claim is shared out by how strongly each claims it (w² / Σw), so
    that words specific to one section weigh most."""
    claims = [_widen(_own_words(*section)) for section in configured]
    total: dict[Term, float] = {}
    for claim in claims:
        for t, weight in claim.items():
            total[t] = total.get(t, 0.0) + weight
    weights: dict[Term, list[tuple[int, float]]] = {}
    for index, claim in enumerate(claims):
        specific = {t: weight * weight / total[t] for t, weight in claim.items()}
        # A section with a wide vocabulary would otherwise win any story by chance hits:
        # its weights are divided by their Euclidean norm (as for a cosine similarity).
        norm = math.sqrt(sum(w * w for w in specific.values())) or 1.0
        for t, weight in specific.items():
            weights.setdefault(t, []).append((index, weight / norm))
    return Profile(
        {t: tuple(found) for t, found in weights.items()},
        frozenset(t[0] for t in weights if len(t) > 1),
        {t[0]: t for t in weights if len(t) == 1},
    )


def _own_words(name: str, description: str, keywords: tuple[str, ...]) -> dict[Term, float]:
    own: dict[Term, float] = {}
    described = [w for w in _TOKEN.findall(description) if w.lower() not in _GENERIC]
    for phrases, weight in (
        (described, DESCRIPTION_WEIGHT),
        ((*keywords, *_TOKEN.findall(name)), KEYWORD_WEIGHT),
    ):
        for phrase in phrases:
            t = term(phrase)
            if t and not (len(t) == 1 and t[0].isdigit()):
                own[t] = max(own.get(t, 0.0), weight)
    return own


def _widen(own: dict[Term, float]) -> dict[Term, float]:
    """Add the words of the lexicon topics the section's own words point to.

    A word in several topics ("game": sport, video games) points to the topic whose family
    ([sport], [tech]) holds most of the section's other words, then to the topic that does,
    so Sport's "game" does not bring in consoles. A family holding under FAMILY_SHARE of what
    the section's main family holds is not taken in at all: one stray word ("results" in a
    Sport description) must not bring a Business topic with it.
    """
    topics = lexicon_topics()
    in_topic = [sum(weight for t, weight in own.items() if t in terms) for _, terms in topics]
    in_family: dict[str, float] = {}
    for (family, _), weight in zip(topics, in_topic, strict=True):
        in_family[family] = in_family.get(family, 0.0) + weight
    strongest = max(in_family.values(), default=0.0)
    chosen: set[int] = set()
    for t in own:
        candidates = [i for i, (_, terms) in enumerate(topics) if t in terms]
        rank = {i: (in_family[topics[i][0]], in_topic[i]) for i in candidates}
        best = max(rank.values(), default=None)
        chosen.update(i for i in candidates if rank[i] == best)
    families = {topics[i][0] for i in chosen if in_family[topics[i][0]] >= FAMILY_SHARE * strongest}
    widened = dict(own)
    for i, (family, terms) in enumerate(topics):
        if family not in families:
            continue
        weight = TOPIC_WEIGHT if i in chosen else SIBLING_WEIGHT
        for t in terms:
            widened[t] = max(widened.get(t, 0.0), weight)
    return widened


@lru_cache(maxsize=1)
def lexicon_topics() -> tuple[tuple[str, frozenset[Term]], ...]:
    """(family, terms) for each topic of the lexicon."""
    return tuple(
        (family, frozenset(t for t in map(term, words) if t)) for family, _, words in topics()
    )


def keyword_scores(text: str, sections: Sequence[HasKeywords]) -> list[float]:
    """Per section: each of its words found adds its weight × (1 + log(1 + hits)), so a
    story that touches many of a section's words beats one that repeats a single word;
    hits in the first LEAD_WORDS words count double."""
    known = profile(sections)
    counts = _counts(_TOKEN.findall(text), known)
    scores = [0.0] * len(sections)
    for t, count in counts.items():
        for index, weight in known.weights[t]:
            scores[index] += weight * (1 + math.log1p(count))
    return scores


def _counts(words: list[str], known: Profile) -> dict[Term, float]:
    """Hits of each known term; phrases are looked up only from their first word, and an
    all-caps term only for a word in capitals."""
    stems = [match_stem(w) for w in words]
    counts: dict[Term, float] = {}
    for i, s in enumerate(stems):
        hit = 2.0 if i < LEAD_WORDS else 1.0
        found = [known.words.get(s)]
        if s in known.starts:
            found += [tuple(stems[i : i + n]) for n in (2, 3) if i + n <= len(stems)]
        if words[i].isupper():
            found.append(known.words.get(words[i]))
            if words[i] in known.starts:
                found += [tuple(words[i : i + n]) for n in (2, 3) if i + n <= len(words)]
        for t in found:
            if t is not None and t in known.weights:
                counts[t] = counts.get(t, 0.0) + hit
    return counts


def choose_section(text: str, sections: Sequence[HasKeywords]) -> tuple[HasKeywords, float]:
    """The section whose words the text uses most, with a 0–1 confidence: how far its score
    leads the runner-up's, relative to its own.

    With no keyword found the first configured section is chosen with confidence 0.
    """
    best, confidence = best_of(keyword_scores(text, sections))
    return sections[best], confidence


def best_of(scores: Sequence[float]) -> tuple[int, float]:
    """The index of the highest score (the earlier on a tie) and a 0–1 margin: how far it
    leads the runner-up, relative to itself (1 when no other section has any evidence)."""
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    best = scores[ranked[0]]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    return ranked[0], ((best - second) / best if best > 0 else 0.0)
