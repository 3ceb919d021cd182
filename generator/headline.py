"""Derive a headline and a dek from an article's lead.

The lead sentence (the next one only when the lead gives nothing sound) is cleaned of
datelines, asides, titles, attributions, appositives and time phrases, rewritten into shorter
clause forms (`clauses.py`: scene-setting phrase, reporting frame or relative clause left
out, a name for its description), put in headline tense and cut at phrase boundaries. A
candidate without a main verb or with an unfinished clause is set aside, and the rest are
scored (`Weights`): length near the target, the whole clause, content words, salience.
Every word of a headline comes from the text, bar the tense of a verb.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .clauses import (
    AUXILIARIES,
    CLAUSE_REPORTING,
    DETERMINERS,
    PREPOSITIONS,
    REPORTING,
    SUBJECT_PRONOUNS,
    TO_NOUNS,
    VERBS,
    acronym_form,
    bare,
    cut_after_modal,
    drop_appositive,
    drop_leading_phrase,
    drop_relative_clause,
    has_main_verb,
    is_verb,
    main_verb,
    main_verb_of,
    name_as_subject,
    reported_speech,
    unfinished,
)
from .compress import DESCRIPTIONS, compressions
from .dateline import lift_dateline
from .headlinese import IRREGULAR, headline_tense
from .sections import stem
from .sentences import split_sentences

MAX_HEADLINE = 90
TARGET_HEADLINE = 70
# Characters: short enough to scan, long enough to say something. Shorter ideals (18–48,
# 25–50) scored a little higher on ROUGE but cut off what the verb needs ("Greenspan gives
# speech"); see docs/quality.md.
IDEAL_HEADLINE = (30, 60)
MAX_DEK = 200
# Longer clauses are not compressed: leaving words out saves a few, rarely a third.
_MAX_COMPRESSIBLE = 120

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
# Not across a verb: "Reporters covering singer Michael Jackson's trial" keeps its subject.
_ROLE_BEFORE_NAME = re.compile(
    rf"^(?i:the\s+|a\s+)?(?:(?![a-z][\w'’-]*(?:ing|ed)\s)[\w'’-]+\s+){{0,3}}(?i:{_ROLES})\s+"
    rf"(?={_CAPITALISED}\s+[A-Z])"
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(?=[A-Z])")
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
    r",\s+(?:[\w'’-]+\s+){0,8}?(?:has\s+|have\s+|had\s+)?(?:been\s+)?(?:said|says|claimed|"
    r"claims|reported|reports|warned|warns|revealed|announced|confirmed|told\s+[\w\s]{1,30}|"
    r"claim|say|suggested|suggests|suggest|insisted|insists|insist|predicted|predicts|"
    r"predict|believes|believe|admitted|admits|argued|argues|argue|stressed|shows|show|"
    r"showed|found|finds|according\s+to\s+[^,]{1,60})\s*[.!]?$",
    re.IGNORECASE,
)
# ", says Tory leader Michael Howard." / ", say the Tories.": the attribution inverted, a
# holder of up to six words (a name, or "the" and a group) after its verb.
_INVERTED_ATTRIBUTION = re.compile(
    r",\s+(says|said|say|claims|claimed|warns|warned|insists|insisted|argues|argued)\s+"
    r"((?:the\s+)?(?:[\w'’-]+\s+){0,4}[A-Z][\w'’-]+)\s*[.!]?$"
)


def _attribution(sentence: str) -> str | None:
    """The sentence's trailing attribution with its holder first ("Tory leader Michael Howard
    says"), inverted or not; None when there is none."""
    found = _TRAILING_ATTRIBUTION.search(sentence)
    if found:
        return found.group().lstrip(", ").rstrip(" .!")
    inverted = _INVERTED_ATTRIBUTION.search(sentence)
    if inverted:
        return f"{inverted.group(2)} {inverted.group(1)}"
    return None


