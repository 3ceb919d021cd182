"""Shorter forms of a headline, made only by leaving words out (never adding or moving one).

Headline writers drop what the reader can do without, and each drop here keeps the
statement true:

- a possessive determiner before its noun: "BT cuts its forecast" → "BT cuts forecast";
- the present copula before a complement: "Investors are unhappy with the bid" → "Investors
  unhappy with bid", "The virus is spreading" → "Virus spreading";
- the description before a name, which only says what the name is: "German car maker BMW"
  → "BMW", "oil group Yukos" → "Yukos";
- an owner before a name: "Italy's Illva Saronno" → "Illva Saronno";
- an adjective that grades or colours rather than restricts: "a controversial sell-off"
  is still a sell-off, and "a sharp rise" a rise (but a former president is not a
  president, so such words are listed, not guessed).

The two kinds are offered separately: dropping function words costs nothing, dropping a
description can lose a word the reader wanted, so the scorer weighs that form on its own.
"""

from __future__ import annotations

from .clauses import (
    AUXILIARIES,
    CLAUSE_OPENERS,
    DETERMINERS,
    PREPOSITIONS,
    REPORTING,
    VERBS,
    bare,
    is_verb,
    main_verb_of,
)
from .headlinese import HEDGES, IRREGULAR, PAST, is_participle

# Base forms of verbs, which are nouns as often ("a record label", "the bid team").
_BASES = frozenset(
    w for w in VERBS if not w.endswith(("s", "ed")) and w not in IRREGULAR | PAST.keys()
)

# Unambiguous possessive determiners ("her" is also an object: "gave her a role").
POSSESSIVES = frozenset("his its their our your my".split())
# After "is"/"are", these start a complement the copula can leave: "is in talks", "are
# close to a deal", "is confident of", "are here to stay", "is illegal". Listed rather than
# guessed from endings: with the articles gone, "is president of" or "is alternative to"
# would read as a noun phrase once "is" went.
_COMPLEMENT_STARTS = frozenset(
    """
in at on under among behind ahead near close here there back out off up down over
confident happy unhappy ready keen eager sure unsure aware unaware free safe right wrong
fit unfit available responsible optimistic pessimistic hopeful upbeat cautious wary
critical vital crucial essential able unable poised bound willing unwilling reluctant
open closed alive dead guilty innocent illegal legal unlawful lawful positive negative
active effective expensive impressive competitive aggressive attractive exclusive
different independent urgent likely unlikely certain uncertain clear unclear worried
concerned convinced determined delighted pleased disappointed surprised shocked angry
furious upset interested involved ill injured fit fine good bad better worse best worst
bigger smaller higher lower cheaper dearer stronger weaker faster slower larger greater
""".split()
)
# Endings that make a word after "is" an adjective: "is hopeful", "are dangerous",
# "is affordable", "are unbeatable", "is pointless", "is historical".
_ADJECTIVE_ENDINGS = ("ful", "ous", "able", "ible", "less", "ical")
# Nouns that describe a name standing right after them: "car maker BMW", "striker Owen".
DESCRIPTIONS = frozenset(
    """
firm group maker giant company operator airline bank carmaker retailer chain supermarket
brewer insurer lender explorer miner manufacturer provider carrier network broadcaster
channel station studio label publisher developer producer distributor agency watchdog
regulator body union newspaper magazine website service conglomerate subsidiary
star singer band actor actress director comedian presenter host rapper musician guitarist
drummer frontman author writer novelist artist designer photographer film-maker filmmaker
player striker coach manager champion captain skipper winger midfielder defender forward
goalkeeper keeper batsman bowler fly-half scrum-half hooker prop flanker centre lock
sprinter runner hurdler athlete cyclist golfer boxer jockey trainer veteran legend icon
minister leader chief boss executive owner founder chairman chairwoman president
secretary spokesman spokeswoman officer analyst economist magnate tycoon entrepreneur
businessman businesswoman man woman teenager
blockbuster movie film drama sitcom series programme documentary musical album novel
""".split()
)
# Before a description these are part of it: "UK sportswear firm", "US aircraft firm".
_DESCRIPTION_GLUE = frozenset("and &".split())
# Adjectives that grade or colour their noun without narrowing what it refers to.
EVALUATIVE = frozenset(
    """
controversial massive huge high-profile famous popular well-known best-known
prestigious dramatic embattled troubled beleaguered ailing struggling outspoken seasoned
renowned acclaimed award-winning chart-topping long-awaited much-anticipated eagerly-awaited
significant substantial considerable sharp steep slight modest bumper impressive stunning
superb remarkable extraordinary spectacular unprecedented ambitious fierce bitter heated
lengthy long-running fresh
""".split()
)
_NEGATIVE = frozenset("not no never without fewer less nor neither".split())


