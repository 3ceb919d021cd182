"""Derive a headline and a dek from an article's lead."""

from __future__ import annotations

import re

from .sentences import split_sentences

MAX_HEADLINE = 90
TARGET_HEADLINE = 70
MAX_DEK = 200

TITLE_WORDS = (
    "President|Vice[- ]President|Prime Minister|Minister|Secretary|Chancellor|Leader|"
    "Spokesperson|Spokesman|Spokeswoman|Chairman|Chairwoman|Chair|Chief Executive|Chief|"
    "Director|Governor|Senator|Mayor|King|Queen|Prince|Princess|General|Ambassador|"
    "Commissioner|Premier|Speaker|Councillor|Judge|Coach|Manager|Captain"
)
_CAPITALISED = r"[A-Z][\w'’.-]*"
# "Palestinian Authority President Mahmoud Abbas" → "Mahmoud Abbas": capitalised words ending
# in a title, directly followed by a name of two capitalised words.
_TITLE_BEFORE_NAME = re.compile(
    rf"\b(?:{_CAPITALISED}\s+){{0,4}}(?:{TITLE_WORDS})\s+(?={_CAPITALISED}\s+[A-Z])"
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40}(?:\([^)]{1,30}\))?\s*[-–—]+\s+")
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,60}\)")
_LEADING_PHRASE = re.compile(
    r"^(?:(?:on|in|at|after|before|earlier|later|last|this|yesterday|today|meanwhile|"
    r"however|according to)\b[^,]{0,50},\s*)",
    re.IGNORECASE,
)
_TIME_PHRASE = (
    r"(?:earlier|later)\s+(?:this|last|on)\s+\w+|(?:on|last|this|next|late|early)\s+"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|"
    r"morning|afternoon|evening|night|weekend)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"yesterday|today|tonight|this\s+week"
)
_TRAILING_TIME = re.compile(rf"(?:,?\s+(?:{_TIME_PHRASE}))+\s*[.!]?$", re.IGNORECASE)
# Places where a headline may stop: before a preposition, conjunction or clause.
_CUT_BEFORE = re.compile(
    r",\s|;\s|\s[-–—]\s|\s(?=(?:at|in|on|after|before|during|as|while|which|who|because|"
    r"amid|despite|following|since|until|when|where|but|and|with|for|from|over|under|"
    r"about|against|by|to|of)\s)",
    re.IGNORECASE,
)
_DANGLING = frozenset(
    """
a an the of and or but to in on at for with by from as that which who whom whose his her
its their our your my this these those is are was were be been has have had will would
said says than into onto over under about after before
""".split()
)
_PAIRS = (("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"))


def derive_headline(paragraphs: list[str]) -> tuple[str, float]:
    """A short news headline from the lead, and a 0–1 confidence in it."""
    lead = lead_sentence(paragraphs)
    text = _DATELINE.sub("", lead)
    text = _PARENTHETICAL.sub("", text)
    text = _TITLE_BEFORE_NAME.sub("", text)
    text = _LEADING_PHRASE.sub("", text)
    text = _TRAILING_TIME.sub("", text)
    text = text.rstrip(" .")
    text = text[:1].upper() + text[1:]
    confidence = 0.9 if len(text) <= TARGET_HEADLINE else 0.7
    if len(text) > TARGET_HEADLINE:
        text = _shorten(text)
    return tidy_headline(text), confidence if len(text) <= MAX_HEADLINE else 0.4


def lead_sentence(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if len(sentence.split()) >= 4:
                return sentence
    return paragraphs[0] if paragraphs else ""


def _shorten(text: str) -> str:
    """The longest prefix ending at a phrase boundary, ≤ TARGET (else ≤ MAX) characters."""
    cuts = [m.start() for m in _CUT_BEFORE.finditer(text)]
    for limit in (TARGET_HEADLINE, MAX_HEADLINE):
        fitting = [c for c in cuts if c <= limit and len(text[:c].split()) >= 4]
        if fitting:
            return text[: max(fitting)]
    # No phrase boundary fits: cut at the last word boundary.
    return text[: MAX_HEADLINE + 1].rsplit(" ", 1)[0]


def tidy_headline(text: str) -> str:
    """No dangling last word, no trailing punctuation, balanced quotes and brackets."""
    text = " ".join(text.split())
    while True:
        stripped = text.rstrip(" ,;:–—-.")
        words = stripped.split()
        if len(words) > 3 and words[-1].lower().strip("“”\"'‘’") in _DANGLING:
            text = " ".join(words[:-1])
            continue
        text = stripped
        break
    if len(text) > MAX_HEADLINE:
        text = tidy_headline(text[: MAX_HEADLINE + 1].rsplit(" ", 1)[0])
    return balance(text)


def balance(text: str) -> str:
    """Remove quote marks and brackets that have no partner."""
    for opening, closing in _PAIRS:
        if text.count(opening) != text.count(closing):
            if opening == "‘":  # ’ is also an apostrophe: only drop unpaired openers
                text = text.replace(opening, "")
            else:
                text = text.replace(opening, "").replace(closing, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return " ".join(text.split())


def derive_dek(paragraphs: list[str], headline: str) -> str:
    """The lead sentence or two, ≤ MAX_DEK characters where the lead allows, never the
    headline itself."""
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    same = _comparable(headline)
    sentences = [s for s in sentences if _comparable(s) != same]
    if not sentences:
        return ""
    dek = sentences[0]
    if len(dek) > MAX_DEK * 1.5:
        dek = dek[:MAX_DEK].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
    elif len(sentences) > 1 and len(dek) + 1 + len(sentences[1]) <= MAX_DEK:
        dek = f"{dek} {sentences[1]}"
    return balance(dek) if dek.endswith("…") else dek


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