# Places where a headline may stop: before a preposition, conjunction or clause.
_CUT_BEFORE = re.compile(
    r",\s|;\s|\s[-–—]\s|\s(?=(?:at|in|on|after|before|during|as|while|which|who|because|"
    r"amid|despite|following|since|until|when|where|but|and|with|for|from|over|under|"
    r"about|against|by|to|that|if|into)\s)|\s(?=[a-z]{2,}ing\s)"
)
_DANGLING = frozenset(
    """
a an the of and or but to in on at for with by from as that which who whom whose his her
its their our your my this these those is are was were be been has have had will would
said says than into onto over under about after before being can could should may might
more less most least even because although though while if so whether one new
throughout during against between among through across without within amid despite
following since until via per near including such
""".split()
)
# A phrase starting like this can be left out of the middle of a clause.
_ADJUNCT = re.compile(
    r"\s(?:at|in|on|during|amid|despite|following|since|from|over|after|before)\s",
    re.IGNORECASE,
)
_NEEDS_COMPLEMENT = frozenset(
    # Nouns that want their "to" or "of": "makes decision | to …", "has no desire | to …".
    "decision desire attempt attempts effort efforts ability failure refusal willingness "
    "determination intention reluctance time fail fails failed refuse refuses refused "
    "have has had having be is are was were been being may might must can could would should "
    "will shall want wants wanted plan plans planned hope hopes hoped going set expected due "
    "likely able allowed believed said claimed told asked urged here there ready willing bound "
    "poised unlikely keen eager unable "
    # Verbs whose "to" is what they are about: "continue | to face", "try | to buy".
    "continue continues continued begin begins began start starts started try tries tried "
    "seek seeks sought aim aims aimed appear appears appeared seem seems seemed "
    # Nouns that want their "to": "getting a chance | to take part".
    "chance chances opportunity right power permission "
    # Adjectives that want their "to": "DVDs will be harder | to copy".
    "hard harder easy easier difficult tough tougher possible impossible".split()
)
# Nouns whose "in" says what they measure or hold: "a 7.5% rise | in exports", "a 26% stake |
# in X", "a role | in the film"; cut off, the noun says nothing.
_IN_NOUNS = frozenset(
    "rise rises increase increases fall falls drop drops jump cut cuts growth decline slump "
    "surge slowdown stake stakes interest investment role lead part share shares confidence "
    "trust".split()
)
# Nouns whose "that" clause is what they are: "following allegations | that X did Y".
_THAT_NOUNS = frozenset(
    "allegation allegations claim claims suggestion suggestions fear fears concern concerns "
    "speculation evidence warning warnings hope hopes rumour rumours report reports news "
    "belief fact view idea sign signs".split()
)
# Nouns of a contest, whose "against" names the other side: "home tie | against United".
_CONTESTS = frozenset(
    "tie match game clash fixture final semi-final showdown battle fight war".split()
)
# Verbs whose preposition introduces what they need: "will have to wait | for X", "fails |
# in an attempt to", "calls | for a ban". Cut there, the verb stands for nothing.
_PREPOSITIONAL: dict[str, frozenset[str]] = {
    verb: frozenset(prepositions.split())
    for prepositions, verbs in (
        (
            "for",
            "wait waits waited waiting account accounts "
            "accounted apply applies applied push pushes pushed pushing",
        ),
        ("in", "fail fails failed succeed succeeds succeeded result results resulted"),
        (
            "on",
            "depend depends depended rely relies relied insist insists insisted focus "
            "focuses focused",
        ),
        (
            # "calls for a ban", "calls on the government to …": either is what it needs.
            "for on",
            "call calls called calling",
        ),
    )
    for verb in verbs.split()
}
# Verbs of being or appearing somewhere: cut before where, they say nothing ("contestants
# remain | in the show", "appear | before a tribunal").
_BEING_SOMEWHERE = frozenset(
    "remain remains remained stay stays stayed appear appears appeared live lives lived sit "
    "sits sat lie lies lay".split()
)
_WHERE = frozenset("in at on before under inside outside behind".split())
# Nouns whose "to" says what they are for: "a fresh approach | to buy X", "a bid | to".
_WANTS_TO = TO_NOUNS | frozenset("approach approaches step steps".split())
# After "and", these start a second clause, which a headline can do without.
_CLAUSE_STARTS = frozenset(
    "the a an his her its their he she it they we is are was were has have had will would "
    "could can may might must should also then now".split()
)
# Ending a headline after a verb, these are particles, not prepositions missing an object.
_PARTICLES = frozenset("over up down out off back away".split())
# After a phrase left out, these would hang from its noun: "(during a statement) by X".
_ATTACHES = frozenset("of by to for with from into over under about against than".split())
_RELATIVES = frozenset("that which who whom whose".split())
_OPENS_CLAUSE = frozenset("where which who whom whose whereas because although unless".split())
# "the first woman to …", "the third firm to …": a rank whose "to" cannot be cut off.
_ORDINALS = frozenset(
    "first second third fourth fifth sixth last latest only next biggest largest highest "
    "lowest".split()
)
# '-ing' words that are mostly adjectives: "the third leading firm", "the reigning champion".
_ING_ADJECTIVES = frozenset(
    "leading growing rising falling remaining existing increasing ongoing outgoing incoming "
    "upcoming booming struggling ailing emerging competing reigning defending visiting touring "
    "ruling governing opposing sitting serving retiring departing winning losing missing "
    "long-running record-breaking".split()
)
# Verbs that put something somewhere: the place is part of the news.
# Verbs that put something somewhere or leave it in a state: where, or how, is the news
# ("takes X | to court", "leaves rates | on hold", "keeps X | in the squad").
_PLACES = frozenset(
    "put puts place places placed send sends sent take takes took bring brings brought "
    "leave leaves left keep keeps kept spend spends spent".split()
)
# Verbs that ask someone to do something: the "to" clause is the request.
_ASKS = frozenset(
    "ask asks asked urge urges urged invite invites invited want wants wanted allow allows "
    "allowed force forces forced persuade persuades persuaded challenge challenges challenged "
    "encourage encourages encouraged order orders ordered tell tells told call calls called "
    "help helps helped asking urging inviting wanting allowing forcing persuading challenging "
    "encouraging ordering telling calling helping warn warns warned advise advises advised "
    # … and those that choose someone for a task: "names a lifetime employee | to run it".
    "name names naming appoint appoints appointed appointing hire hires hired hiring choose "
    "chooses chose picks picked select selects selected".split()
)
# Words whose "of" cannot be cut off: "one of the firms", "thousands of jobs".
_QUANTIFIERS = frozenset(
    "one two three some many most all each any none part number lot couple series range group "
    "half third quarter majority rest share hundreds thousands millions dozens tens scores "
    "kind sort type".split()
)
# Words that carry no news of their own: a headline full of them says little.
_FUNCTION_WORDS = _DANGLING | frozenset("it he she they we there not no more than".split())
_WORD = re.compile(r"[\w’'-]+")
# Stemming every word of every story is the bulk of the work; words repeat across stories.
_stem = lru_cache(maxsize=1 << 16)(stem)
_PAIRS = (("“", "”"), ("‘", "’"), ("(", ")"), ("[", "]"))


_OBJECT_PRONOUN = re.compile(r"\b(?:them|him|they|he|she)\b")
# "Listen to the full interview …", "Click here to …": a call to action, never a headline.
_CALL_TO_ACTION = re.compile(
    r"^(?:Listen|Click|Read|Watch|Subscribe|Follow|Sign|Download|Visit|Email|Send|Share|Join|"
    r"See|Find|Register|Log|Contact|Tap|Swipe)\s+(?:to|the|our|us|here|up|in|on|more|this|now|"
    r"a|an|your|for|at)\b"
)


@dataclass(frozen=True)
class Weights:
    """How much each feature of a candidate counts; see `score_headline`."""

    ideal_low: int = IDEAL_HEADLINE[0]
    ideal_high: int = IDEAL_HEADLINE[1]
    short: float = 1 / 15  # per character under the ideal length
    long: float = 1 / 20  # per character over it
    whole: float = 0.3  # the whole clause, uncut
    second_sentence: float = 4.0
    rewrite: float = 0.1  # per clause rewrite (frame, relative clause, scene-setting dropped)
    broken: float = 10.0  # no main verb, or an unfinished clause: only when all are
    participle_end: float = 0.5
    unheld: float = 1.0  # an opinion without the one who holds it reads as fact
    thin: float = 1.0  # a cut that leaves the verb's object without what it is about
    pronoun_start: float = 2.0
    content: float = 1.5
    light: float = 0.0  # function words left out
    heavy: float = 0.0  # descriptions left out too
    salience_mean: float = 6.0
    salience_sum: float = 0.375