def function_word_drops(words: list[str]) -> set[int]:
    """Possessive determiners and a present copula before its complement."""
    drops = {
        i
        for i, word in enumerate(words[1:-1], 1)
        if word in POSSESSIVES
        and bare(words[i + 1])[:1].isalnum()
        and not words[i + 1].endswith(("'s", "’s"))  # "his side's win": "side's" needs it
    }
    drops |= amount_drops(words)
    verb = main_verb_of(" ".join(words))
    subject = [bare(w).lower() for w in words[: verb or 0]]
    expletive = len(subject) == 1 and subject[0] in _EXPLETIVES  # "There is", "It is"
    copula = verb and words[verb] in ("is", "are", "was", "were")
    if copula and verb < len(words) - 1 and not expletive:
        after = words[verb + 1]
        if after.islower() and (
            after.endswith("ing") or after in _COMPLEMENT_STARTS or _adjective_like(after)
        ):
            drops.add(verb)
            if after == "being" and verb + 2 < len(words) and is_participle(words[verb + 2]):
                drops.add(verb + 1)  # "is being tested" → "tested": headlines' passive
    return drops | adverb_drops(words, verb)


# Adverbs in -ly that limit or hedge what they modify (`headlinese.HEDGES`).
_HEDGES = HEDGES
# Words in -ly that are not adverbs: adjectives, nouns and verbs.
_NOT_ADVERBS = frozenset(
    """
family supply assembly monopoly anomaly friendly costly lonely lovely deadly elderly likely
unlikely orderly timely lively weekly monthly yearly quarterly nightly hourly comply imply
multiply rally bully jolly melancholy homely burly sickly worldly scholarly heavenly
ghastly leisurely cowardly early holy belly jelly butterfly chilly hilly silly woolly
reply apply rely ally daily italy july
""".split()
)


def adverb_drops(words: list[str], verb: int | None) -> set[int]:
    """An adverb in -ly beside the main verb that only says how: 'Oil prices fall heavily
    for a second day' → 'Oil prices fall for a second day'; 'nearly doubled' stays."""
    if verb is None:
        return set()
    drops = set()
    for i in (verb - 1, verb + 1):
        word = words[i] if 0 < i < len(words) else ""
        if not (word.endswith("ly") and word.isalpha() and word.islower() and len(word) > 5):
            continue
        if word in _HEDGES or word in _NOT_ADVERBS:
            continue
        after = bare(words[i + 1]).lower() if i + 1 < len(words) else ""
        if i == verb - 1 or not after or after in PREPOSITIONS or after in DETERMINERS:
            drops.add(i)  # not "rose sharply higher": an adverb before an adjective stays
    return drops


# Verbs of change whose "by" before an amount a headline leaves out: "rose by 5%" → "rose 5%".
_CHANGES = frozenset(
    "rise rises rose risen fall falls fell fallen jump jumps jumped drop drops dropped climb "
    "climbs climbed slip slips slipped grow grows grew grown cut cuts increase increases "
    "increased decrease decreases decreased gain gains gained soar soars soared surge surges "
    "surged slump slumps slumped plunge plunges plunged".split()
)


def amount_drops(words: list[str]) -> set[int]:
    """'Sales rose by 5%' → 'Sales rose 5%'; 'agrees to pay a total of $515m' → 'agrees to pay
    $515m': the words before an amount that only lead up to it."""
    drops: set[int] = set()
    for i in range(1, len(words) - 1):
        amount = _is_amount(words[i + 1])
        if words[i] == "by" and amount and bare(words[i - 1]).lower() in _CHANGES:
            drops.add(i)
        total = words[i] == "total" and words[i + 1] == "of" and i + 2 < len(words)
        if total and _is_amount(words[i + 2]):
            drops |= {i, i + 1}
    return drops


def _is_amount(word: str) -> bool:
    return bool(word) and (word[0] in "$£€" or word[0].isdigit())


