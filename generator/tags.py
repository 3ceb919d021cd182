"""Tags: the people, organisations and places an article names, found as capitalised phrases."""

from __future__ import annotations

import re
from collections import Counter

from .headline import TITLE_WORDS
from .sentences import split_sentences

MAX_TAGS = 6

# Words that are capitalised only because they start a sentence, or are not names at all.
_COMMON = frozenset(
    """
a about according after again against all also although among an and another any are as
at be because been before being both but by can could did do does during each either
even ever every few for from had has have he her here hers him his how however i if in
including into is it its just last later many may me meanwhile more most much must my
neither new next no nor not now of on once one only or other our out over own per
perhaps previously recently same several she should since so some still such than that
the their them then there these they this those though through thus to today tomorrow
too two under unless until up upon us was we were what when where whether which while
who whom whose why will with within without would yesterday yet you your monday tuesday
wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms dr sir lord lady
""".split()
)
# Nationality and other adjectives of place ("British", "Swiss") describe; they name no one.
_DEMONYM = re.compile(
    r"[A-Z][a-z]+(?:ish|ese|ian|ean|ic)|Swiss|Greek|French|Dutch|Thai|Czech|Welsh|Scots|Arab|"
    r"Israeli|Pakistani|Iraqi|Afghan|Kenyan|German|American|African|Mexican|Korean|Cuban|"
    r"Malagasy|Filipino|Nepali|Bangladeshi|Saudi|Yemeni|Kuwaiti|Omani|Qatari|Somali"
)
_DESCRIBING = re.compile(rf"-[a-z]|^(?:{_DEMONYM.pattern})-")
_TITLE = re.compile(rf"\b(?:{TITLE_WORDS})\b")
_NAME_WORD = r"(?:(?:al|el|bin|ibn|de|da|van|von)-)?(?:[A-Z][\w.'’-]*[\w.]|[A-Z])"
_CONNECTOR = r"(?:of|the|de|du|da|van|von|der|bin|ibn|al|el|la|le|&)"
_PHRASE = re.compile(rf"{_NAME_WORD}(?:(?:\s+{_CONNECTOR})*\s+{_NAME_WORD})*")


def derive_tags(paragraphs: list[str], limit: int = MAX_TAGS) -> tuple[str, ...]:
    """Most-mentioned names first; short forms ('Abbas') count towards the full name
    ('Mahmoud Abbas'); titles ('Defence Minister') are stripped. A single word needs two
    mentions, or to be an acronym, to count as a name; a nationality ("British") is not a
    name. Names in the lead paragraph rank higher: that is who the story is about."""
    mentions: Counter[str] = Counter()
    openers: Counter[str] = Counter()  # one capitalised word starting a sentence
    weight: Counter[str] = Counter()  # for ranking: lead mentions count double
    first_seen: dict[str, int] = {}
    lowercase = _lowercase_words(paragraphs)
    for number, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph):
            for name, opens_sentence in _names_in(sentence, lowercase):
                # A name in the lead paragraph is what the story is about: it counts double.
                (openers if opens_sentence else mentions)[name] += 1
                weight[name] += 2 if number == 0 else 1
                first_seen.setdefault(name, len(first_seen))
    for word, count in openers.items():
        # "Hamas said…" twice, or "Gantz told…" when Gantz also appears mid-sentence.
        if word.lower() in lowercase:
            continue  # "Shares rose…": the article writes it in lower case elsewhere
        if count >= 2 or any(word in name.split() for name in mentions):
            mentions[word] += count
    merged = _merge_short_forms(mentions)
    rank = _merge_short_forms(Counter({n: weight[n] for n in mentions}))
    names = [
        n
        for n in merged
        if (len(n.split()) > 1 or merged[n] >= 2 or n.isupper()) and not _DEMONYM.fullmatch(n)
    ]
    names.sort(key=lambda name: (-rank[name], first_seen[name]))
    return tuple(names[:limit])


def _lowercase_words(paragraphs: list[str]) -> frozenset[str]:
    """Words the article writes in lower case: capitalised, they only start a sentence."""
    return frozenset(re.findall(r"(?<![\w.-])[a-z][a-z-]+\b", " ".join(paragraphs)))


def _names_in(sentence: str, lowercase: frozenset[str] = frozenset()) -> list[tuple[str, bool]]:
    """Capitalised phrases, each with whether it is a lone word opening the sentence."""
    names = []
    # "Arsenal's Pires", "Jones' goal": two names; "D'Arcy" is one.
    sentence = re.sub(r"(?<=\w)['’](?:s\b|(?=\s|$))", " ,", sentence)
    sentence = re.sub(r"\s(?=(?:Mr|Mrs|Ms|Dr)\.?\s)", " , ", sentence)  # "Tanzania Mr Brown"
    sentence = re.sub(r"(?<=[a-z]{2})\.\s", " , ", sentence)  # a missed sentence end
    for match in _PHRASE.finditer(sentence):
        # "Paris-based Euronext": a word with a lower-case part describes, it names no one.
        words = [w for w in match.group().split() if not _DESCRIBING.search(w)]
        at_start = match.start() == _first_word_start(sentence)
        # "Sprinters Kostas Kenteris", "Past Congressional Budget Office": a sentence's first
        # word that the article also writes in lower case is not part of the name.
        if at_start and len(words) > 1 and words[0].lower() in lowercase:
            words = words[1:]
        while words and words[0].lower() in _COMMON:
            words = words[1:]
        while words and words[-1].lower() in _COMMON:
            words = words[:-1]
        name = _strip_titles(" ".join(words))
        name = re.sub(rf"^(?:{_CONNECTOR}\s+)+|(?:\s+{_CONNECTOR})+$", "", name).strip(" .’'")
        if name and name.lower() not in _COMMON and len(name) > 1:
            names.append((name, at_start and len(words) == 1))
    return names


def _first_word_start(sentence: str) -> int:
    match = re.search(r"[A-Za-z]", sentence)
    return match.start() if match else 0


def _strip_titles(phrase: str) -> str:
    """'Israeli Defence Minister Benny Gantz' → 'Benny Gantz'; a phrase that ends in a title
    ('Palestinian Civil Affairs Minister') names no one and gives ''."""
    titles = list(_TITLE.finditer(phrase))
    return phrase[titles[-1].end() :].strip() if titles else phrase


def _merge_short_forms(mentions: Counter[str]) -> Counter[str]:
    """Fold each name into the longest name that contains it as whole words, and an
    acronym into the name it abbreviates ('PA' → 'Palestinian Authority')."""
    merged: Counter[str] = Counter()
    names = sorted(mentions, key=lambda n: (-len(n), -mentions[n], n))
    for name in names:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        home = next(
            (
                longer
                for longer in names
                if longer != name
                and longer in merged
                and (
                    (len(longer) > len(name) and pattern.search(longer))
                    or _abbreviates(name, longer)
                    or _variant(name) == _variant(longer)
                )
            ),
            name,
        )
        merged[home] += mentions[name]
    return merged


def _abbreviates(acronym: str, name: str) -> bool:
    initials = "".join(word[0] for word in name.split() if word[0].isupper())
    return acronym.isupper() and len(acronym) >= 2 and acronym == initials


def _variant(name: str) -> str:
    """'Lib Dems' and 'Lib Dem', 'Sands Of Time' and 'Sands of Time' are one name."""
    return re.sub(r"e?s$", "", name.lower())