WEIGHTS = Weights()


@dataclass(frozen=True)
class Candidate:
    """A possible headline and what the scorer needs to know about how it was made."""

    text: str
    sentence: int  # 0 for the lead sentence
    rewrites: int
    whole: bool
    broken: bool
    compressed: int = 0  # 1: function words left out, 2: descriptions too (`compress.py`)
    unheld: bool = False  # an opinion or a claim whose holder was left out
    thin: bool = False  # cut off after a bare object, before its phrase (`thin_object`)


def derive_headline(paragraphs: list[str]) -> tuple[str, float]:
    """A short news headline from the lead, and a 0–1 confidence in it."""
    pool = candidate_pool(paragraphs)
    if not pool:
        sources = source_sentences(paragraphs)
        core = lead_clause(sources[0]) if sources else ""
        cut = core[: MAX_HEADLINE + 1].rsplit(" ", 1)[0][:MAX_HEADLINE]  # a word may be longer
        return tidy_headline(cut) or "Untitled", 0.1
    weights = salience(paragraphs)
    best = max(pool, key=lambda c: (score_headline(c, weights), c.text))
    return best.text, _confidence(best.whole and best.sentence == 0, best.text)


def candidate_pool(paragraphs: list[str]) -> list[Candidate]:
    """Every candidate headline, each once (with the cheapest way it was made)."""
    pool: dict[str, Candidate] = {}
    for rank, sentence in enumerate(source_sentences(paragraphs)):
        if any(not c.broken for c in pool.values()):
            break  # the lead gave a sound headline: the second sentence would not win
        for clause, rewrites, unheld, frame in clause_forms(sentence, " ".join(paragraphs)):
            found = _candidates(clause, paragraphs)
            verb_end = _main_verb_end(found[0]) if found else 0
            # "Watchdog says cap on donations (should not be introduced)": a cut of a form
            # with its holder in front must keep the report's own main verb.
            held = len(surnames(frame, paragraphs).split()) if frame else 0
            verb_at = main_verb_of(found[0], complete=True) if found else None
            for n, text in enumerate(found):
                # A clause a little too long may still fit once compressed: "Irish publishing
                # group X buying up 26% stake in Indian newspaper company Y" → "X buying up 26%
                # stake in …". Only its compressed forms are candidates.
                long = len(text) > MAX_HEADLINE
                if len(text) > _MAX_COMPRESSIBLE:
                    continue
                tidy = tidy_headline(text, limit=len(text))
                if not tidy:
                    continue
                forms = [tidy, *compressions(tidy)]
                if long and all(len(form) > MAX_HEADLINE for form in forms):
                    continue  # (before the clause tests: most long clauses do not fit)
                # A cut before the clause's main verb leaves a subject: "Details of the chip
                # designed to power X" (… will be released).
                early = len(text) < verb_end and found[0].startswith(text)
                cut = n > 0 and found[0].startswith(text)
                broken = early or _broken(text, tidy)
                broken = broken or (cut and _cuts_report(found[0], tidy))
                # (Not when the cut ends on the whole clause's own verb: "Moves to lift the
                # ban condemned | by rights groups".)
                at_verb = cut and len(text) == verb_end
                broken = broken or (n > 0 and not at_verb and _ends_on_participle(tidy))
                # An '-ing' after the subject is read as a headline's progressive only when
                # no verb follows it; a cut can take that verb away ("Union representing
                # 5,200 flight attendants" | "at X agree …"): then the '-ing' describes the
                # subject, and the cut has no verb.
                verb = main_verb_of(tidy)
                progressive = verb is not None and tidy.split()[verb].endswith("ing")
                broken = broken or (cut and progressive and verb != verb_at)
                broken = broken or (cut and held and _cuts_held_report(found[0], tidy, held))
                broken = broken or (n > 0 and cut_after_modal(tidy))
                # "… by 1.5% in January, figure (which bodes well …)", "… 6%, driven down (by
                # forecasts)": a phrase after a comma cut off after a word or two.
                broken = broken or (cut and _stub(tidy))
                for level, form in enumerate(forms):
                    if long and (not level or len(form) > MAX_HEADLINE):
                        continue
                    if level and tidy_headline(form) != form:
                        continue  # tidying would cut a word the form still needs
                    thin = cut and thin_object(found[0], tidy)
                    candidate = Candidate(form, rank, rewrites, n == 0, broken, level, unheld, thin)
                    known = pool.get(form)
                    if known is None or _cost(candidate) < _cost(known):
                        pool[form] = candidate
    return sorted(pool.values(), key=lambda c: c.text)


# Prepositions that say what a bare object is about: "relax restrictions | on foreign
# ownership", "planning a relationship | with the LTA", "charge suppliers | with fraud".
_ABOUT = frozenset("on with to for about over against into".split())


def _stub(text: str) -> bool:
    """A phrase after a comma or a dash cut off after a word or two: '…, figure', '…
    "robotiquette" - how'."""
    tail = re.split(r", | [-–—] ", text)
    return len(tail) > 1 and 0 < len(tail[-1].split()) <= 2


def thin_object(whole: str, cut: str) -> bool:
    """A cut right after the main verb's object, when that object is one to three common
    words and the phrase cut off says what it is about: 'Central bank to relax restrictions'
    (on foreign ownership). A name or a figure in the object says enough on its own ('Bath
    sign Williams', 'Shares fall 6%')."""
    words, rest = cut.split(), whole.split()[len(cut.split()) :]
    verb = main_verb_of(cut)
    if verb is None or not rest or bare(rest[0]).lower() not in _ABOUT:
        return False
    if whole.split()[len(words) - 1].endswith(","):
        return False  # "… avid blog readers, with 32 million …": not the object's phrase
    obj = [bare(w) for w in words[verb + 1 :]]
    if bare(words[verb]).lower() in ("to", *AUXILIARIES) and obj:
        obj = obj[1:]  # "to relax restrictions": the verb after the headline's "to"
    return (
        0 < len(obj) <= 3
        and all(w.islower() and not w[:1].isdigit() for w in obj)
        and not any(w in PREPOSITIONS for w in obj)
    )


