"""The default sections and keyword-based section choice."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

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


def stem(word: str) -> str:
    """A crude English stem, so that a keyword matches its inflections: 'vote', 'voted',
    'voters', 'voting' → 'vot'; 'parties' → 'party'; 'winning' → 'win'."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ers", "er", "ed"):
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


@lru_cache(maxsize=256)  # the same few sections are matched against every seed
def _keyword_stems(keywords: tuple[str, ...]) -> frozenset[tuple[tuple[str, ...], bool]]:
    """Each keyword as (words, exact): an all-caps keyword (UN, MP) must match exactly, in
    capitals; any other matches its stems case-insensitively."""
    stems = set()
    for keyword in keywords:
        words = _TOKEN.findall(keyword)
        if words and keyword.isupper():
            stems.add((tuple(words), True))
        elif words:
            stems.add((tuple(stem(w) for w in words), False))
    return frozenset(stems)


def keyword_scores(text: str, sections: Sequence[HasKeywords]) -> list[float]:
    """Per section: each of its keywords (or its name) found adds 1 + log(1 + hits), so a
    story that touches several of a section's keywords beats one that repeats a single word;
    hits in the first LEAD_WORDS words count double."""
    words = _TOKEN.findall(text)
    stems = [stem(w) for w in words]
    counts: dict[tuple[tuple[str, ...], bool], float] = {}
    for exact, sequence in ((True, words), (False, stems)):
        for length in (1, 2, 3):
            for i in range(len(sequence) - length + 1):
                key = (tuple(sequence[i : i + length]), exact)
                counts[key] = counts.get(key, 0.0) + (2.0 if i < LEAD_WORDS else 1.0)
    scores = []
    for section in sections:
        found = (counts.get(k, 0.0) for k in _keyword_stems((*section.keywords, section.name)))
        scores.append(sum(1 + math.log1p(c) for c in found if c))
    return scores


def choose_section(text: str, sections: Sequence[HasKeywords]) -> tuple[HasKeywords, float]:
    """The section whose keywords (and name) the text uses most, with a 0–1 confidence: its
    share of all keyword evidence.

    With no keyword found the first configured section is chosen with confidence 0.
    """
    scores = keyword_scores(text, sections)
    best = max(range(len(sections)), key=lambda i: (scores[i], -i))
    total = sum(scores)
    return sections[best], (scores[best] / total if total else 0.0)
