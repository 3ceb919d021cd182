"""Pure text functions: whitespace normalisation and boilerplate removal.

Boilerplate is found two ways: lines repeated across several seeds of a run (a source's
footer, its standing promo), then a scored rule for calls to action that does not depend on
an exact phrase list (calls_to_action.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .calls_to_action import is_call_to_action

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ASCII_BREAKS = re.compile(r"[\x00-\x1f\x7f]")  # the ASCII characters of the Cc, Zl, Zp class


def normalise(text: str) -> str:
    """One line of clean text: NFC, no control or invisible characters, no line or paragraph
    separators, single spaces. Quotes, dashes and accented letters are kept exactly."""
    # The invisible characters (soft hyphen, zero-width space…) are all format characters
    # (Cf): the second pattern removes them.
    if text.isascii():
        # ASCII is already NFC and holds no Cf, Cs or Co character: of the two patterns,
        # whose long classes cost ~10 µs a paragraph, only the control characters apply.
        # Once they are spaces, str.split's whitespace is just the space: splitting and
        # joining does what _SPACES and strip() do, in a quarter of the time.
        if not text.isprintable():
            text = _ASCII_BREAKS.sub(" ", text)
        return " ".join(text.split())
    text = unicodedata.normalize("NFC", text)
    breaks, hidden = _category_patterns()
    text = hidden.sub("", breaks.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


@functools.cache
def _category_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes for (control characters and line/paragraph separators: Cc, Zl, Zp)
    and (format, surrogate and private-use characters: Cf, Cs, Co), built from this Python's
    Unicode database: a regular expression is ~5× faster than asking unicodedata.category
    about every character of every paragraph. Only planes 0, 1 and 14 hold such characters
    besides the private-use planes 15 and 16, which are added whole. Built when first
    needed: it takes 70 ms, which a build that ingests nothing need not spend."""
    ranges: dict[bool, list[list[int]]] = {True: [], False: []}
    for code in (*range(0x20000), *range(0xE0000, 0xF0000)):
        category = unicodedata.category(chr(code))
        if category in ("Cc", "Zl", "Zp", "Cf", "Cs", "Co"):
            spans = ranges[category in ("Cc", "Zl", "Zp")]
            if spans and spans[-1][1] == code - 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
    ranges[False] += [[0xF0000, 0xFFFFD], [0x100000, 0x10FFFD]]

    def compiled(spans: list[list[int]]) -> re.Pattern[str]:
        return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in spans) + "]")

    return compiled(ranges[True]), compiled(ranges[False])


MAX_BOILERPLATE_LENGTH = 240  # longer paragraphs are article text, whatever they say


def is_boilerplate(line: str, extra: Sequence[re.Pattern[str]] = ()) -> bool:
    """True for promos and calls to action ('Subscribe to our newsletter…', 'Follow us on
    X', 'Advertisement'), scored by calls_to_action; false for news, including quoted
    speech that uses the same verbs ('"Join us," the protesters chanted')."""
    text = line.strip()
    if any(pattern.search(text) for pattern in extra):
        return True
    return bool(text) and len(text) <= MAX_BOILERPLATE_LENGTH and is_call_to_action(text)


def remove_boilerplate(
    paragraphs: Iterable[str],
    extra: Sequence[re.Pattern[str]] = (),
    repeated: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """Split paragraphs into (kept, removed): removed are the lines repeated across seeds
    (see `repeated_lines`) and calls to action."""
    kept: list[str] = []
    removed: list[str] = []
    for paragraph in paragraphs:
        found = line_key(paragraph) in repeated or is_boilerplate(paragraph, extra)
        (removed if found else kept).append(paragraph)
    return kept, removed


MIN_REPEATS = 3  # a footer is a line seen in this many different stories
_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> str:
    """How lines are compared across seeds: case, spacing and digits do not matter (a footer
    that carries a year or a phone number is still the same footer)."""
    return _DIGITS.sub("0", " ".join(line.lower().split()))


def line_keys(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """What `repeated_lines` counts of one seed: the key of each paragraph, its lead's first.
    A seed of one paragraph has none (its lead is never counted)."""
    return tuple(map(line_key, paragraphs)) if len(paragraphs) >= 2 else ()


def repeated_lines(seeds: Iterable[Sequence[str]], minimum: int = MIN_REPEATS) -> frozenset[str]:
    """Keys of the lines found in at least `minimum` seeds with different leads. Counting
    leads rather than seeds keeps the paragraphs of a story that arrived three times (the
    duplicate check deals with those); a seed's lead itself is never counted."""
    return repeated_keys((line_keys(paragraphs) for paragraphs in seeds), minimum)


def repeated_keys(seeds: Iterable[Sequence[str]], minimum: int = MIN_REPEATS) -> frozenset[str]:
    """`repeated_lines` from each seed's `line_keys`, which a caller may have kept from an
    earlier run instead of reading the seed again."""
    leads: dict[str, set[str]] = defaultdict(set)
    for keys in seeds:
        if len(keys) < 2:
            continue
        lead = keys[0]
        for key in keys[1:]:
            leads[key].add(lead)
    return frozenset(key for key, found in leads.items() if len(found) >= minimum and key)