def _cuts_held_report(whole: str, cut: str, held: int) -> bool:
    """A cut of 'Holder says REPORT' that leaves the report before its main verb or
    unfinished: the report is judged as if it stood alone."""
    report, kept = " ".join(whole.split()[held:]), " ".join(cut.split()[held:])
    if not kept:
        return True
    return len(kept) < _main_verb_end(report) or _broken(kept, kept)


def _cost(candidate: Candidate) -> tuple[int, int, int, int, int, int]:
    c = candidate
    return (c.broken, c.unheld, c.sentence, c.rewrites, not c.whole, c.compressed)


def source_sentences(paragraphs: list[str]) -> list[str]:
    """The lead sentence and the one after it: a lead that only sets the scene often leaves
    the news to the second."""
    found = []
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph):
            if (
                len(sentence.split()) >= 4
                and not sentence.rstrip().endswith("?")
                and not _CALL_TO_ACTION.match(sentence)
            ):
                found.append(sentence)
                if len(found) == 2:
                    return found
    return found or [paragraphs[0] if paragraphs else ""]


def clause_forms(sentence: str, text: str = "") -> list[tuple[str, int, bool, str]]:
    """The lead clause of a sentence and its shorter rewrites, each with a small cost: the
    leading scene-setting phrase dropped, the report without its reporting frame, the subject
    without its relative clause, a name in the short form the text gives it. Each says
    whether it is an opinion or a claim whose holder it left out (see `unheld`): a trailing
    attribution gives the form with its holder in front ("X should go, Y has said" → "Y
    says X should go"), and then also the frame ("Y says") that stands before it. `text`,
    the story, tells whether the clause's first word is a name."""
    lead = lead_clause(sentence)
    held = holder_form(sentence, lead, text)
    forms = [(lead, 0, held is not None and is_opinion(lead, sentence), "")]
    if held:
        forms.append((held[0] + " " + held[1], 1, False, held[0]))
    short = acronym_form(sentence)
    if short:
        forms.append((lead_clause(short), 0, forms[0][2], ""))
    for clause, _, unheld, frame in list(forms):
        if frame:
            continue
        for rewrite in (drop_leading_phrase, reported_speech):
            found = rewrite(clause)
            if found:
                # (Not "There is a prospect that X could …": no one held it; nor "Lomu says he
                # cannot wait …" → "Lomu cannot wait …": the speaker is the subject.)
                speaker = (
                    rewrite is reported_speech
                    and not clause.startswith("There ")
                    and not _speaker_kept(clause, found)
                )
                forms.append((found, 1, unheld or (speaker and is_opinion(found, clause)), ""))
    for clause, cost, unheld, frame in list(forms):
        found = None if frame else name_as_subject(clause)
        if found:
            forms.append((found, cost + 1, unheld, ""))
    for clause, cost, unheld, frame in list(forms):
        found = None if frame else drop_relative_clause(clause)
        if found:
            forms.append((found, cost + 1, unheld, ""))
    seen: set[str] = set()
    return [f for f in forms if f[0] and not (f[0] in seen or seen.add(f[0]))]


def _speaker_kept(clause: str, report: str) -> bool:
    """Whether the report starts with the speaker's name: 'Lomu says he cannot wait' →
    'Lomu cannot wait'."""
    words = clause.split()
    verb = next((i for i, w in enumerate(words) if bare(w) in REPORTING), len(words))
    first = bare(report.split()[0])
    return first[:1].isupper() and first in {bare(w) for w in words[:verb]}


# Words of a clause that make it someone's view rather than a fact: what should or could be,
# what is needed, what is likely.
_OPINION_WORDS = frozenset(
    "should must could would may might can cannot can't ought need needs needed likely "
    "unlikely".split()
)
# Attributions that make what they follow a claim: "X was involved, a witness told the court".
_CLAIMS = re.compile(
    r"\b(?:claim|claims|claimed|alleged|alleges|allege|believes?|believed|thinks?|thought|"
    r"fears?|feared|predicts?|predicted|suggests?|suggested|argues?|argued|insists?|insisted|"
    r"warns?|warned|told\s+(?:\w+\s+)?(?:court|jury|jurors|trial|tribunal|inquiry|hearing))\b",
    re.IGNORECASE,
)


def is_opinion(clause: str, source: str) -> bool:
    """Whether a clause is a view or a claim that needs its holder: a modal, a need or a
    likelihood ("BBC should steer away from …"), words in quotation marks ("were 'robbed'"),
    or a source that attributes it as a claim or a belief."""
    words = {bare(w).lower() for w in clause.split()}
    if words & _OPINION_WORDS or any(q in clause for q in '"“‘'):
        return True
    attribution = _attribution(source.rstrip())
    return bool(attribution and _CLAIMS.search(attribution))


# A holder that names no one: "it has been announced", "reports say".
_NO_HOLDER = frozenset("it reports report there".split())


_OWNERS = frozenset("his her its their our my your".split())
_ROLE_WORDS = frozenset(_ROLES.split("|")) | DESCRIPTIONS


def _name_for_role(attribution: str) -> str:
    """'film-maker George Lucas has said' → 'George Lucas has said': a name after the role
    or description that only says what the person is."""
    words = attribution.split()
    for i, word in enumerate(words[:5]):
        parts = set(bare(word).lower().split("-")) | {bare(word).lower()}
        named = i + 2 < len(words) and words[i + 1][:1].isupper() and words[i + 2][:1].isupper()
        if parts & _ROLE_WORDS and named:
            return " ".join(words[i + 1 :])
    return attribution


def holder_form(sentence: str, lead: str, text: str = "") -> tuple[str, str] | None:
    """'Voters distrust Blair, Charles Kennedy has said' → 'Charles Kennedy says voters
    distrust Blair': the trailing attribution's holder and verb before the clause, in
    headline tense: the frame and the clause. None when the sentence has no such
    attribution, or it names no one or no verb ("according to reports", "say two reports"),
    or no one alone ("Work and Alan Johnson")."""
    clean = _TITLE_BEFORE_NAME.sub("", _HONORIFIC.sub("", _PARENTHETICAL.sub("", sentence)))
    attribution = _attribution(_TRAILING_TIME.sub("", clean.strip().rstrip(" .!")))
    if not attribution or not lead:
        return None
    words = attribution.split()
    first = bare(words[0]).lower()
    if (
        re.match(r"(?i)according\b", attribution)
        or first in _NO_HOLDER | _OWNERS  # ("his spokesman says": whose?)
        or first in REPORTING
        or "and" in words
    ):
        return None
    holder = _ROLE_BEFORE_NAME.sub("", _name_for_role(attribution))
    return _frame_tense(holder[:1].upper() + holder[1:]), _sentence_case(lead, text)


def _frame_tense(holder: str) -> str:
    """'The poll conducted for the BBC has suggested' → 'Poll conducted for the BBC
    suggests': only the reporting verb group is put in headline tense, with the holder's
    head noun for its number; the rest of the holder keeps its words."""
    words = re.sub(r"^(?:The|A|An)\s+(?=\S)", "", holder).split()
    verb = next(
        (i for i, w in enumerate(words) if i and (w in ("has", "have", "had") or w in REPORTING)),
        None,
    )
    if verb is None:
        return headline_tense(holder)
    tensed = headline_tense(" ".join([words[verb - 1].lower(), *words[verb:]]))
    frame = " ".join([*words[: verb - 1], words[verb - 1], *tensed.split()[1:]])
    return frame[:1].upper() + frame[1:]


def _sentence_case(clause: str, text: str) -> str:
    """The clause with its first word in lower case when it is a common word: a function or
    number word, an adverb in '-ly', or a word the story also writes in lower case and never
    with a capital inside a sentence. Anything else may be a name and keeps its capital
    ("Tony Blair", "Labour", "Asia")."""
    words = clause.split()
    word = bare(words[0])
    lowered = word.lower()
    if not word.istitle():
        return clause  # "BBC", "iPod"
    common = (
        lowered in _FUNCTION_WORDS
        or lowered in DETERMINERS
        or lowered in _NUMBER_WORDS
        or (lowered.endswith("ly") and len(lowered) > 4)
    )
    if not common and not (len(words) > 1 and words[1][:1].isupper()):
        inside = re.search(rf"(?<=[\w,;:’'\"”] ){re.escape(word)}\b", text)
        common = not inside and re.search(rf"\b{re.escape(lowered)}\b", text) is not None
    return clause[:1].lower() + clause[1:] if common else clause


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundreds thousands millions billions dozens many several few some most half "
    "nearly almost about around anyone everyone someone nobody people".split()
)


def _main_verb_end(text: str) -> int:
    words = text.split()
    verb = main_verb_of(text, complete=True)
    return len(" ".join(words[: verb + 1])) if verb is not None else 0


def _broken(text: str, tidy: str) -> bool:
    """No main verb, a clause left unfinished, or tidying had to strip an auxiliary."""
    stripped = text.split()[len(tidy.split()) :]
    words = tidy.split()
    last = bare(words[-1]).lower()
    dangling = last in _DANGLING and not (
        last in _PARTICLES and len(words) > 1 and _takes_particle(words, len(words) - 2)
    )
    return (
        dangling  # "Johnson undecided about": too short for tidying to take it off
        or bare(words[0]).lower() in _OPENS_CLAUSE  # "Where stocks are low": a fragment
        or not has_main_verb(tidy)
        or unfinished(tidy)
        or _reports_nothing(tidy)
        or any(bare(w).lower() in AUXILIARIES for w in stripped)
    )


_CLAUSE_BREAKS = frozenset("and but or as after before when while because since if".split())


def _cuts_report(whole: str, cut: str) -> bool:
    """'Bortolami believes Six Nations contest (against Scotland will be scrappy)': a cut
    inside what a verb of belief or saying reports, before that clause's own verb."""
    words, kept = whole.split(), len(cut.split())
    verb = main_verb_of(cut)
    if verb is None or bare(words[verb]) not in CLAUSE_REPORTING:
        return False
    for j in range(verb + 1, len(words)):
        if words[j - 1].endswith(",") or bare(words[j]).lower() in _CLAUSE_BREAKS:
            return False  # the report ended before its verb: a phrase, not a clause
        if j < kept and bare(words[j]).lower() in AUXILIARIES:
            return False  # the report's verb was kept ("… plan will fail")
        infinitive = bare(words[j]).lower() == "to" and j + 1 < kept
        if infinitive and j <= verb + 4 and bare(words[verb]).lower() in _ASKS:
            return False  # "warns users to update X": a request, whose verb was kept
        if j >= kept and is_verb(words, j):
            return True  # (before the cut, only an auxiliary is sure to be a verb)
    return False


_PASSIVE_HELPERS = AUXILIARIES | frozenset("be been being get gets got to".split())


def _ends_on_participle(text: str) -> bool:
    """'Berlusconi to unveil plans aimed', 'UK has 529 quangos financed': a cut after a
    participle that describes a noun, whose own phrase was cut off."""
    words = text.split()
    last = bare(words[-1])
    if not (last.islower() and ((last.endswith("ed") and len(last) > 4) or last in IRREGULAR)):
        return False
    before = bare(words[-2]).lower() if len(words) > 1 else ""
    return (
        main_verb_of(text) not in (len(words) - 1, len(words) - 2)
        and before not in _PASSIVE_HELPERS
    )


def _reports_nothing(text: str) -> bool:
    """'Musharraf says during visit to Britain': a reporting verb whose report was cut off,
    only a phrase of time or place left after it."""
    words = text.split()
    verb = main_verb_of(text)
    if verb is None or verb + 1 >= len(words) or bare(words[verb]) not in REPORTING:
        return False
    rest = range(verb + 2, len(words))
    report = any(bare(words[j]).lower() == "that" or is_verb(words, j) for j in rest)
    after = bare(words[verb + 1]).lower()
    # ("Bell added to squad", "told by police": a participle's own phrase, not a report.)
    return after in PREPOSITIONS - {"to", "by"} and not report


