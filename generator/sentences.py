"""Sentence splitting that survives abbreviations, initials and decimals."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr gov sen rep rev hon inc ltd co
corp plc bros dept univ est approx vs etc no nos fig jan feb mar apr jun jul aug sep
sept oct nov dec mon tue wed thu fri sat sun u.s u.k u.n e.u a.m p.m i.e e.g
""".split()
)
# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by space and a
# capital, digit or opening quote.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        token = last_word.lower().rstrip(".")
        if match.group(1).startswith(".") and (
            token in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token)
        ):
            continue  # "Mr. Smith", "J. Smith", "U.S. officials"
        sentences.append(text[start : match.end(1)].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
