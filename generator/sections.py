"""The default sections and keyword-based section choice."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from .slugs import slugify

# (name, description, keywords). A keyword matches a whole word or phrase, case-insensitively,
# with an optional plural "s"/"es"; an all-caps keyword (UN, MP) matches only in capitals.
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


@lru_cache(maxsize=256)  # the same few sections are matched against every seed
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
    if not words:
        return None
    parts = [
        rf"\b{re.escape(w)}\b" if w.isupper() else rf"(?i:\b{re.escape(w)}(?:e?s)?\b)"
        for w in words
    ]
    return re.compile("|".join(parts))


def choose_section(text: str, sections: Sequence[HasKeywords]) -> tuple[HasKeywords, float]:
    """The section whose keywords (and name) occur most often, with a 0–1 confidence.

    With no keyword found the first configured section is chosen with confidence 0.
    """
    scores = []
    for section in sections:
        pattern = _keyword_pattern((*section.keywords, section.name))
        scores.append(len(pattern.findall(text)) if pattern else 0)
    best = max(range(len(sections)), key=lambda i: (scores[i], -i))
    total = sum(scores)
    return sections[best], (scores[best] / total if total else 0.0)