_FULL_NAME = re.compile(
    r"(?<![A-Z][\w'’-]\s)(?<![A-Z][\w'’-]{2}\s)(?<![\w'’-])"
    r"\b([A-Z][a-z]+) ([A-Z][\w'’-]+)\b(?! [A-Z])"
)


# Last words of names of places, organisations and events, which are not surnames.
_PLACE_WORDS = frozenset(
    "Park Road Street Square Avenue Lane Bridge Stadium Arena Hall House Palace Centre "
    "Center Airport Station Open Cup League Championship Games Party Bank Office Court "
    "Council Group Union Association Committee Commission Times News Post Press Island "
    "City Town County Valley River Lake Mountain Bay Marathon Prix Trophy Festival Awards".split()
)

# First words of names of places: "Northern Ireland", "New York", "San Jose".
_PLACE_STARTS = frozenset(
    "North Northern South Southern East Eastern West Western Central Upper Lower New Old Great "
    "Greater United Royal National Saint St San Santa Los Las La Le El Port Fort Mount Lake "
    "Cape".split()
)


def surnames(text: str, paragraphs: list[str]) -> str:
    """'Simon Taylor named in squad' → 'Taylor named in squad' when the article itself calls
    him 'Taylor' later: headlines name people by surname."""
    rest = " ".join(paragraphs[1:])

    def surname(match: re.Match[str]) -> str:
        first, last = match.groups()
        words, key = _words_of(rest), _POSSESSIVE.sub("", last)
        before = (match.string[: match.start()].split() or [""])[-1]
        if (
            before[:1].isupper()  # "Jose Antonio Reyes": part of a longer name
            or last in _PLACE_WORDS
            or first in _PLACE_STARTS
            or first.endswith(("ish", "ian", "ese", "ean"))  # "Irish Lions", "Korean Air"
            or key.lower() in words
            or key not in words
        ):
            return match.group()  # "Selhurst Park", "Dubai Open": a place or an event
        # Alone, and never as "the Portable": a person is not named with an article.
        alone = rest.count(last) > rest.count(f"{first} {last}")
        with_article = re.search(rf"\b[Tt]he {re.escape(last)}\b", rest)
        return last if alone and not with_article else match.group()

    return _FULL_NAME.sub(surname, text) if rest else text


_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?!\w)")


@lru_cache(maxsize=64)
def _words_of(text: str) -> frozenset[str]:
    """The words of a text, remembered: each of a story's clause forms asks again."""
    return frozenset(_WORD.findall(_POSSESSIVE.sub("", text)))  # "Blair's" → "Blair"


def salience(paragraphs: list[str]) -> Counter[str]:
    """How often the story mentions each content word (by stem). A headline built from the
    words it repeats is about what the story is about."""
    mentions: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(" ".join(paragraphs).lower())).items():
        if word not in _FUNCTION_WORDS:
            mentions[_stem(word)] += count  # (stem lower-cases anyway)
    return mentions


def lead_clause(lead: str) -> str:
    """The lead without dateline, asides, titles, attribution or time phrases."""
    # Ingest lifts datelines before deriving; a caller passing raw wire copy gets the same.
    text = (lift_dateline([lead])[0] or [""])[0]
    text = _PARENTHETICAL.sub("", text)
    text = _TITLE_BEFORE_NAME.sub("", text)
    text = _HONORIFIC.sub("", text)
    text = _ROLE_BEFORE_NAME.sub("", text)
    text = _LEADING_PHRASE.sub("", text)
    text = _TRAILING_TIME.sub("", text)
    text = _TRAILING_ATTRIBUTION.sub("", text)
    text = _INVERTED_ATTRIBUTION.sub("", text)
    text = drop_appositive(text) or text
    text = _TRAILING_TIME.sub("", text)
    text = _ANY_TIME.sub("", text)
    text = text.strip().rstrip(" .!")
    return text[:1].upper() + text[1:]


def _candidates(core: str, paragraphs: Sequence[str] = ()) -> list[str]:
    """The clause in headline style (first), whole, cut at each phrase boundary, and with one
    adjunct left out of the middle ("X met Y at his home in Z" → "X met Y in Z")."""
    text = surnames(headline_tense(core), list(paragraphs))
    cuts = [m.start() for m in _CUT_BEFORE.finditer(text) if _may_cut(text, m.start())]
    found = [text, *(text[:cut] for cut in cuts)]
    for start, end in pairwise(cuts):
        after_function_word = text[:start].split()[-1:] in (["and"], ["or"], ["but"], ["of"])
        # Not "opens (at the top) of the chart" nor "was (in London) for the premiere":
        # the next phrase may belong to the one left out, or the verb needs its complement.
        next_word = text[end:].split()[:1]
        head = text[:start].split()
        # "named (in Scotland's) squad", "was (in London)": a verb's own complement.
        after_be = bool(head) and (is_verb(head, len(head) - 1) or head[-1] == "be")
        # What follows may only be another adjunct of the verb, or the end of the clause.
        attached = bool(next_word) and (
            next_word[0].lower() in _ATTACHES or next_word[0].lower() in _RELATIVES
        )
        left_out = text[start:end].split()
        has_clause = any(bare(w).lower() in {"and", "but"} for w in left_out) or any(
            is_verb(left_out, i) for i in range(1, len(left_out))
        )
        # "calling (on the government to stem job losses) in …": an infinitive is a clause of
        # its own, and "calling on" the verb's own preposition.
        has_clause = has_clause or any(
            bare(w).lower() == "to" and _infinitive(left_out[i + 1 : i + 3])
            for i, w in enumerate(left_out)
        )
        needs = _PREPOSITIONAL.get(bare(head[-1]).lower(), frozenset()) if head else frozenset()
        own = left_out[0].lower() in needs
        attached = attached or after_be or has_clause or own
        # What is left after the phrase must be a phrase of its own, not the rest of the
        # one left out: "fall 15% (in renewed) trading in Beirut".
        own_phrase = bool(next_word) and bare(next_word[0]).lower() in PREPOSITIONS
        if (
            own_phrase
            and _ADJUNCT.match(text, start)
            and text[end] not in ",;"
            and not after_function_word
            and not attached
        ):
            found += [text[:start] + text[end:]]
            found += [text[:start] + text[end:later] for later in cuts if later > end]
    return [found[0]] + [c for c in found[1:] if len(c.split()) >= 3]


