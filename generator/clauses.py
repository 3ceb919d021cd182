"""Rough clause structure of a news sentence, without a tagger: where the main verb is, which
words only set the scene, what a reporting verb reports.

Every test here leans on closed word classes (auxiliaries, determiners, prepositions,
relative pronouns) and on word shape ('-ed', '-s' after a name), plus a list of verbs common
in news. It is wrong now and then; the headline scorer only uses it to reject candidates that
are plainly unfinished, and to offer shorter clauses that it then judges like any other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .headlinese import IRREGULAR, PAST, third_person

# Finite auxiliaries and modals: after a subject they are the verb of its clause.
AUXILIARIES = frozenset(
    "is are was were am has have had do does did will would shall should can could may might "
    "must".split()
)
# Words that leave a clause unfinished when a headline stops on them.
UNFINISHED_END = AUXILIARIES | frozenset(
    "be been being having not it he she they we i them him".split()
)
DETERMINERS = frozenset(
    "the a an this these those his her its their our my your some any no every each another "
    "all both such".split()
)
PREPOSITIONS = frozenset(
    "of in on at to for with by from into onto over under about after before during against "
    "between among through across without within amid despite following since until via per "
    "than like as near off up down out including excluding".split()
)
# Words that open a clause inside the sentence: its verb is not the sentence's main verb.
CLAUSE_OPENERS = frozenset(
    "who whom whose which that because although though while whereas if unless when whenever "
    "where whether once".split()
)
# Before the main verb, these open a clause of time: "Three years after Argentina was hit,
# …" has no main verb yet.
_TIME_OPENERS = frozenset("after before since until".split())
# Verbs that report speech or thought: what follows them is the news ("X said Y" → "Y").
_REPORTING_BASES = (
    "say tell warn claim believe predict announce confirm insist reveal admit argue fear "
    "expect think hope suggest report estimate stress add state indicate acknowledge maintain "
    "allege assert accept know feel agree deny declare promise pledge vow urge concede "
    "disclose signal forecast"
).split()
# Verbs common in news, in their base form: with '-s', '-ed' and the irregular forms they let
# a plural subject's verb ("Shares rise", "Rebels seize") be found.
_NEWS_VERBS = (
    "rise fall jump slump climb drop soar sink plunge gain lose win beat draw face back plan "
    "seek urge warn call vow set hit cut reject approve ban block launch unveil open close buy "
    "sell offer bid agree sign quit resign retire return join leave lead miss need want get "
    "make take give keep hold meet see go come run hire fire sack charge sue fine jail free "
    "arrest kill die attack strike stop halt end start begin boost raise lift ease curb "
    "slash axe scrap delay drive push pull move shift turn show find reveal face fear fight "
    "deny admit accept deal hope aim look try help grow shrink double treble top trail head "
    "host play score name pick select defend criticise praise condemn welcome hail blast "
    "slam attack question probe investigate examine consider discuss debate vote elect "
    "appoint replace remain stay expect prepare continue prefer become stand insist demand "
    "threaten promise pledge announce confirm claim say tell think believe predict argue "
    "suggest report estimate expand cancel collapse recover survive suffer post record report "
    "forecast reach pass fail save spend pay owe cost earn invest merge acquire own stage"
).split()


def _forms(bases: list[str]) -> frozenset[str]:
    forms = set(bases)
    for base in bases:
        forms.add(third_person(base))
        forms.add(base + "d" if base.endswith("e") else base + "ed")
    forms |= {past for past, base in IRREGULAR.items() if base in bases}
    forms |= {past for past, base in PAST.items() if base in bases}
    return frozenset(forms)


REPORTING = _forms(_REPORTING_BASES)
# Of those, the ones that assert what follows: "X said Y" reports Y as news, "X hopes Y",
# "X denies Y" or "X believes Y" do not.
ASSERTING = _forms(
    "say tell announce confirm reveal admit insist warn report state declare disclose add "
    "stress acknowledge concede".split()
)
# Of those, the ones whose object is mostly a clause: "X believes Y will …".
CLAUSE_REPORTING = _forms(
    "believe think say claim admit insist warn predict fear hope expect suggest argue feel "
    "know estimate".split()
)
# "told voters that", "warned ministers the cuts would…": these take a listener first.
_TAKES_LISTENER = frozenset(
    "tell tells told warn warns warned assure assures assured remind reminds reminded urge "
    "urges urged promise promises promised".split()
)
VERBS = _forms(_NEWS_VERBS) | frozenset(IRREGULAR) | frozenset(PAST)
SUBJECT_PRONOUNS = frozenset("it they he she".split())
_PUNCTUATION = "\"'“”‘’()[],;:.!?"


@lru_cache(maxsize=1 << 14)
def bare(word: str) -> str:
    """The word without surrounding quotes and punctuation."""
    return word.strip(_PUNCTUATION)


_CLOSED_CLASS = (
    DETERMINERS | PREPOSITIONS | CLAUSE_OPENERS | frozenset("and or but not nor so".split())
)
# After these, an '-s' word was a noun: "studio efforts to …", "the firm's shares of …".
_NOT_AFTER_VERB = frozenset("to of and or".split())
_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions many several few".split()
)
_PARTICLES_AND_DETERMINERS = DETERMINERS | frozenset("up down out off back over".split())
# Adjectives that open a sentence with a capital only because they come first: the '-s' word
# after them is their noun, not a verb after a name ("New targets", "Remaining members").
_OPENING_ADJECTIVES = frozenset(
    "new old top big former young senior junior leading remaining rising falling growing "
    "existing emerging increasing fresh further early recent latest local foreign global "
    "major key higher lower record poor strong weak rival other several more most many "
    "proposed planned possible potential future".split()
)


def is_verb(words: list[str], i: int) -> bool:
    """Whether words[i] is plausibly a finite verb (or a headline participle, 'named')."""
    word = bare(words[i])
    if not word or not word[0].islower():
        return False
    before = bare(words[i - 1]).lower() if i else ""
    if word in AUXILIARIES:
        return True
    if i and words[i - 1].endswith(","):
        return False  # "Jef Raskin, head of the team": an appositive, not the verb
    if before in DETERMINERS or before in PREPOSITIONS:
        return False  # "the cut", "of said", "to win" (an infinitive, see below)
    if before in ("who", "which", "that") and word.endswith("s"):
        return True  # "a chip which combines …"
    if word.endswith("ed") and len(word) > 4 and i and words[i - 1].endswith(","):
        return False  # "The chip, developed by X, …": a participle, not the verb
    if word in VERBS or (word.endswith("ed") and len(word) > 4):
        return True
    previous = bare(words[i - 1])
    if word.endswith(("'s", "’s")):
        return False  # "the minister's statement"
    after = bare(words[i + 1]).lower() if i + 1 < len(words) else ""
    if after in ("who", "which", "whose"):
        return False  # "Young drivers who …": the subject of a relative clause
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and i:
        # "Blair predicts", "production increases in …": an '-s' word right after a name,
        # or after a singular noun when what follows is not a noun ("studio efforts to …",
        # "aid agencies, insurers" are nouns).
        if previous.lower() in _CLOSED_CLASS or previous.lower() in _NUMBERS:
            return False  # "Three years", "The shares"
        if i == 1 and previous.lower() in _OPENING_ADJECTIVES:
            return False  # "New targets to …", "Remaining members of …": capitalised to open
        if previous[:1].isupper():
            return True
        if previous.endswith("s"):
            return word in VERBS and previous.isalpha()  # "… unreleased tracks goes on sale"
        noun_follows = not after or after in _NOT_AFTER_VERB or words[i].endswith(",")
        return (
            (word in VERBS or not noun_follows)
            and previous.isalpha()
            and previous.islower()
            and previous not in _CLOSED_CLASS
        )
    if i == 1 and _is_plural_subject(previous) and word.isalpha() and word not in _CLOSED_CLASS:
        return not word.endswith(("ly", "ing"))  # "Scientists express concerns"
    # "Investors snap up shares": a plain verb after a plural subject, before its object.
    return (
        previous.endswith("s")
        and not previous.endswith(("ss", "'s", "’s"))
        and word.isalpha()
        and word not in _CLOSED_CLASS  # "members of the band": a preposition, not a verb
        and (after.lower() in _PARTICLES_AND_DETERMINERS or after[:1].isdigit())
    )


def _is_plural_subject(word: str) -> bool:
    return word[:1].isupper() and word.endswith("s") and not word.endswith(("ss", "'s", "’s"))


def _is_headline_future(words: list[str], i: int) -> bool:
    """'Parmalat to return': 'to' + verb straight after the subject (no verb before it)."""
    if bare(words[i]).lower() != "to" or i == 0 or i + 1 >= len(words):
        return False
    before = bare(words[i - 1])
    if before.islower() and (before.endswith("ing") or before in VERBS | PREPOSITIONS):
        return False  # "having to apologise", "plans to": not a headline's future
    after = bare(words[i + 1])
    # ("a barrier to contributing": a preposition before an '-ing', not a verb's "to")
    return (
        after.islower()
        and after not in DETERMINERS
        and after not in PREPOSITIONS
        and not after.endswith("ing")
    )


# Words that open a subordinate clause at the start of a sentence: "As phones move …, Y".
SUBORDINATORS = frozenset(
    "as while when although though if because since unless whereas once whether".split()
)


def main_verb(words: list[str], complete: bool = False) -> int | None:
    """Index of the main clause's verb; None when the words have none (a noun phrase, or a
    subject whose clause was cut off, or only a subordinate clause: "As phones move on").
    `complete`: the words are a whole clause, not a cut of one, so a participle that ends
    them may be its verb ("Plans to create a single agency scrapped")."""
    if words and bare(words[0]).lower() in SUBORDINATORS:
        return None
    quoted = _quoted_noun_phrase(words)
    for i, word in enumerate(words):
        if i in quoted:
            continue
        lowered = bare(word).lower()
        if (lowered in CLAUSE_OPENERS or lowered in _TIME_OPENERS) and i > 0:
            # A subject with a relative clause: its verb comes after the clause's own verb,
            # found here by an auxiliary ("a chip which combines X and Y could make …").
            inner = next((j for j in range(i + 1, len(words)) if is_verb(words, j)), None)
            if inner is None:
                return None
            later = [j for j in range(inner + 1, len(words)) if bare(words[j]) in AUXILIARIES]
            return later[0] if later else None
        if _is_headline_future(words, i):
            return _later_auxiliary(words, i, complete)
        if is_verb(words, i):
            return _past_participle_phrase(words, i)
        if _is_headline_progressive(words, i):
            return i
    return None


def _quoted_noun_phrase(words: list[str]) -> set[int]:
    """Positions inside a quotation that opens the sentence or follows a determiner ('A
    "taxpayer subsidised propaganda exercise" is …'): a quoted name or label in the place of
    a noun, whose words are not the sentence's verb."""
    for start, word in enumerate(words[:2]):
        if not word.startswith(('"', "“")):
            continue
        if start and bare(words[0]).lower() not in DETERMINERS:
            return set()
        for end in range(start, len(words)):
            if words[end].rstrip(",.;:!?").endswith(('"', "”")) and (end > start or len(word) > 1):
                return set(range(start, end + 1))
        return set()
    return set()


def _later_auxiliary(words: list[str], i: int, complete: bool = False) -> int:
    """'New targets to cut delays have been announced': a 'to' after the subject looks like a
    headline's future, but an auxiliary later in the same clause is the verb and the 'to'
    belongs to the subject. The search stops at anything that may end the subject's phrase
    (a comma, a conjunction, a participle: 'Plans to abolish quangos unveiled by X as part
    of …'), and an auxiliary after a pronoun is another clause's ('to sell the stake it has
    held'). A clause inside the subject is skipped only when its own subject and verb are
    plain: 'Plans to give murderers lighter sentences if they plead guilty have been …'."""
    if bare(words[i - 1]).lower() not in TO_NOUNS:
        return i  # "Record numbers of schools to take part in an election backed by X"
    j = i + 2
    while j < len(words):
        later, before = bare(words[j]).lower(), bare(words[j - 1]).lower()
        if later in _ENDS_SUBJECT or words[j - 1].endswith((",", ";", ":")):
            return i
        if later in CLAUSE_OPENERS:
            if j + 1 < len(words) and bare(words[j + 1]).lower() in SUBJECT_PRONOUNS | {"we"}:
                j += 3  # the opener, its pronoun and that clause's verb
                continue
            return i
        if later in AUXILIARIES:
            return i if before in _PRONOUNS else j
        if later.islower() and (later.endswith("ed") or later in IRREGULAR):
            # A participle before its agent, or ending a whole clause, is the verb, whose
            # auxiliary headline style left out: "Plans to abolish quangos unveiled by X",
            # "Plans to create a single agency (have been) scrapped". Elsewhere, or at the
            # end of a cut, it may describe a noun of the subject ("Plans to create a soap
            # based | on X", "Plans to sell homes built on flood plains").
            agent = j + 1 < len(words) and bare(words[j + 1]).lower() == "by"
            return j if agent or (complete and j == len(words) - 1) else i
        j += 1
    return i


# Nouns that take a "to" of their own ("plans to cut X", "a bid to buy Y"): a headline's "to"
# after them may be the noun's, with the clause's verb still to come. After other subjects
# ("Britain to give …", "Record numbers of schools to take part …") the "to" is the verb.
TO_NOUNS = frozenset(
    "plan plans move moves bid bids attempt attempts effort efforts proposal proposals call "
    "calls campaign campaigns drive push pressure decision target targets measure measures "
    "scheme schemes deal deals offer offers order orders request requests demand demands "
    "pledge pledges promise promises right rights power powers".split()
)
_ENDS_SUBJECT = frozenset("and but or as after before since until how what why".split())
_PRONOUNS = frozenset("it he she they we i you who which that".split())


def _is_headline_progressive(words: list[str], i: int) -> bool:
    """'LSE planning to …': an '-ing' straight after a plain subject. Not 'Days of Britain
    having to …' (after a preposition), not 'Still basking in …' (no subject)."""
    if not bare(words[i]).endswith("ing") or i == 0 or bare(words[i]).lower() in PREPOSITIONS:
        return False  # ("Exports during 2004": "during" is no verb)
    if bare(words[0]).lower() in _SCENE_OPENERS:
        return False
    if any(bare(w).lower() in PREPOSITIONS | DETERMINERS for w in words[:i]):
        return False
    # "Box set featuring 68 tracks goes on sale": the '-ing' describes the subject; so does
    # "UK manufacturing sector to continue …", whose verb is the headline's "to" right after
    # the '-ing' and its noun.
    if any(_is_headline_future(words, j) for j in range(i + 2, min(i + 4, len(words)))):
        return False
    return not any(is_verb(words, j) for j in range(i + 1, len(words)))


def _past_participle_phrase(words: list[str], i: int) -> int | None:
    """'Details of the chip designed to power X will be released': a participle followed by
    its own phrase describes the subject; the main verb is the auxiliary after it."""
    word = bare(words[i])
    after = bare(words[i + 1]).lower() if i + 1 < len(words) else ""
    if word in AUXILIARIES or word in REPORTING:
        return i
    # ("foreign nationals living in the UK are …": an '-ing' after an '-s' word that is no
    # known verb describes that noun.)
    describes = after.endswith("ing") and word not in VERBS
    if (
        word.endswith("s")
        and not word.endswith("ss")
        and (after in PREPOSITIONS or after.endswith("ed") or after in IRREGULAR or describes)
        and after not in AUXILIARIES
    ):
        # "Tory plans to cut X are …", "The proposals laid out by X are …"
        return _plural_noun_before_auxiliary(words, i)
    if not (word.endswith("ed") or word in IRREGULAR) or after not in PREPOSITIONS:
        return i
    for j in range(i + 2, len(words)):
        later = bare(words[j]).lower()
        if later in CLAUSE_OPENERS or later in ("and", "but") or words[j - 1].endswith(","):
            return i  # "… offer to bondholders, which is …": that verb is another clause's
        to_be = later == "to" and j + 1 < len(words) and bare(words[j + 1]) == "be"
        if later in AUXILIARIES or to_be:  # "… will be released", "… to be released"
            return j
        before = bare(words[j - 1])
        if later == "to" and _is_headline_future(words, j) and before.islower():
            return j  # "Talks aimed at averting strikes to take place"
        agrees = later.endswith("s") or later in PAST or bare(words[j - 1]).endswith("s")
        if j == len(words) - 1 and words[j - 1][:1].isupper():
            continue  # "Aviator tipped by UK bookmakers": the agent's noun, not a verb
        if agrees and not later.endswith("ed") and is_verb(words, j):
            return j  # "Four suits worn by the band sell for $110,000", "… backed by X wins"
    return i


def _plural_noun_before_auxiliary(words: list[str], i: int) -> int:
    """'Tory plans to cut immigration are not racist': an '-s' word that an auxiliary of the
    same clause follows was a plural noun; the auxiliary is the verb."""
    for j in range(i + 1, len(words)):
        later = bare(words[j]).lower()
        if later in _CLAUSE_ENDS or words[j - 1].endswith((",", ";", ":")):
            return i
        if later in AUXILIARIES:
            return j
    return i


_CLAUSE_ENDS = CLAUSE_OPENERS | frozenset("and but or as after before since until".split())


@lru_cache(maxsize=1 << 12)
def main_verb_of(text: str, complete: bool = False) -> int | None:
    """`main_verb` of a text's words, remembered: the scorer asks about each candidate more
    than once."""
    return main_verb(text.split(), complete)


def has_main_verb(text: str) -> bool:
    return main_verb_of(text) is not None


_PHRASE_OPENERS = PREPOSITIONS | DETERMINERS


def unfinished(text: str) -> bool:
    """A headline that stops before its clause is complete: on an auxiliary or a subject
    pronoun ('could be', 'says it'), on a reporting verb ('Busted confirm'), or inside a
    clause that has no verb yet ('… because Labour', 'who prefer')."""
    words = text.split()
    if not words:
        return True
    last = bare(words[-1]).lower()
    if last in UNFINISHED_END or last in CLAUSE_OPENERS:
        return True
    if len(words) > 1 and bare(words[-2]).lower() in AUXILIARIES and _is_adverb(last):
        return True  # "Networks could soon": the verb was cut off after its adverb
    if last in REPORTING and not last.endswith("ed"):
        return True  # "… a website that claims", "Rail firm says"
    if last.endswith("ing") and bare(words[-2]).lower() in AUXILIARIES and not _may_end(last):
        return True  # "… is providing": providing what?
    if main_verb_of(text) == len(words) - 1 and (last in REPORTING or not _may_end(last)):
        return True  # "Busted confirm", "Box set goes": the verb's object was cut off
    before = bare(words[-2]) if len(words) > 1 else ""
    subject_before = (
        before[:1].isupper()
        or before.lower() in ("they", "we", "he", "she", "it")
        or (before.endswith("s") and before.isalpha() and before.lower() not in _CLOSED_CLASS)
    )
    in_phrase = len(words) > 2 and bare(words[-3]).lower() in _PHRASE_OPENERS
    if subject_before and last in VERBS and not _may_end(last) and not in_phrase:
        return True  # "… when Chelsea take": a verb of a later clause, cut off too
    if before.lower() == "to" and last in VERBS and not _may_end(last):
        return True  # "Regulators to decide", "Board may have to step": what, or where?
    coordinated = re.search(
        r"(?:(?:,| [-–—]) (?:and|but|or)|\b(?:and|but|or),) ((?:\S+ ?)*)$", text
    )
    if coordinated and not any(is_verb(words, j) for j in _tail(words, coordinated.group(1))):
        return True  # "Our mission continues - and this time"
    for i, word in enumerate(words):
        following = bare(words[i + 1]).lower() if i + 1 < len(words) else ""
        if bare(word).lower() in CLAUSE_OPENERS and i > 0 and following != "of":
            rest = range(i + 1, len(words))  # ("because of the row" is a phrase)
            if not any(is_verb(words, j) for j in rest):
                return True
    return False


# Verbs that need no object: a headline may end on them ("Shares rise", "Kilroy-Silk quits").
_INTRANSITIVE = (
    "rise fall jump slump climb drop soar sink plunge surge slip dip rally recover quit resign "
    "retire die collapse close open end return win lose fail grow shrink stall stay remain "
    "begin start continue resume happen occur emerge "
    "survive crash strike speak arrive leave wait succeed triumph "
    # Verbs of change, news' commonest intransitives: "Dollar's slide halts", "Gap narrows".
    "halt ease narrow widen slow improve weaken strengthen rebound tumble slide deepen "
    "stabilise "
    # … and of people: "Government must act", "Rebels agree".
    "act agree vote change merge"
).split()
_ENDS_WELL = frozenset(_INTRANSITIVE) | frozenset(third_person(v) for v in _INTRANSITIVE)


_ADVERBS = frozenset("soon now still also never ever yet already always again just only".split())


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ly") and len(word) > 4)


def _may_end(word: str) -> bool:
    """A clause may end on this verb: it needs no object, or it is a participle ('named')."""
    if word.endswith("ing"):
        stem = word[:-3]
        return bool({stem, stem + "e", stem[:-1]} & _ENDS_WELL)  # "rising", "closing"
    return word in _ENDS_WELL or word.endswith("ed") or word in IRREGULAR


_MODALS = frozenset("will would shall should can could may might must".split())


def cut_after_modal(text: str) -> bool:
    """A cut that ends on a modal's verb which may want more: "Children should walk (to
    school)", "Judge should look (into X)". (A whole clause may end so: "how it may fare".)"""
    words = text.split()
    last = bare(words[-1])
    before = bare(words[-2]).lower() if len(words) > 1 else ""
    # (After a modal the verb is a base form, never a participle: "may come (to an end)".)
    return before in _MODALS and last.isalpha() and last.islower() and last not in _ENDS_WELL


def _tail(words: list[str], tail: str) -> range:
    return range(len(words) - len(tail.split()), len(words))


def reported_speech(text: str) -> str | None:
    """'Organisers say this year's festival will celebrate X' → 'This year's festival will
    celebrate X'; 'Busted confirm that they plan to …' → 'Busted plan to …' (a pronoun that
    stands for the speaker is replaced by the speaker). None when the text is no such frame."""
    words = text.split()
    there = re.match(r"There (?:is|are|was|were) (?:\S+ ){1,4}?that (?=\S)", text)
    if there and main_verb(text[there.end() :].split()):
        report = text[there.end() :]  # "There is the prospect that X could …" → "X could …"
        return report[:1].upper() + report[1:]
    for i, word in enumerate(words[:12]):
        if bare(word) in REPORTING and bare(word) not in ASSERTING:
            return None  # "X hopes Y", "X denies Y": Y is not the news as a fact
        if bare(word) not in REPORTING:
            continue
        speaker = [w for w in words[:i] if bare(w) not in AUXILIARIES and w != "been"]
        if i == 0 or not speaker or any(is_verb(words, j) for j in range(i) if j < len(speaker)):
            return None
        for start in _report_starts(words, i):
            rest = words[start:]
            head = bare(rest[0]) if rest else ""
            if len(rest) < 3 or head.lower() in PREPOSITIONS or (head in VERBS and head):
                continue
            verb = main_verb(rest)
            if verb is None or verb == 0:
                continue
            listener = start > i + 1 and words[i + 1].lower() != "that"
            if listener and bare(rest[verb]).lower() == "to":
                return None  # "warned users to update X", "urged Y to quit": a request
            if start > i + 1 and {"them", "him", "her", "you"} & {bare(w) for w in rest}:
                return None  # "told voters his party will offer them …": them is the listener
            if head.lower() in SUBJECT_PRONOUNS:
                rest = [_without_article(speaker), *rest[1:]]
            elif head.lower() in ("his", "her", "its", "their"):
                rest = rest[1:]
            report = " ".join(rest)
            return report[:1].upper() + report[1:]
        return None
    return None


def _report_starts(words: list[str], verb: int) -> list[int]:
    """Where the reported clause may begin after the reporting verb: after 'that', or after a
    listener ('told voters his party …') for verbs that take one."""
    after = verb + 1
    if after < len(words) and words[after].lower() == "that":
        return [after + 1]
    if bare(words[verb]) in _TAKES_LISTENER:
        for j in range(after, min(after + 7, len(words))):
            if words[j].lower() == "that":
                return [j + 1]
        return [after + 1, after + 2]
    return [after]


def _without_article(words: list[str]) -> str:
    text = " ".join(words)
    return re.sub(r"^(?:The|A|An)\s+", "", text)


def drop_relative_clause(text: str) -> str | None:
    """'A chip which combines a modem and a processor could make phones cheaper' → 'A chip
    could make phones cheaper': a relative or 'that' clause inside the subject, up to the
    auxiliary that starts the main verb. None when there is none."""
    words = text.split()
    for i, word in enumerate(words):
        if is_verb(words, i) and bare(word).lower() not in CLAUSE_OPENERS:
            return None  # the main verb comes first: no clause inside the subject
        before = bare(words[i - 1]).lower() if i else ""
        if (
            bare(word).lower() in ("who", "which", "that")
            and i > 0
            and not _inside_quotes(words[:i])  # 'The "myth that ageing is a barrier" …'
            and "," not in words[i - 1]
            and before not in PREPOSITIONS
            and not before.endswith("ing")
        ):
            verb = main_verb(words)
            if verb is None or verb <= i + 2:
                return None
            subject = words[:i]
            if subject[-1] in ("-", "–", "—"):
                subject = subject[:-1]  # "Wilkinson - who had targeted X - has been missed"
            return " ".join(subject + words[verb:])
    return None


def _inside_quotes(words: list[str]) -> bool:
    """Whether a quotation opened in these words is still open after them."""
    text = " ".join(words)
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def drop_appositive(text: str) -> str | None:
    """'Yahoo, one of the net's best-known firms, is celebrating …' → 'Yahoo is celebrating
    …': a phrase without a verb between commas after a name, before the verb."""
    match = re.search(r"(?<=[A-Za-z0-9])\s*,\s+([^,]{3,90}),\s+(?=[a-z])", text)
    if not match:
        return None
    before = text[: match.start()].split()
    # A name, or a name and its number: "Opera 8.0, due for release in May, will be …".
    numbered = (
        len(before) > 1
        and before[-1][:1].isdigit()
        and before[-2][:1].isupper()
        and not before[-2].endswith(",")  # "Jackson, 58, MP for X, said": an age
    )
    if not (before[-1][:1].isupper() or numbered):
        return None
    inside = match.group(1).split()
    clause = next((i for i, w in enumerate(inside) if bare(w).lower() in CLAUSE_OPENERS), None)
    own = [bare(w).lower() for w in inside[:clause]]  # "the firm which went bust": "the firm"
    if any(w in AUXILIARIES or w in REPORTING for w in own) or own[:1] in (["and"], ["or"]):
        return None  # "X, analysts said, …", "X, Y and Z …": not an appositive
    rest = text[match.end() :].split()
    if not rest or not (bare(rest[0]) in AUXILIARIES or main_verb(rest) == 0):
        return None
    return text[: match.start()] + " " + text[match.end() :]


def name_as_subject(text: str) -> str | None:
    """ "Toulouse's former Irish international Trevor Brennan could be …" → "Trevor Brennan
    could be …": a subject that describes a name before giving it is the name. Not when the
    description holds a preposition ("Shares in Irish firm X have lost": the shares lost)."""
    words = text.split()
    verb = main_verb(words)
    if verb is None or verb < 2:
        return None
    subject = words[:verb]
    name = 0
    while name < len(subject) and _is_name_word(subject[-1 - name]):
        name += 1
    described = subject[: len(subject) - name]
    if not name or not described or any(bare(w).lower() in PREPOSITIONS for w in described):
        return None
    if any(bare(w).lower() in ("and", "or", "&") for w in described) or "," in text[:20]:
        # ("Labour and the Conservatives are …": two subjects, not a description.)
        return None
    if not any(w.islower() or w.endswith(("'s", "’s")) for w in described):
        return None  # "Sprinters Kostas Kenteris and …", "Cable firms NTL": not only a title
    return " ".join(words[len(described) :])


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not word.endswith(("'s", "’s", ","))


# Words that open a scene-setting phrase before the subject: "As X, Y", "Still basking in X,
# Y", "At the awards on Saturday, Y".
_SCENE_OPENERS = frozenset(
    "as while when although though if after before since despite with without following amid "
    "still having speaking unlike like in on at for by during under over from across "
    "throughout within once until".split()
)


def drop_leading_phrase(text: str) -> str | None:
    """'As phones move closer to X, Y, audio is becoming important' → 'Audio is becoming
    important': a leading phrase up to the comma after which a full clause starts."""
    first = bare(text.split(" ", 1)[0]).lower()
    if first not in _SCENE_OPENERS and not first.endswith("ing"):
        return None
    for match in re.finditer(r",\s+", text[:200]):
        rest = text[match.end() :]
        words = rest.split()
        verb = main_verb(words)
        before_comma = next((i for i, w in enumerate(words) if w.endswith(",")), len(words))
        if len(words) >= 3 and verb and verb <= before_comma and not _starts_verb(words):
            return rest[:1].upper() + rest[1:]
    return None


def _starts_verb(words: list[str]) -> bool:
    """A verb, preposition or conjunction first: the rest is not a clause of its own."""
    return bare(words[0]).lower() in VERBS | AUXILIARIES | PREPOSITIONS | {"and", "or", "but"}


_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_NAME_GLUE = frozenset("of and for the &".split())


def acronym_form(sentence: str) -> str | None:
    """'The London Stock Exchange (LSE) is …' → 'The LSE is …': the short form the text
    itself gives for a name, which a headline prefers."""
    match = _ACRONYM.search(sentence)
    if not match:
        return None
    short, words = match.group(1), sentence[: match.start()].split()
    initials = ""
    for n in range(1, min(8, len(words)) + 1):
        word = words[-n]
        if word[:1].isupper():
            initials = word[0] + initials
        elif word not in _NAME_GLUE:
            return None
        if initials == short and word[:1].isupper():
            return " ".join([*words[:-n], short]) + sentence[match.end() :]
        if len(initials) >= len(short):
            return None
    return None