_EXPLETIVES = frozenset("there it this that what he she they we i you".split())


def _adjective_like(word: str) -> bool:
    return len(word) > 4 and word.endswith(_ADJECTIVE_ENDINGS) and word.isalpha()


def description_drops(words: list[str]) -> set[int]:
    """Descriptions before a name, an owner before a name, evaluative adjectives."""
    drops: set[int] = set()
    verb = main_verb_of(" ".join(words))
    for i, word in enumerate(words[:-1]):
        following = words[i + 1]
        if bare(following) != following.rstrip(",") or not following[:1].isupper():
            continue
        before = bare(words[i - 1]).lower() if i else ""
        if word in DESCRIPTIONS and before not in AUXILIARIES and before != "to":
            # ("to host Davis Cup": a verb.)
            drops |= set(range(_description_start(words, i, verb), i + 1))
        elif (
            word.endswith(("'s", "’s"))
            and _is_name(word[:-2])
            and not (i and words[i - 1][:1].isupper())  # "The Hitchhiker's Guide", a title
            and bare(following) not in _NAME_ENDINGS  # "McDonald's Corp"
        ):
            drops.add(i)  # "Italy's Illva Saronno" → "Illva Saronno"
    if not _NEGATIVE & {bare(w).lower() for w in words}:
        # Leaving out an adjective only stays true where nothing denies or limits the noun.
        for i, word in enumerate(words[:-1]):
            following = bare(words[i + 1])
            before = bare(words[i - 1]).lower() if i else ""
            if (
                word in EVALUATIVE
                and not _ranks(before)  # "her first major medal" is not "her first medal"
                and before not in _DEGREES  # "the most controversial films": "most" needs it
                and following[:1].isalpha()
                and following.lower() not in _PHRASE_LINKS
            ):
                drops.add(i)
    return drops


_CONJUNCTIONS = frozenset("and or but than to".split())
_PHRASE_LINKS = PREPOSITIONS | _CONJUNCTIONS
_PHRASE_STARTS = PREPOSITIONS | DETERMINERS | _CONJUNCTIONS  # a noun phrase may follow these
# Read backwards from its noun, a description ends where one of these comes before it.
_DESCRIPTION_STOPS = _PHRASE_STARTS | AUXILIARIES | CLAUSE_OPENERS
_NAME_ENDINGS = frozenset("Corp Inc Ltd Plc plc Co Group Holdings".split())


# Words of degree whose adjective cannot go without them.
_DEGREES = frozenset("most more least less very so too as how".split())
_RANKS = frozenset(
    "first second third fourth fifth last only next latest sole one two three four five".split()
)


def _ranks(word: str) -> bool:
    return word in _RANKS or word.endswith("est") or word[:1].isdigit()


def _is_name(word: str) -> bool:
    return word.isalpha() and word[:1].isupper()


# "-ing" and "-ed" words that are adjectives in a description: "defending champion X".
_PARTICIPLE_ADJECTIVES = frozenset(
    "defending reigning leading ruling sitting outgoing incoming visiting touring governing "
    "founding opposing emerging ailing struggling competing record-breaking best-selling "
    "listed jailed disgraced embattled troubled beleaguered retired".split()
)


def _verb_like(words: list[str], i: int, verb: int | None) -> bool:
    """Whether a word inside what looks like a description may be a verb: the main verb,
    a verb after "to", an auxiliary or a relative pronoun, or a known verb form with an
    ending ("owns", "signed"). A bare known verb is read as a noun ("record label")."""
    word, before = words[i], bare(words[i - 1]).lower() if i else ""
    if i == verb or before == "to" or before in AUXILIARIES or before in CLAUSE_OPENERS:
        return True
    if word.endswith(("ed", "ing")) and word not in _PARTICIPLE_ADJECTIVES:
        # "beating champion X" is a verb, and so is "after buying broadcaster X"; "for
        # married publisher X" is an adjective.
        if word.endswith("ing") and before in PREPOSITIONS:
            return True
        return before not in PREPOSITIONS and before not in DETERMINERS
    return word in VERBS and word not in _BASES


