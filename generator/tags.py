"""Tags: the people, organisations and places an article names, found as capitalised phrases.

Each sentence's capitalised phrases are cleaned (sentence openers, titles, forms of address
and describing words off; "X of Place" split), the variants of one name are merged (short
forms, acronyms, plurals, clipped and misspelt forms), and what names no one (nationalities,
acronyms of common nouns, stray capitals) is left out. Word lists: `generator/namewords.py`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .headline import TITLE_WORDS
from .namewords import (
    CALENDAR,
    COUNTRY_FORMS,
    DEMONYMS,
    EXTRA_TITLES,
    FUNCTION_WORDS,
    GENERIC_ACRONYMS,
    HEAD_NOUNS,
    HONORIFICS,
    OPENERS,
    POSTNOMINALS,
    is_opener,
)
from .sentences import split_sentences

MAX_TAGS = 6

# Nationality and other adjectives of place ("British", "Swiss") describe; they name no one.
_DEMONYM = re.compile(DEMONYMS)
# "West African", "Middle Eastern": a region's adjective is not a name either.
_PEOPLE = re.compile(
    r"(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Latin|Middle|Far)"
    rf"[- ])?(?:{DEMONYMS}|Eastern|Western|Islamic)"
)
# "Paris-based", "Anglo-": a word with a lower-case part, or a nationality and a hyphen.
_DESCRIBING = re.compile(rf"-[a-z]|^(?:{DEMONYMS})-")
_TITLES = f"{TITLE_WORDS}|{EXTRA_TITLES}"
_TITLE = re.compile(rf"\b(?:{_TITLES})\b")
# The first word of every title, to try the title pattern only where it can match.
_TITLE_STARTS = frozenset(re.split(r"[\s\[]", title)[0] for title in _TITLES.split("|"))
# A name word is capitalised, or a brand written "eBay" or "iPod".
_NAME_WORD = (
    r"(?:(?:al|el|bin|ibn|de|da|van|von)-)?"
    r"(?:[A-Z][\w.'’&-]*[\w.]|[A-Z]|[a-z]{1,2}[A-Z][a-z]{2,}\w*)"
)
_CONNECTORS = frozenset(
    "of for on the de du da den del della di dos van von der ter bin ibn al el la le &".split()
)
_CONNECTOR = f"(?:{'|'.join(sorted(_CONNECTORS))})"
# Not inside a word: "eBay" is not "Bay", "non-Roma" is not "Roma". A number can end a name
# ("Channel 4", "PlayStation 2"), never start one.
_NUMBER = r"\d+(?!\d|[.,:]\d|[\w%/-])"
_PHRASE = re.compile(
    rf"(?<![\w'’-]){_NAME_WORD}(?:(?:\s+{_CONNECTOR})*\s+{_NAME_WORD}|\s+{_NUMBER})*"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# "Gerrard 79 og, Drogba 107, Kezman 112": scorers and minutes, in a list.
_MINUTES = re.compile(
    r"(?:[A-Z][\w'’-]+ \d{1,3}(?: [a-z]{1,4})?[,;)]?\s+(?:and\s+)?)+[A-Z][\w'’-]+ \d{1,3}\b"
)
# What every list of scorers holds: sentences without it are not searched for one.
_SCORER = re.compile(r"[A-Z][\w'’-]+ \d")


def _after_first(words: str) -> str:
    """'May|June' → '(?<=M)ay|(?<=J)une': the words, their first letter matched already."""
    return "|".join(f"(?<={word[0]}){word[1:]}" for word in words.split("|"))


# What ends a phrase inside a sentence (`_BREAKS`): a contraction ("I'm", "We've"), a plural
# acronym, which is a common noun ("UKIP MEPs"), a possessive ("Arsenal's Pires", "Jones'
# goal"), "Mr" ("Tanzania Mr Brown"), "(Mills 83)" (a substitute and the minute he came on,
# in a team list), a sentence end the splitter missed ("World War I. But the BBC…"), an
# ellipsis, a date ("5 May", "May 5th", "on Monday", "last March").
#
# Written for speed, grouped by the character each alternative starts with: the regex engine
# passes over an alternative whose first character does not match without entering it, but
# one that starts with \b or a look-behind is entered at every position of every sentence.
# So each alternative matches its first character first and checks what precedes it after,
# with a look-behind over both characters ("[A-Z](?<!\w[A-Z])" is "\b[A-Z]"). The groups
# start with different characters, so their order does not matter; within a group the
# alternatives keep their order. tests/test_tags.py checks this against the plain form.
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_WORDS = "on|in|during|last|next|this|since|by|until|from|early|late"
_DATE_STARTS = "".join(sorted({word[0] for word in _DATE_WORDS.split("|")}))
_SENTENCE_OPENERS = "But|And|The|However|He|She|It|They|We|This|That|In|On|At|A|An"
_CONTRACTION = r"\w*['’](?:m|re|ve|ll|d)\b"  # after its capital
_PLURAL = r"[A-Z0-9]+s\b"  # after its capital
_MONTH_DAY = rf"(?:{_after_first(_MONTHS)})\s+\d{{1,2}}{_ORDINAL}\b"  # after its capital
_UNDATED_GROUPS = [
    r"['’](?<=\w['’])(?:s\b|(?=\s|$))",
    r"\s(?:(?=(?:Mr|Mrs|Ms|Dr)\.?\s)|(?<=[a-z] )\d{1,3}(?=\)))",
    rf"\.(?:(?<=[a-z]{{2}}\.)\s|\.+|\s(?=(?:{_SENTENCE_OPENERS})\s))",
    "…",
]
_BREAKS = re.compile(
    "|".join(
        [
            rf"[A-Z](?<!\w[A-Z])(?:{_CONTRACTION}|{_PLURAL}|{_MONTH_DAY})",
            *_UNDATED_GROUPS,
            rf"\d(?<!\w\d)\d?{_ORDINAL}\s+(?:{_MONTHS})\b",
            rf"[{_DATE_STARTS}](?<!\w[{_DATE_STARTS}])(?:{_after_first(_DATE_WORDS)})"
            rf"\s+(?:{_DAYS}|{_MONTHS})\b",
        ]
    )
)
# `_BREAKS` without its dates, for the sentences that name no month or day (most): the
# same result, found in half the time.
_BREAKS_UNDATED = re.compile(
    "|".join([rf"[A-Z](?<!\w[A-Z])(?:{_CONTRACTION}|{_PLURAL})", *_UNDATED_GROUPS])
)
_LETTER = re.compile(r"[^\W\d_]")
_CALENDAR_NAME = re.compile(f"{_MONTHS}|{_DAYS}")
# A sentence starts at its first word, and a quotation after a colon starts another. As one
# pattern, "^[^A-Za-z]*|:\s*[\"“‘]?\s*"; searched as two for speed (`_clause_starts`): the
# second starts with a colon, which the regex engine finds without trying every position.
_SENTENCE_START = re.compile(r"[^A-Za-z]*")
_AFTER_COLON = re.compile(r":\s*[\"“‘]?\s*")
# As "\b([A-Z][A-Z0-9]+)s\b" and "\b[A-Z][A-Z0-9]+\b", written for speed (see `_BREAKS`).
_PLURAL_ACRONYM = re.compile(r"([A-Z](?<!\w[A-Z])[A-Z0-9]+)s\b")
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z0-9]+\b")
_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]+)\)")
# "Putting Vioxx back…", "Bookmakers Ladbrokes said…": a verb or a plural common noun.
_GERUND = re.compile(r"[A-Z][a-z]{3,}(?:ing|ers|ists)")
# "the Bush Presidency", "the Blair Government": the common noun is not part of the name.
_REGIMES = frozenset("Administration Presidency Government Regime Era".split())
_OF_PLACE = re.compile(r"(?:of|for)\s+(?:the\s+)?\S+\s*")
_LINK = re.compile(r" (of|for|on) ")
_VOWELS = frozenset("aeiouy")
_ARTICLES = frozenset("the a an and but or nor".split())
# Capitalised words that describe and, alone, name nothing; post-nominals ("MBE") too.
_ADJECTIVES = frozenset("Olympic Paralympic".split()) | POSTNOMINALS
# Capitalised words that end a phrase only when a sentence or a quotation starts after it.
_TRAILING = frozenset("I A An The And Or But In On At To By As If So".split())


@dataclass(frozen=True)
class _Article:
    """What the whole article tells about its words, to judge each capitalised phrase."""

    text: str
    lowercase: frozenset[str]  # words the article writes in lower case
    acronyms: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Article:
        lowercase = frozenset(re.findall(r"(?<![\w.-])[a-z][a-z-]+\b", text))
        return cls(text, lowercase, frozenset(_ACRONYM.findall(text)))

    def written_lower(self, word: str) -> bool:
        """'Shares', 'Firms': the article also writes the word (or its singular) in lower
        case, so capitalised it only starts a sentence."""
        lower = word.lower()
        return lower in self.lowercase or (lower.endswith("s") and lower[:-1] in self.lowercase)

    def inflects_lower(self, word: str) -> bool:
        """'Increased', 'Approve': a form of a word the article writes in lower case."""
        lower = word.lower()
        forms = {lower + "s", lower + "d", lower + "ed", lower + "ing", lower[:-1] + "ing"}
        for suffix in ("ed", "ing"):
            stem = lower.removesuffix(suffix)
            if stem != lower and len(stem) >= 3:
                forms |= {stem, stem + "e", stem[:-1]}
        return not forms.isdisjoint(self.lowercase)

    def mid_sentence(self, phrase: str) -> bool:
        """The phrase also follows a word or a comma, where only a name is capitalised."""
        at = self.text.find(phrase, 2)
        while at != -1:
            before = self.text[at - 2]
            if self.text[at - 1] == " " and (before.isalnum() or before in ",;:("):
                return True
            at = self.text.find(phrase, at + 1)
        return False

    def recurs(self, part: str, name: str) -> bool:
        """The article also writes `part` outside `name` (as whole words)."""
        return self._count(part) > self._count(name)

    def _count(self, phrase: str) -> int:
        r"""How often the phrase occurs as whole words: what re.findall counts of
        "(?<!\w)phrase(?!\w)", without compiling a regex for every phrase."""
        if not phrase:
            return len(re.findall(r"(?<!\w)(?!\w)", self.text))
        text, count, at = self.text, 0, self.text.find(phrase)
        while at != -1:
            end = at + len(phrase)
            if not (_word_char(text, at - 1) or _word_char(text, end)):
                count += 1
                at = text.find(phrase, end)
            else:
                at = text.find(phrase, at + 1)
        return count


def _word_char(text: str, at: int) -> bool:
    """Whether text[at] is what \\w matches (False outside the text)."""
    if not 0 <= at < len(text):
        return False
    char = text[at]
    return char.isalnum() or char == "_"


def derive_tags(paragraphs: list[str], limit: int = MAX_TAGS) -> tuple[str, ...]:
    """Most-mentioned names first; short forms ('Abbas') and variants ('Steve Gerrard',
    'Lib Dems') count towards the full name ('Mahmoud Abbas'); titles ('Defence Minister')
    are stripped. A single word needs two mentions, or to be an acronym, to count as a name;
    a nationality ("British") or an acronym of a common noun ("TV") is not a name. Names
    in the lead paragraph rank higher: that is who the story is about."""
    text = " ".join(paragraphs)
    article = _Article.of(text)
    mentions: Counter[str] = Counter()
    openers: Counter[str] = Counter()  # one capitalised word starting a sentence
    weight: Counter[str] = Counter()  # for ranking: lead mentions count double
    first_seen: dict[str, int] = {}
    for number, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph):
            for name, opens_sentence in _names_in(sentence, article):
                (openers if opens_sentence else mentions)[name] += 1
                weight[name] += 2 if number == 0 else 1
                first_seen.setdefault(name, len(first_seen))
    name_words = {word for name in mentions for word in name.split()}
    for word, count in sorted(openers.items()):
        if is_opener(word) or article.written_lower(word) or article.inflects_lower(word):
            continue  # "Shares rose…", "Asked why…": not a name
        # "Hamas said…" twice, or "Gantz told…" when Gantz also appears mid-sentence.
        if count >= 2 or word in name_words:
            mentions[word] += count
    generic = _generic_acronyms(text)
    renamed = _without_describers(mentions, set(openers), article, generic)
    renamed |= _country_forms(mentions)
    for old, new in renamed.items():
        mentions[new] += mentions.pop(old)
        weight[new] += weight.pop(old)
        first_seen[new] = min(first_seen.pop(old), first_seen.get(new, len(first_seen)))
    count: Counter[str] = Counter()
    rank: Counter[str] = Counter()
    seen: dict[str, int] = {}
    for name, root in _homes(mentions).items():
        count[root] += mentions[name]
        rank[root] += weight[name]
        seen[root] = min(seen.get(root, first_seen[name]), first_seen[name])
    words = {_variant(word) for name in count for word in name.split()}
    names = [name for name in count if _is_tag(name, count[name], generic, words)]
    # A name met once outside the lead is more often a passing mention than the subject.
    names.sort(key=lambda n: (count[n] < 2 and rank[n] < 2, -rank[n], seen[n]))
    return tuple(names[:limit])


def _names_in(sentence: str, article: _Article | None = None) -> list[tuple[str, bool]]:
    """Capitalised phrases, each with whether it is a lone word opening the sentence."""
    article = article or _Article.of(sentence)
    if _SCORER.search(sentence):
        sentence = _MINUTES.sub(_without_minutes, sentence)
    breaks = _BREAKS if _CALENDAR_NAME.search(sentence) else _BREAKS_UNDATED
    sentence = breaks.sub(" , ", sentence)
    starts = _clause_starts(sentence)
    names = []
    for start, phrase in _phrases(sentence, article):
        words = phrase.split()
        # "Paris-based Euronext", "San Francisco-based US Court of Appeals": the words up to
        # a describing compound describe; the name follows it.
        describing = [i for i, w in enumerate(words) if "-" in w and _DESCRIBING.search(w)]
        if describing:
            start, words = (
                start + len(" ".join(words[: describing[-1] + 1])) + 1,
                words[describing[-1] + 1 :],
            )
        if not words:
            continue
        at_start = start in starts
        # "All Blacks captain Tama Umaga…" keeps its All when the article also writes it
        # mid-sentence; "But Brady…" does not.
        opening = at_start and not (words[0].lower() in FUNCTION_WORDS and _mid(words, article))
        first = words[0]
        words = _tidy(words, opening).split()
        if at_start and len(words) > 1 and _opens(words[0], " ".join(words), article):
            words = _tidy(words[1:]).split()  # "One of President Bush…"
        # A lone word that opens the sentence may be capitalised only for that; after "The"
        # or "But" it is capitalised because it is a name.
        lone = at_start and len(words) == 1 and words[0] == first
        for number, name in enumerate(_split_links(_clean(words), article)):
            name = _tidy(name.split(), opening or number > 0)
            if name:
                names.append((name, lone))
    return names


def _clause_starts(sentence: str) -> set[int]:
    """Where clauses start: the ends of the matches of the one pattern. Its first half always
    matches at the start, and stops at a letter, so every colon after that starts a match of
    the second half."""
    first = _SENTENCE_START.match(sentence)
    end = first.end() if first else 0
    return {end} | {m.end() for m in _AFTER_COLON.finditer(sentence, end)}


def _mid(words: list[str], article: _Article) -> bool:
    return len(words) > 1 and article.mid_sentence(" ".join(words))


def _without_minutes(match: re.Match[str]) -> str:
    """'Drogba 107, Kezman 112' → 'Drogba , Kezman ,'; 'Radio 1, Radio 2' are names."""
    names = re.findall(r"[A-Z][\w'’-]+(?= \d)", match.group())
    if len(set(names)) < len(names):
        return match.group()
    return re.sub(r" \d{1,3}\b", " ,", match.group())


def _phrases(sentence: str, article: _Article) -> Iterator[tuple[int, str]]:
    """Capitalised phrases with where they start; two joined by 'and' are one name when the
    article abbreviates them together ('Food and Drug Administration', 'FDA')."""
    matches = list(_PHRASE.finditer(sentence))
    i = 0
    while i < len(matches):
        start, phrase = matches[i].start(), matches[i].group()
        while (
            i + 1 < len(matches) and sentence[matches[i].end() : matches[i + 1].start()] == " and "
        ):
            joined = f"{phrase} and {matches[i + 1].group()}"
            if not _one_name(phrase, joined, article):
                break
            phrase, i = joined, i + 1
        yield start, phrase
        i += 1


def _one_name(first: str, joined: str, article: _Article) -> bool:
    """Whether 'X and Y Z' is one name: the article abbreviates it ('FDA'), or X is one word
    never written without the rest, or a common word, and Z is a head noun ('Securities
    and Exchange Commission')."""
    words = [w for w in joined.split() if not _function(w)]
    if words and _initials(tuple(words)) in article.acronyms:
        return True
    second = joined[len(first) + 5 :]
    if re.search(r"\S+ (?:of|for) \S+$", first) and " " not in second:
        head = first.rsplit(None, 2)[0].split()[-1]
        return head.lower() in HEAD_NOUNS  # "Department for Work and Pensions"
    if " " in first or first.isupper() or not words or words[-1].lower() not in HEAD_NOUNS:
        return False  # "UPS and Deutsche Post" are two
    return article.written_lower(first) or not article.recurs(first, joined)


def _opens(word: str, phrase: str, article: _Article) -> bool:
    """'Defiant Matt Williams', 'Sprinters Kostas Kenteris': a sentence's first word that is
    an opener, or that the article writes in lower case, is not part of the name — unless
    the whole phrase is also written mid-sentence ('Top Gear')."""
    describing = (
        is_opener(word)
        or article.written_lower(word)
        or article.inflects_lower(word)
        or _GERUND.fullmatch(word) is not None
    )
    return describing and not article.mid_sentence(phrase)


def _clean(words: list[str]) -> str:
    """Titles and forms of address off a person's name: 'Science Minister Lord Sainsbury'
    is Sainsbury, 'Ruth Kelly MP' is Ruth Kelly, 'the Bush Presidency' is Bush."""
    while len(words) > 1 and words[-1] in POSTNOMINALS:
        words = words[:-1]
    if any(word.split("-")[0] in _TITLE_STARTS for word in words):
        words = _strip_titles(" ".join(words)).split()
    if len(words) == 2 and words[1] in _REGIMES and not _DEMONYM.fullmatch(words[0]):
        words = words[:1]
    # "Lord Sainsbury" is David Sainsbury; "Lord of the Rings" keeps its Lord.
    while (
        len(words) > 1
        and words[0].lower().rstrip(".") in HONORIFICS
        and words[1] not in _CONNECTORS
    ):
        words = words[1:]
    return " ".join(words)


def _tidy(words: list[str], opening: bool = True) -> str:
    return _tidy_words(tuple(words), opening)


@lru_cache(maxsize=1 << 16)
def _tidy_words(words: tuple[str, ...], opening: bool) -> str:
    """Function words and connectors off both ends ('In September Spears' → 'Spears',
    'the UK Patent Office' → 'UK Patent Office'); '' if nothing that can name is left.
    Inside a sentence (not `opening`) only an article or a conjunction comes off: 'the All
    Blacks', 'Just Add Monsters' keep their first word."""
    start = 0
    while start < len(words) and _no_start(words, start, opening):
        start += 1  # "On Monday Brown said", "In 2000 the US Customs Service"
    end = len(words)
    while end > start and (words[end - 1] in _CONNECTORS or words[end - 1] in _TRAILING):
        end -= 1  # "Brown and I", "European Union In…"; "Make It On Your Own" keeps Own
    while end > start + 1 and words[end - 1].isdigit() and words[end - 2].lower() in CALENDAR:
        end -= 1  # "June 2005" is a date
    name = " ".join(words[start:end]).strip(" .’'")
    lower = name.lower()
    if len(name) < 2 or _function(name) or lower in HONORIFICS or lower in CALENDAR:
        return ""
    return name


def _no_start(words: list[str], at: int, opening: bool = True) -> bool:
    """Whether words[at] cannot start a name: a function word, a date after one ('On
    Monday': the "Sunday Times" keeps its Sunday), a number before one ('50 Cent' stays)."""
    word = words[at]
    lower = word.lower()
    if (_function(word) if opening or at else lower in _ARTICLES) or word in _CONNECTORS:
        return True
    if at and lower in CALENDAR:
        return True
    if not word.isdigit():
        return False
    return len(word) == 4 or at + 1 == len(words) or _no_start(words, at + 1, opening)


@lru_cache(maxsize=1 << 16)
def _function(word: str) -> bool:
    """A function word; 'US' and 'IT' in capitals are not 'us' and 'it'."""
    return word.lower() in FUNCTION_WORDS and not (len(word) > 1 and word.isupper())


def _split_links(name: str, article: _Article) -> Iterator[str]:
    """'Bank of England', 'Institute for Fiscal Studies', 'Maria Full of Grace' are one name;
    'Elene Likhotseva of Russia' is a person and a place, 'Blair on Iraq' two names."""
    links = list(_LINK.finditer(name))
    current = name[: links[0].start()] if links else name
    for number, link in enumerate(links):
        end = links[number + 1].start() if number + 1 < len(links) else len(name)
        after, rest = name[link.end() : end], name[link.end() :]
        if _linked(current, link.group(1), after, rest, article):
            current = f"{current} {link.group(1)} {after}"
        else:
            yield current
            current = after
    if current:
        yield current


def _linked(before: str, link: str, after: str, rest: str, article: _Article) -> bool:
    """Whether `before` `link` `after` is one name; `rest` is all of the phrase after `link`."""
    head = before.split()[-1] if before else ""
    if link != "of":
        # "Institute for Fiscal Studies", "American Association for the Advancement of
        # Science"; not "Congress on Monday" or "Leicester Square for the UK".
        return head.lower() in HEAD_NOUNS and len(rest.removeprefix("the ").split()) > 1
    if head.lower() in HEAD_NOUNS or article.written_lower(head) or after == "the Year":
        return True  # a head noun: "Royal Bank of Scotland", "World Player of the Year"
    org = after.split()[-1].lower() in HEAD_NOUNS
    if org and " " in before and all(_person_word(w, article) for w in before.split()):
        return False  # a person of an organisation: "Orin Middleton of Barclays Capital"
    # A person of a place when the surname or the place is also written alone: "Kinnock of
    # Bedwellty" (Neil Kinnock) too; "Axis of Evil", "Maria Full of Grace" are one name.
    name = f"{before} of {after}"
    if " " not in before:
        return not article.recurs(head, name)
    return not (article.recurs(head, name) or article.recurs(after, name))


@lru_cache(maxsize=1 << 16)
def _strip_titles(phrase: str) -> str:
    """'Israeli Defence Minister Benny Gantz' → 'Benny Gantz'; a phrase that ends in a title
    ('Palestinian Civil Affairs Minister', 'Prince of Persia') names no one and gives ''.
    A title word before a head noun is part of a name: 'Premier League', 'General Motors'."""
    titles = list(_TITLE.finditer(phrase))
    if not titles:
        return phrase
    if re.search(r"\b(?:of|for)\s+$", phrase[: titles[-1].start()]):
        return phrase  # "Association of Chief Police Officers"
    rest = phrase[titles[-1].end() :].strip()
    words = rest.lower().split()
    if (
        words
        and words[0] not in _CONNECTORS
        and (words[0] in HEAD_NOUNS or words[-1] in HEAD_NOUNS)
    ):
        return phrase
    # "Secretary of State Colin Powell" → "Colin Powell"; "King of Spain" is a role.
    of_place = _OF_PLACE.match(rest)
    return rest[of_place.end() :] if of_place else rest


def _without_describers(
    mentions: Counter[str], openers: set[str], article: _Article, generic: frozenset[str]
) -> dict[str, str]:
    """'Czech Jan Hernych' → 'Jan Hernych', 'American Davenport' → 'Davenport': a describing
    word before a person's name, known as a person because the surname is also written
    alone, or after another first name ('Lindsay Davenport'). 'British National Party'
    keeps its first word: its words are not a person's ('Party' is a head noun). Also a
    country or a common noun around a name written alone too: 'US Department of Justice',
    'CSI TV shows', and an organisation before a person ('Child Support Agency Doug Smith')."""
    alone = {name for name in mentions if " " not in name} | openers
    first_names: dict[str, set[str]] = {}  # surname → the first names written before it
    for name in mentions:
        words = name.split()
        if len(words) == 2 and _person_word(words[0], article):
            first_names.setdefault(words[1], set()).add(words[0])
    renamed = {}
    for name in sorted(mentions):
        first, *rest = name.split()
        plain = _plain_form(name.split(), mentions, alone, article, generic)
        if plain:
            renamed[name] = plain
            continue
        if not rest or len(rest) > 3 or not _describes(first, article):
            continue
        if len(rest) == 1 and not first_names.get(rest[0], set()) - {first}:
            continue  # "British Airways": no one else called Airways
        if len(rest) > 1 and rest[-1] not in alone:
            continue  # "High Speed Downlink Packet Access": no one called Access
        if all(_person_word(word, article) for word in rest):
            renamed[name] = " ".join(rest)
    return renamed


def _plain_form(
    words: list[str],
    mentions: Counter[str],
    alone: set[str],
    article: _Article,
    generic: frozenset[str],
) -> str:
    """The name inside 'US Department of Justice', 'CSI TV', 'Child Support Agency Doug
    Smith' when the article also writes it without the extra words; '' if none."""
    if len(words) < 2:
        return ""
    first, rest = words[0], " ".join(words[1:])
    country = first in COUNTRY_FORMS or _PEOPLE.fullmatch(first)
    if (
        country
        and len(words) > 2
        and (rest in mentions or (first in COUNTRY_FORMS and words[1] in alone))
    ):
        return rest  # "US Department of Justice", "US Disney Corporation" (Disney)
    plain = rest.lower() not in HEAD_NOUNS and not article.written_lower(rest)
    describing = country or first in _MONTHS.split("|")  # a day names papers: "Sunday Times"
    if describing and len(words) == 2 and (rest in mentions or rest in alone) and plain:
        return rest  # "US Vibe", "Swiss Xstrata", "the September Tankan"; not "US Open",
        # "British Library" or "Sunday Times"
    head = " ".join(words[:-1])
    last = words[-1]
    if (last.upper() in generic or last.lower() in CALENDAR) and (
        head in mentions or head in alone
    ):
        return head  # "CSI TV shows", "US TV", "Radio 1 Thursday"
    if last.upper() in generic and len(words) > 2:
        return head  # "Anywhere But Home CD", "Star Wars DVD"
    heads = [i for i, w in enumerate(words[:-2]) if w.lower() in HEAD_NOUNS]
    if heads and 2 <= len(words) - heads[-1] - 1 <= 3 and words[-1] in alone:
        person = words[heads[-1] + 1 :]
        if all(_person_word(word, article) for word in person):
            return " ".join(person)  # "Child Support Agency Doug Smith"
    return ""


def _country_forms(mentions: Counter[str]) -> dict[str, str]:
    """'Britain' and 'UK' in one story are one tag, named as the story names it most."""
    forms: dict[str, list[str]] = {}
    for name in sorted(mentions):
        if name in COUNTRY_FORMS:
            forms.setdefault(COUNTRY_FORMS[name], []).append(name)
    renamed = {}
    for names in forms.values():
        most = max(names, key=lambda n: mentions[n])  # sorted: ties go to the first
        renamed.update({name: most for name in names if name != most})
    return renamed


def _describes(word: str, article: _Article) -> bool:
    """'American', 'Americans', 'Veteran', or a word the article writes in lower case."""
    people = _PEOPLE.fullmatch(word) or _PEOPLE.fullmatch(word.removesuffix("s"))
    return people is not None or is_opener(word) or article.written_lower(word)


def _person_word(word: str, article: _Article) -> bool:
    """A word that can be part of a person's name: not 'US', 'French', 'Open' or 'open'."""
    return (
        word[:1].isupper()
        and not word.isupper()
        and word.lower() not in HEAD_NOUNS
        and not _PEOPLE.fullmatch(word)
        and not article.written_lower(word)
    )


def _generic_acronyms(text: str) -> frozenset[str]:
    """Acronyms of common nouns: listed ones, those the article puts in the plural ('PVRs')
    and those it spells out in lower case ('personal video recorder (PVR)')."""
    found = set(_PLURAL_ACRONYM.findall(text))
    for match in _BRACKETED_ACRONYM.finditer(text):
        acronym = match.group(1)
        before = re.split(r"[\s-]+", text[max(0, match.start() - 120) : match.start()].strip())
        spelled = before[-len(acronym) :]
        lower = len(spelled) == len(acronym) and all(w[:1].islower() for w in spelled)
        if lower and "".join(w[0] for w in spelled).upper() == acronym:
            found.add(acronym)
    return GENERIC_ACRONYMS | frozenset(a.upper() for a in found)


def _is_tag(name: str, count: int, generic: frozenset[str], words: set[str]) -> bool:
    """Whether a merged name, mentioned `count` times, is worth a tag."""
    if not _LETTER.search(name):
        return False  # "The 9 9 TV": numbers left of a phrase once its opener is dropped
    if " " not in name and count < 2 and not name.isupper():
        return False  # one mention of one word: too often a stray capital
    if name.lower() in OPENERS or name in _ADJECTIVES or _PEOPLE.fullmatch(name):
        return False  # "Former", "Olympic", "British"
    if all(word.upper() in generic or _DEMONYM.fullmatch(word) for word in name.split()):
        return False  # "TV", "French DTT"
    if name.endswith("s") and _PEOPLE.fullmatch(name.split()[-1][:-1]):
        return False  # "Roma Czechs", "Muslims": a group of people
    # "Tory-Labour debate": two names joined to describe something, not a third name.
    parts = name.split("-")
    return not (len(parts) == 2 and " " not in name and all(_variant(p) in words for p in parts))


def _homes(mentions: Counter[str]) -> dict[str, str]:
    """Map each name to the one it is a form of: the longest name containing it as whole
    words, the name it abbreviates ('PA' → 'Palestinian Authority'), or a variant spelling
    of it ('Steve Gerrard' → 'Steven Gerrard', 'Lib Dems' → 'Liberal Democrats')."""
    # Longest first, so that a short form finds its full name; of two forms that differ in
    # case or number only, the one written more often ("Canal Bank", not "Canal Banks").
    order = sorted(mentions, key=lambda n: (-len(_variant(n)), -mentions[n], -len(n), n))
    roots: list[tuple[str, ...]] = []
    by_prefix: dict[str, list[int]] = {}  # a word's first three letters → roots with it
    by_initials: dict[str, list[int]] = {}
    home: dict[str, str] = {}
    for name in order:
        words = tuple(name.split())
        candidates = {i for w in words for i in by_prefix.get(w[:3].lower(), ())}
        if _acronym(name):
            candidates.update(by_initials.get(_acronym(name), ()))
        match = next((roots[i] for i in sorted(candidates) if _same_entity(words, roots[i])), None)
        if match is None:
            match = words
            for word in words:
                by_prefix.setdefault(word[:3].lower(), []).append(len(roots))
            for initials in {_initials(words), _initials(words, links=True)}:
                by_initials.setdefault(initials, []).append(len(roots))
            roots.append(words)
        home[name] = " ".join(match)
    return home


@lru_cache(maxsize=1 << 16)
def _same_entity(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether `short` (never longer in characters) is another form of the name `long`."""
    if _contains(long, short) or _variant(" ".join(short)) == _variant(" ".join(long)):
        return True
    key = _acronym(short[0]) if len(short) == 1 else ""
    if key and key in (_initials(long), _initials(long, links=True)):
        return True  # "PA", "S&P", "MoD" (Ministry of Defence), "DfES"
    if len(short) != len(long):
        return False
    if len(short) > 1:
        return _abbreviated(short, long)
    return _spelt_alike(short[0], long[0])  # "Montieth" / "Monteith"


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """`short` appears in `long` as whole words, allowing a misspelt word ('Montieth')."""
    size = len(short)
    if size >= len(long):
        return False
    return any(
        all(_spelt_alike(a, b) for a, b in zip(short, long[i : i + size], strict=True))
        for i in range(len(long) - size + 1)
    )


def _abbreviated(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """'Steve Gerrard' / 'Steven Gerrard', 'Lib Dems' / 'Liberal Democrats': word by word,
    each is the same word, a misspelling, or a clipped form (three letters or more). A
    clipped last word counts only when every word is clipped: 'New York' is not 'New Yorker'."""
    same = [_spelt_alike(a, b) for a, b in zip(short, long, strict=True)]
    clipped = [_clips(a, b) for a, b in zip(short, long, strict=True)]
    if not all(s or c for s, c in zip(same, clipped, strict=True)):
        return False
    if all(same):
        return short != long  # a word misspelt
    return same[-1] or not any(same)


def _clips(short: str, long: str) -> bool:
    stem = short.removesuffix("s") if len(short) > 3 else short
    return len(stem) >= 3 and len(long) > len(stem) and long.startswith(stem)


@lru_cache(maxsize=1 << 16)
def _spelt_alike(a: str, b: str) -> bool:
    """The same word, or (six letters or more) one vowel changed or two letters swapped."""
    if a == b or a.lower() == b.lower():
        return True  # "Van Gogh" is in "Theo van Gogh"
    if len(a) != len(b) or len(a) < 6 or a[0] != b[0]:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return a[diffs[0]] in _VOWELS and b[diffs[0]] in _VOWELS
    i, j = diffs[0], diffs[-1]
    return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


@lru_cache(maxsize=1 << 16)
def _initials(words: tuple[str, ...], links: bool = False) -> str:
    """'UK Independence Party' → 'UKIP': an acronym inside a name counts whole; with
    `links`, 'of', 'for' and 'on' count too ('Ministry of Defence' → 'MOD')."""
    return "".join(
        w if w.isupper() else w[0].upper()
        for w in words
        if w[0].isupper() or (links and w in ("of", "for", "on"))
    )


@lru_cache(maxsize=1 << 16)
def _acronym(word: str) -> str:
    """'PA', 'S&P', 'MoD', 'DfES' in capitals without '&'; '' for a word that is not one."""
    if " " in word or not 2 <= len(word) <= 8 or sum(c.isupper() for c in word) < 2:
        return ""
    if not word[0].isupper() or not word.replace("&", "").isalpha():
        return ""
    return word.replace("&", "").upper()


@lru_cache(maxsize=1 << 16)
def _variant(name: str) -> str:
    """'Lib Dems' and 'Lib Dem', 'Tories' and 'Tory', 'Sands Of Time' and 'Sands of Time',
    'Summit on the' and 'Summit for the Information Society' are one name."""
    lower = " ".join(w for w in name.lower().split() if w not in _CONNECTORS)
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ses", "xes", "ches", "shes")):
        return lower[:-2]
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower
