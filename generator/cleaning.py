"""Pure text functions: whitespace normalisation and boilerplate removal.

Boilerplate is found two ways: lines repeated across several seeds of a run (a source's
footer, its standing promo), then a scoring rule for calls to action that does not depend on
an exact phrase list.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """One line of clean text: NFC, no control or invisible characters, no line or paragraph
    separators, single spaces. Quotes, dashes and accented letters are kept exactly."""
    # The invisible characters (soft hyphen, zero-width space…) are all format characters
    # (Cf): the second pattern removes them.
    text = unicodedata.normalize("NFC", text)
    text = _HIDDEN.sub("", _BREAKS.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def _category_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes for (control characters and line/paragraph separators: Cc, Zl, Zp)
    and (format, surrogate and private-use characters: Cf, Cs, Co), built from this Python's
    Unicode database: a regular expression is ~5× faster than asking unicodedata.category
    about every character of every paragraph. Only planes 0, 1 and 14 hold such characters
    besides the private-use planes 15 and 16, which are added whole."""
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


_BREAKS, _HIDDEN = _category_patterns()


# A call to action speaks to the reader about the publication, not about the news. Rather
# than match fixed phrases, a line is scored on four kinds of evidence, each worth 1:
#   an imperative aimed at the reader at the start of a sentence or clause ("Sign up", "Tap")
#   the reader addressed ("you", "your") or the publication speaking of itself ("our", "us")
#   what publications sell (newsletter, app, podcast, membership, alerts, a platform…)
#   the urgency of promotion ("now", "today", "here", "for free", "above", "below")
# Two or more with an imperative, three without, make boilerplate. Reported speech and
# attribution ("said", quotes) never are: news quotes people telling others to join or donate.
_IMPERATIVE = re.compile(
    r"(?:^|[.!?:;]\s+|,\s+(?:and\s+)?)(?:please\s+)?(?:subscribe|sign\s+up|register|"
    r"join|follow|like\s+(?:us|our|this)|share|donate|support|download|get|install|click|"
    r"tap|hit|read|watch|listen|stay|keep\s+up|become|upgrade|try|check\s+out|send|help\s+us|find|discover|"
    r"explore|visit|contribute|give|email|enjoy|consider|"
    r"(?:don't|do\s+not|never)\s+(?:miss|forget)|make\s+a)\b(?!-)"
    r"(?!(?-i:\s+[A-Z]\w*\s+[A-Z]))",  # not a title: 'Get Me Out Of Here'
    re.IGNORECASE,
)
# Any verb can open an imperative: a sentence that starts with a capitalised word that is not
# a function word or a plural noun, followed by an object or a particle ("Back it", "Scan the
# code", "Log in", "Save 50%"), reads as one. Alone it is weak evidence ("Rain on Monday…"),
# which is why it only counts towards the score.
_FUNCTION_WORDS = frozenset(
    "a an the this that these those it he she they we i you our his her their its my your "
    "in on at for with by from as after before when while if but and or so yet some many "
    "most all no not more one two three mr mrs ms dr sir lord there here what who how why "
    "where which every each any both such only even also just now then first once later "
    "last next had was were is are did has have".split()
)
_BARE_VERB_START = re.compile(
    r"(?:^|[.!?:]\s+)([A-Z][a-z]+)\s+(?:(?:the|a|an|your|our|us|it|this|these|them|up|in|on|"
    r"out|more|now)\b|\d+%)"
)
# A short question to the reader before the pitch: "Love local news? Back it…"
_HOOK = re.compile(r"^[^.?!\"“]{3,50}\?\s+\S")
# Case matters: 'US' is the country, 'us' the publication.
_ADDRESSED = re.compile(
    r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Oo]ur|us|[Ww]e)\b"
    r"|\b[Tt]his\s+(?:article|story|post|page|video|episode)\b"
)
_WARES = re.compile(
    r"\b(?:newsletters?|subscri\w*|inbox|e-?mails?|alerts?|notif\w*|app|apps|app\s+store|"
    r"podcasts?|episodes?|videos?|members?|membership|premium|ad-free|ads|access|archive|"
    r"briefing|digest|contribution|donat\w*|gift|journalism|newsroom|coverage|crossword|"
    r"tips|updates?|headlines|twitter|facebook|instagram|youtube|tiktok|telegram|whatsapp|"
    r"threads|x|social\s+media|channel|bell|live)\b",
    re.IGNORECASE,
)
_URGENCY = re.compile(
    r"\b(?:now|today|here|free|for\s+more|above|below|straight\s+to|every\s+(?:day|week|"
    r"morning|sunday))\b",
    re.IGNORECASE,
)
_PROMO_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored(?:\s+content)?|promoted|read\s+(?:more|next|also)|"
    r"related(?:\s+(?:stories|articles|coverage))?|also\s+read|see\s+also|recommended|"
    r"more\s+on\s+this\s+story|share\s+this(?:\s+(?:article|story))?|continue\s+reading|"
    r"story\s+continues\s+below|watch|listen)\s*(?:[:.!…»>|-].*)?$",
    re.IGNORECASE,
)
_QUOTED_SPEECH = re.compile(
    r"[\"“”]|\b(?:said|says|told|tells|chanted|shouted|wrote|added|according\s+to|urged|"
    r"asked|warned)\b",
    re.IGNORECASE,
)
MAX_BOILERPLATE_LENGTH = 240
CALL_TO_ACTION = 2  # the score from which a line is boilerplate