def _description_start(words: list[str], end: int, verb: int | None) -> int:
    """The first word of the description ending at `end`: back over its nouns and
    adjectives, and over the names of its owner or place ("Chelsea winger", "UK firm").
    `end + 1` (nothing to drop) when the description cannot be told from what is before it:
    "England and Real Madrid striker Michael Owen" is not "England and Michael Owen"."""
    start = end
    while start > 0:
        word = words[start - 1]
        lowered = bare(word).lower()
        if bare(word) != word or word.endswith(("'s", "’s")):
            break  # punctuation or an owner: "Sony's", "Japan's"
        if lowered in _DESCRIPTION_GLUE:
            if start < 2 or not words[start - 2].islower() or not words[start].islower():
                return end + 1  # "the State and water firm X", "England and Real Madrid"
        elif lowered in _DESCRIPTION_STOPS:
            break
        if word.islower() and _verb_like(words, start - 1, verb):
            break  # "beats striker Owen", "to discipline striker Beattie": the verb stays
        start -= 1
    named = any(w[:1].isupper() for w in words[start:end])
    if named and start and bare(words[start - 1]).lower() in _CONJUNCTIONS:
        return end + 1
    reports = verb is not None and bare(words[verb]) in REPORTING  # "X says striker Y will"
    if start and start - 1 == verb and not reports and _verb_after_name(words, end + 1):
        # "Leading British computer games maker Molyneux made OBE", "Civil liberties group
        # EFF joins": a verb after the name shows the name was the subject, so the word taken
        # for the verb was a noun of its description, which cannot be left half there.
        return end + 1
    return start if _phrase_boundary(words, start, verb) else end + 1


def _verb_after_name(words: list[str], name: int) -> bool:
    """Whether a verb follows the capitalised name that starts at `name`."""
    after = name
    while after < len(words) and words[after][:1].isupper():
        after += 1
    return 0 < after < len(words) and is_verb(words, after)


def _phrase_boundary(words: list[str], start: int, verb: int | None) -> bool:
    """A description starts a noun phrase: at the start, after a preposition, determiner,
    conjunction, comma, owner ("Brazil's biggest brewer Ambev") or verb. Not after
    'to "never, ever" (attack) Tory leader Howard', where a verb would go with it."""
    if start == 0:
        return True
    before = words[start - 1]
    lowered = bare(before).lower()
    return (
        lowered in _PHRASE_STARTS
        or before.endswith((",", "'s", "’s"))
        or (start - 1 == verb and _sure_verb(words, start - 1, main=True))
        or (before == lowered and is_verb(words, start - 1) and _sure_verb(words, start - 1))
    )


def _sure_verb(words: list[str], i: int, main: bool = False) -> bool:
    """A verb by its form, not only by the verb test: 'record company boss X' and 'US
    telecoms firm X' read as verb + description there, but 'record' and 'telecoms' are
    nouns, and dropping what follows them would cut a description in two. An '-s' word
    after a name is a verb only as the main verb ('Leeds signs striker X')."""
    word = bare(words[i]).lower()
    after_name = i > 0 and bare(words[i - 1])[:1].isupper()
    if word in AUXILIARIES or word in IRREGULAR or word in PAST or word.endswith("ed"):
        return True
    return word.endswith("s") and word not in _BASES and (main or not after_name)


def _quoted(words: list[str]) -> set[int]:
    """Positions inside quotation marks: a quote keeps every word it was given."""
    inside, found = False, set()
    for i, word in enumerate(words):
        opens = word[:1] in "\"“‘'"
        closes = word.rstrip(",.;:!?")[-1:] in "\"”’'" and not word.endswith(("'s", "’s"))
        if inside or opens:
            found.add(i)
        if opens and not (closes and len(word) > 1):
            inside = True
        elif closes and inside:
            inside = False
    return found


def without(words: list[str], drops: set[int]) -> str:
    """The words left when the dropped ones are taken out, first letter capitalised."""
    text = " ".join(w for i, w in enumerate(words) if i not in drops)
    return text[:1].upper() + text[1:]


def compressions(text: str) -> list[str]:
    """The shorter forms of a headline: function words left out, then descriptions too.
    Each form differs from the text and from the other; none is shorter than three words."""
    words = text.split()
    if len(words) < 4:
        return []
    quoted = _quoted(words)
    light = function_word_drops(words) - quoted
    heavy = light | (description_drops(words) - quoted)
    found: list[str] = []
    for drops in (light, heavy):
        if drops and len(words) - len(drops) >= 3:
            form = without(words, drops)
            if form != text and form not in found:
                found.append(form)
    return found