_NO_PARTICIPLE_AFTER = _NEEDS_COMPLEMENT | AUXILIARIES | _DANGLING | _ORDINALS


def _may_cut(text: str, at: int) -> bool:
    """Not between a verb and its complement ("may have | to bail out", "is | to"), not
    after a word that needs its "of" ("one | of the", "thousands | of"), not inside quotes
    (the quote would lose its partner: '"hundreds | of millions"')."""
    left, right = text[:at].split(), text[at:].split()  # the words each side of the cut
    before, after = left[-1:] or [""], right[:1] or [""]
    needs_more = before[0].lower() in _NEEDS_COMPLEMENT or before[0].endswith(("ing", "ed"))
    in_phrase = len(left) > 1 and left[-2] in PREPOSITIONS
    if after[0].endswith("ing") and in_phrase and before[0].islower():
        return False  # "save £35bn in government | spending": a compound, not a participle
    if text[at] == " " and _ing_noun(bare(after[0]).lower()):
        return False  # "unseat | string of Tories": not a participle's phrase
    if text[at] == "," and before[0][:1].isupper() and _LIST_OF_NAMES.match(text, at):
        return False  # "Sony, | Philips, Matsushita and Samsung": inside a list of names
    ahead = [bare(w).lower() for w in right[1:3]]
    if after[0].lower() == "at" and any(w.endswith("est") and len(w) > 4 for w in ahead):
        return False  # "grew | at its slowest pace": the pace is the news
    too = before[0].lower() == "enough" or "too" in (w.lower() for w in left[-3:])
    if too and after[0].lower() == "to":
        return False  # "far too canny | to make claims": the "to" completes the "too"
    if (
        after[0].endswith("ing")
        and after[0].lower() not in PREPOSITIONS
        and (
            before[0].lower() in _NO_PARTICIPLE_AFTER
            or not before[0].isalpha()
            or after[0].lower() in _ING_ADJECTIVES
            or is_verb(left, len(left) - 1)
        )
    ):
        return False  # "is | becoming", "the third | leading firm": not a participle's phrase
    if needs_more and after[0].lower() in ("to", "that", "of", "for"):
        return False
    pairs = (
        ("away", "from"),
        ("thanks", "to"),
        ("up", "for"),
        ("forward", "to"),
        ("up", "to"),
        ("down", "on"),
        ("back", "to"),
        ("up", "with"),
        ("out", "on"),
    )
    if (before[0].lower(), after[0].lower()) in pairs:
        # "steer away | from X", "is not up | for talks", "looks forward | to", "write off up
        # | to 100%", "crack down | on", "return X back | to the top": a particle and the
        # preposition it takes are one phrase with the verb.
        return False
    lowered, preposition = before[0].lower(), after[0].lower()
    if preposition in _PREPOSITIONAL.get(lowered, ()):
        return False  # "will have to wait | for X", "fails | in its attempt"
    if preposition in _WHERE and lowered in _BEING_SOMEWHERE:
        return False  # "Kenteris and Thanou appear | before tribunal": where is the news
    if preposition == "to" and lowered in _WANTS_TO and _infinitive(right[1:3]):
        return False  # "makes fresh approach | to buy United": what the approach is for
    if (
        (preposition == "in" and lowered in _IN_NOUNS)
        or (preposition == "that" and lowered in _THAT_NOUNS)
        or (preposition == "against" and lowered in _CONTESTS and _object_of_verb(left))
    ):
        return False  # "a 7.5% rise | in exports", "allegations | that", "tie | against X"
    if preposition == "by" and right[1:2] and right[1][:1] in "0123456789$£€":
        return False  # "Spam traffic up | by 40%": the amount is the news
    if preposition in ("after", "before", "since") and _TIME_UNIT.match(lowered):
        return False  # "less than 24 hours | after X": the time is measured from X
    ranked = any(
        w in _ORDINALS or (w.endswith("est") and len(w) > 4)
        for w in (bare(x).lower() for x in left[-3:])
    )
    if preposition in ("in", "since") and ranked and _is_period(right[1:3]):
        # "first defeat | in four years", "lowest level | since 2001": the rank holds only
        # within the period.
        return False
    if after[0].lower() == "of" and (
        before[0].lower() in _QUANTIFIERS or before[0][:1].isdigit() or before[0].istitle()
    ):
        return False
    following = (right[1:2] or [""])[0]
    if after[0] in _NAME_LINKS and before[0][:1].isupper() and following[:1].isupper():
        # "Royal National Institute | for Deaf People": inside a name ("Scarlett Johnson | on
        # BBC One", "Mourinho's side knocked out of FA Cup | by Newcastle": two names).
        return False
    if preposition == "on" and bare(following).lower().endswith("ing"):
        return False  # "Oil prices carry | on rising": the verb's own "on"
    recent = [w.lower() for w in left[-5:]]
    reports = [
        j
        for j in range(max(0, len(left) - 8), len(left))
        if bare(left[j]) in REPORTING
        and (j + 1 >= len(left) or bare(left[j + 1]).lower() not in ("to", "with", "on"))
    ]
    if preposition == "that" and reports:
        # "expert tells trial | that …": what was told is the news ("agree to a contract |
        # that …" is no report: the verb's object is the contract).
        return False
    if after[0].lower() == "as" and recent[-1:] in (
        ["much"],
        ["many"],
        ["far"],
        ["well"],
        ["soon"],
    ):
        return False  # "fell as much | as 19%"
    if after[0].lower() in PREPOSITIONS and any(w in _PLACES for w in recent[-4:]):
        return False  # "will put the company | into liquidation": where it is put
    if after[0].lower() == "to" and any(w in _ORDINALS or w in _ASKS for w in recent):
        # "becomes the third firm | to thank …", "asks a banker | to run …": the "to" is
        # what the rank or the request is about.
        return False
    if after[0].lower() in ("and", "or"):
        # "British | and Irish Lions", "NTL | and Telewest": only a second clause may go.
        clause = following.lower() in _CLAUSE_STARTS or (
            following.islower() and following.endswith(("ed", "s"))
        )
        plural_nouns = following.islower() and before[0].islower() and before[0].endswith("s")
        if not clause and not plural_nouns:
            return False  # "its home | and business customers": one noun phrase
    head = text[:at]
    return head.count("“") <= head.count("”") and head.count('"') % 2 == 0