def _imperative(text: str) -> bool:
    if _IMPERATIVE.search(text):
        return True
    return any(
        word.lower() not in _FUNCTION_WORDS
        and not word.endswith(("ed", "ing", "ly"))  # past tense, -ing subjects, adverbs
        and not (word.endswith("s") and not word.endswith("ss"))  # plural subjects
        for word in _BARE_VERB_START.findall(text)
    )


def call_to_action_score(text: str) -> int:
    """How many kinds of call-to-action evidence the line holds (see above)."""
    wares = len(set(m.lower() for m in _WARES.findall(text)))
    return (
        _imperative(text)
        + bool(_ADDRESSED.search(text))
        + min(wares, 2)
        + bool(_URGENCY.search(text) or _HOOK.search(text))
    )


def is_boilerplate(line: str, extra: Sequence[re.Pattern[str]] = ()) -> bool:
    """True for promos and calls to action ('Subscribe to our newsletter…', 'Follow us on
    X', 'Advertisement'); false for news, including quoted speech that uses the same verbs
    ('"Join us," the protesters chanted')."""
    text = line.strip()
    if any(pattern.search(text) for pattern in extra):
        return True
    if not text or len(text) > MAX_BOILERPLATE_LENGTH or _QUOTED_SPEECH.search(text):
        return False
    if _PROMO_LINE.match(text):
        return True
    # Without an imperative, it takes more: features speak to "you" too.
    needed = CALL_TO_ACTION if _imperative(text) else CALL_TO_ACTION + 1
    return bool(_ADDRESSED.search(text) or needed == CALL_TO_ACTION) and (
        call_to_action_score(text) >= needed
    )


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


def line_key(line: str) -> str:
    """How lines are compared across seeds: case, spacing and digits do not matter (a footer
    that carries a year or a phone number is still the same footer)."""
    return re.sub(r"\d+", "0", " ".join(line.lower().split()))


def repeated_lines(seeds: Iterable[Sequence[str]], minimum: int = MIN_REPEATS) -> frozenset[str]:
    """Keys of the lines found in at least `minimum` seeds with different leads. Counting
    leads rather than seeds keeps the paragraphs of a story that arrived three times (the
    duplicate check deals with those); a seed's lead itself is never counted."""
    leads: dict[str, set[str]] = defaultdict(set)
    for paragraphs in seeds:
        if len(paragraphs) < 2:
            continue
        lead = line_key(paragraphs[0])
        for paragraph in paragraphs[1:]:
            leads[line_key(paragraph)].add(lead)
    return frozenset(key for key, found in leads.items() if len(found) >= minimum and key)
