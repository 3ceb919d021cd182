"""Derive a headline and a dek from an article's lead.

Several compressions of the lead sentence are generated (cut at phrase boundaries, with
appositives, titles, attributions and time phrases dropped, in headline tense) and the best
is chosen by a scoring rule: length near the target, a verb kept, names kept, nothing that
dangles. Every word of a headline comes from the lead, bar the tense of a verb.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from .dateline import lift_dateline
from .headlinese import IRREGULAR, headline_tense
from .sections import stem
from .sentences import split_sentences

MAX_HEADLINE = 90
TARGET_HEADLINE = 70
IDEAL_HEADLINE = (35, 60)  # characters: short enough to scan, long enough to say something
MAX_DEK = 200

TITLE_WORDS = (
    "President|Vice[- ]President|Prime Minister|Minister|Secretary|Chancellor|Leader|"
    "Spokesperson|Spokesman|Spokeswoman|Chairman|Chairwoman|Chair|Chief Executive|Chief|"
    "Director|Governor|Senator|Mayor|King|Queen|Prince|Princess|General|Ambassador|"
    "Commissioner|Premier|Speaker|Councillor|Judge|Coach|Manager|Captain"
)
# Roles written in lower case before a name: "tennis coach Tony Roche", "boss Steve McClaren".
_ROLES = (
    "boss|coach|manager|chief|chairman|chairwoman|director|executive|spokesman|spokeswoman|"
    "minister|secretary|leader|president|star|singer|actor|actress|host|presenter|striker|"
    "midfielder|defender|winger|centre|captain|player|hurdler|sprinter|champion|veteran|"
    "founder|head|analyst|economist|officer|author|writer|rapper|band|group|firm|giant|"
    "company|maker|producer|comedian|legend|chancellor|governor|mayor|senator|judge"
)
_CAPITALISED = r"[A-Z][\w'’.-]*"
# "Palestinian Authority President Mahmoud Abbas" → "Mahmoud Abbas": capitalised words ending
# in a title, directly followed by a name of two capitalised words.
_TITLE_BEFORE_NAME = re.compile(
    rf"\b(?:{_CAPITALISED}\s+){{0,4}}(?:{TITLE_WORDS})\s+(?={_CAPITALISED}\s+[A-Z])"
)
# "Australian tennis coach Tony Roche" → "Tony Roche", at the start of the sentence only,
# where the words before the name can only be describing it.
_ROLE_BEFORE_NAME = re.compile(
    rf"^(?i:the\s+|a\s+)?(?:[\w'’-]+\s+){{0,3}}(?i:{_ROLES})\s+(?={_CAPITALISED}\s+[A-Z])"
)
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
_ANY_TIME = re.compile(rf"\s+(?:{_TIME_PHRASE})\b(?![’']s)", re.IGNORECASE)
# ", officials said." / ", it has been claimed." / ", according to reports."
_TRAILING_ATTRIBUTION = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,5}?(?:has\s+|have\s+|had\s+)?(?:been\s+)?(?:said|says|claimed|"
    r"claims|reported|reports|warned|warns|revealed|announced|confirmed|told\s+[\w\s]{1,30}|"
    r"claim|say|according\s+to\s+[^,]{1,60})\s*[.!]?$",
    re.IGNORECASE,
)
# ", the Italian dairy company which went bust," after a name: an appositive.
_APPOSITIVE = re.compile(r"(?<=[\w’'])\s*,\s+(?:the|a|an|who|which|whose)\s+[^,]{3,80},\s+")
# Places where a headline may stop: before a preposition, conjunction or clause.
_CUT_BEFORE = re.compile(
    r",\s|;\s|\s[-–—]\s|\s(?=(?:at|in|on|after|before|during|as|while|which|who|because|"
    r"amid|despite|following|since|until|when|where|but|and|with|for|from|over|under|"
    r"about|against|by|to|of|than|that|if|into)\s)",
    re.IGNORECASE,
)
_DANGLING = frozenset(
    """
a an the of and or but to in on at for with by from as that which who whom whose his her
its their our your my this these those is are was were be been has have had will would
said says than into onto over under about after before being can could should may might
more less most least even because although though while if so whether one
""".split()
)
_VERBISH = (
    frozenset(
        "is are was were has have had will would can could may might must should to says said "
        "cut hit set put quit let".split()
    )
    | frozenset(IRREGULAR)
    | frozenset(IRREGULAR.values())
)
# A phrase starting like this can be left out of the middle of a clause.
_ADJUNCT = re.compile(
    r"\s(?:at|in|on|during|amid|despite|following|since|from|over|after|before)\s",
    re.IGNORECASE,
)
_NEEDS_COMPLEMENT = frozenset(
    "have has had having be is are was were been being may might must can could would should "
    "will shall want wants wanted plan plans planned hope hopes hoped going set expected due "
    "likely able allowed believed said claimed told asked urged".split()
)
# Words that carry no news of their own: a headline full of them says little.
_FUNCTION_WORDS = _DANGLING | frozenset("it he she they we there not no more than".split())
CONTENT_WEIGHT = 1.0
SALIENCE_MEAN = 2.0
SALIENCE_SUM = 0.5
_WORD = re.compile(r"[\w’'-]+")
_PAIRS = (("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"))


def derive_headline(paragraphs: list[str]) -> tuple[str, float]:
    """A short news headline from the lead, and a 0–1 confidence in it."""
    core = lead_clause(lead_sentence(paragraphs))
    found = _candidates(core, paragraphs)
    whole = tidy_headline(found[0]) if found else ""
    fitting = [c for c in found if len(c) <= MAX_HEADLINE]
    candidates = {tidy_headline(c) for c in fitting} - {""}
    if not candidates:
        cut = core[: MAX_HEADLINE + 1].rsplit(" ", 1)[0][:MAX_HEADLINE]  # a word may be longer
        return tidy_headline(cut) or "Untitled", 0.1
    weights = salience(paragraphs)
    scores = {c: score_headline(c, core, weights, whole) for c in sorted(candidates)}
    best = max(scores, key=scores.__getitem__)
    return best, _confidence(best == whole, best)


def surname_first(core: str, paragraphs: list[str]) -> str:
    """'Simon Taylor named in squad' → 'Taylor named in squad' when the article itself calls
    him 'Taylor' later: headlines name people by surname."""
    match = re.match(r"([A-Z][a-z]+) ([A-Z][\w'’-]+) (?=[a-z])", core)
    if not match:
        return core
    rest = " ".join(paragraphs)[len(paragraphs[0]) :] if paragraphs else ""
    alone = re.search(rf"(?<!{match.group(1)} )\b{re.escape(match.group(2))}\b", rest)
    return core[len(match.group(1)) + 1 :] if alone else core


def salience(paragraphs: list[str]) -> dict[str, float]:
    """How central each word is to the story: its share of the article's repeated words.
    A headline built from these words is about what the story is about."""
    counts = Counter(
        stem(w) for w in _WORD.findall(" ".join(paragraphs)) if w.lower() not in _FUNCTION_WORDS
    )
    top = max(counts.values(), default=1)
    return {word: count / top for word, count in counts.items() if count > 1}


def lead_sentence(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if len(sentence.split()) >= 4:
                return sentence
    return paragraphs[0] if paragraphs else ""


def lead_clause(lead: str) -> str:
    """The lead without dateline, asides, titles, attribution or time phrases."""
    # Ingest lifts datelines before deriving; a caller passing raw wire copy gets the same.
    text = (lift_dateline([lead])[0] or [""])[0]
    text = _PARENTHETICAL.sub("", text)
    text = _TITLE_BEFORE_NAME.sub("", text)
    text = _ROLE_BEFORE_NAME.sub("", text)
    text = _LEADING_PHRASE.sub("", text)
    text = _TRAILING_TIME.sub("", text)
    text = _TRAILING_ATTRIBUTION.sub("", text)
    text = _APPOSITIVE.sub(" ", text)
    text = _TRAILING_TIME.sub("", text)
    text = _ANY_TIME.sub("", text)
    text = text.strip().rstrip(" .!")
    return text[:1].upper() + text[1:]


def _candidates(core: str, paragraphs: Sequence[str] = ()) -> list[str]:
    """The clause in headline style (first), whole, cut at each phrase boundary, and with one
    adjunct left out of the middle ("X met Y at his home in Z" → "X met Y in Z")."""
    text = surname_first(headline_tense(core), list(paragraphs))
    cuts = [m.start() for m in _CUT_BEFORE.finditer(text) if _may_cut(text, m.start())]
    found = [text, *(text[:cut] for cut in cuts)]
    for start, end in pairwise(cuts):
        after_function_word = text[:start].split()[-1:] in (["and"], ["or"], ["but"], ["of"])
        if _ADJUNCT.match(text, start) and text[end] not in ",;" and not after_function_word:
            found += [text[:start] + text[end:]]
            found += [text[:start] + text[end:later] for later in cuts if later > end]
    return [found[0]] + [c for c in found[1:] if len(c.split()) >= 3]


def _may_cut(text: str, at: int) -> bool:
    """Not between a verb and its complement: "may have | to bail out", "is | to"."""
    before = text[:at].split()[-1:] or [""]
    after = text[at:].split()[:1] or [""]
    needs_more = before[0].lower() in _NEEDS_COMPLEMENT or before[0].endswith(("ing", "ed"))
    return not (needs_more and after[0].lower() in ("to", "that", "than", "of", "for", "by"))


def score_headline(
    candidate: str, core: str, weights: dict[str, float] | None = None, whole: str = ""
) -> float:
    """Higher is better: a length in the ideal range, the whole clause rather than a cut,
    the names of the lead kept."""
    length, (low, high) = len(candidate), IDEAL_HEADLINE
    score = -max(0, low - length) / 15 - max(0, length - high) / 20
    if length > MAX_HEADLINE:
        score -= 10
    if not has_verb(candidate) and has_verb(core):
        score -= 1.0  # "Toulouse's former Irish international Trevor Brennan": no news
    if candidate == (whole or tidy_headline(headline_tense(core))):
        score += 0.3
    elif candidate.endswith(("ing", "ed")):
        score -= 0.5  # a cut after "believed", "wearing": the phrase is unfinished
    names = set(re.findall(r"(?<!^)\b[A-Z][\w’'-]+", core))
    kept = set(re.findall(r"\b[A-Z][\w’'-]+", candidate))
    score += 0.3 * len(names & kept) / len(names) if names else 0.0
    words = re.findall(r"[\w’'%$£€-]+", candidate)
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    score += CONTENT_WEIGHT * len(content) / max(1, len(words))
    if weights:
        found = [weights.get(stem(w), 0.0) for w in words]
        score += SALIENCE_MEAN * sum(found) / max(1, len(words)) + SALIENCE_SUM * sum(found)
    return score


def has_verb(text: str) -> bool:
    """A rough test for a finite verb: an auxiliary, a known verb form, an '-ed' word, or an
    '-s' word right after a capitalised one ('Blair predicts')."""
    words = text.split()
    for before, word in pairwise(words):
        if word in _VERBISH or (word.endswith("ed") and word.islower()):
            return True
        if word.endswith("s") and word.islower() and before[:1].isupper():
            return True
    return False


def _confidence(whole: bool, headline: str) -> float:
    """Surest when the whole lead clause fits; less when it had to be cut."""
    return round(
        0.5 + (0.2 if whole else 0.0) + (0.2 if len(headline) <= TARGET_HEADLINE else 0.0), 2
    )


def tidy_headline(text: str) -> str:
    """No dangling last word, no trailing punctuation, balanced quotes and brackets."""
    text = " ".join(text.split())
    if len(text) > MAX_HEADLINE:
        text = text[: MAX_HEADLINE + 1].rsplit(" ", 1)[0]
    while True:
        # Removing an unpaired quote can expose a dangling word, and the reverse.
        stripped = balance(text).rstrip(" ,;:–—-.")
        words = stripped.split()
        if len(words) > 3 and words[-1].lower().strip("“”\"'‘’") in _DANGLING:
            text = " ".join(words[:-1])
            continue
        return stripped


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