def _infinitive(words: list[str]) -> bool:
    """Whether the words after a 'to' start a verb's phrase: a known verb, or a word followed
    by an object's first word ('to build a network'; not 'to world politics')."""
    first, second = (bare(w) for w in [*words, "", ""][:2])
    if not first.islower():
        return False
    return first in VERBS or (
        second.lower() in DETERMINERS or second[:1].isupper() or second[:1].isdigit()
    )


def _object_of_verb(left: list[str]) -> bool:
    """The last word is the head of the main verb's object ("face a home tie"), not of a
    phrase further on ("travel to Israel for the match")."""
    verb = main_verb(left)
    return (
        verb is not None
        and 0 < len(left) - 1 - verb <= 3
        and not any(bare(w).lower() in PREPOSITIONS for w in left[verb + 1 :])
    )


def _is_period(words: list[str]) -> bool:
    """'four years', '2001', 'a decade', 'the past decade': a stretch of time."""
    lowered = [bare(w).lower() for w in words]
    return any(w[:1].isdigit() or _TIME_UNIT.match(w) for w in lowered[:2])


# Prepositions found inside names ("Bank of England", "Institute for Fiscal Studies",
# "Breakfast with Frost"), and "as" before a role ("replacing Thomas | as Wales captain").
_NAME_LINKS = frozenset("of for in with de du da von van upon as".split())
_TIME_UNIT = re.compile(r"(?:second|minute|hour|day|week|month|year|decade)s?$")
_LIST_OF_NAMES = re.compile(r", [A-Z][\w'’&.-]*(?: [A-Z][\w'’&.-]*)*(?:,| and) [A-Z]")
_ING_NOUNS = frozenset("morning evening ceiling sibling pudding".split())


def _ing_noun(word: str) -> bool:
    """An '-ing' word that is no participle: no vowel before the ending ("string", "king",
    "spring"), or a noun in '-ing'."""
    if not word.endswith("ing"):
        return False
    return word in _ING_NOUNS or not re.search(r"[aeiouy]", word[:-3])


_LEANING_PRONOUNS = SUBJECT_PRONOUNS | frozenset("you we i".split())  # need the lead


def score_headline(
    candidate: Candidate, mentions: Counter[str], weights: Weights = WEIGHTS
) -> float:
    """Higher is better: a length in the ideal range, the lead sentence's whole clause,
    nothing unfinished, a high share of content words, and words that recur in the story."""
    text, low, high = candidate.text, weights.ideal_low, weights.ideal_high
    score = -weights.short * max(0, low - len(text)) - weights.long * max(0, len(text) - high)
    score += weights.whole * candidate.whole - weights.second_sentence * candidate.sentence
    score -= weights.rewrite * candidate.rewrites + weights.broken * candidate.broken
    score -= weights.unheld * candidate.unheld + weights.thin * candidate.thin
    score -= (0, weights.light, weights.heavy)[candidate.compressed]
    if not candidate.whole and text.endswith(("ing", "ed")):
        score -= weights.participle_end  # a cut after "believed", "wearing": unfinished
    if bare(text.split()[0]).lower() in _LEANING_PRONOUNS:
        score -= weights.pronoun_start  # "He will …": a headline cannot lean on the lead
    if _OBJECT_PRONOUN.search(text):
        score -= weights.pronoun_start / 2  # "… to offer them a choice": who are they?
    words = re.findall(r"[\w’'%$£€-]+", text)
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS]
    score += weights.content * len(content) / max(1, len(words))
    counts = [mentions.get(_stem(w), 0) for w in words]
    top = max(mentions.values(), default=1)
    found = [c / top if c > 1 else 0.0 for c in counts]
    score += weights.salience_mean * sum(found) / max(1, len(words))
    return score + weights.salience_sum * sum(found)


def _confidence(whole: bool, headline: str) -> float:
    """Surest when the whole lead clause fits; less when it had to be cut."""
    return round(
        0.5 + (0.2 if whole else 0.0) + (0.2 if len(headline) <= TARGET_HEADLINE else 0.0), 2
    )


def tidy_headline(text: str, limit: int = MAX_HEADLINE) -> str:
    """No dangling last word, no trailing punctuation, balanced quotes and brackets; cut at a
    word to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit + 1].rsplit(" ", 1)[0]
    while True:
        # Removing an unpaired quote can expose a dangling word, and the reverse.
        stripped = balance(text).rstrip(" ,;:–—-.")
        words = stripped.split()
        last = words[-1].lower().strip("“”\"'‘’") if words else ""
        if last in _PARTICLES and len(words) > 1 and _takes_particle(words, len(words) - 2):
            return stripped  # "days of apologising are over", "Shares fall back"
        if words and words[-1][-1:] in '”"’' and last != words[-1].lower():
            return stripped  # 'denied being "leant on"': the quote's own last word
        if len(words) > 3 and last in _DANGLING:
            text = " ".join(words[:-1])
            continue
        return stripped


def _takes_particle(words: list[str], i: int) -> bool:
    """A verb that a particle can end: 'fall back', 'are over'; not 'has in', 'will on'."""
    word = bare(words[i]).lower()
    if word in ("is", "are", "was", "were"):
        return bare(words[i + 1]).lower() in ("over", "back", "up", "out", "off", "down")
    return word not in AUXILIARIES and is_verb(words, i)


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
