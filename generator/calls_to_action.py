"""Is a line a call to action: subscribe, follow, share, donate, download the app, paywall
and ad-blocker notices, "listen to this article", podcast plugs, surveys, the publisher's
competitions…?

A call to action speaks to the reader about the publication, not about the news. No list of
phrases could hold every wording publishers use, so a line is described by kinds of evidence
and a small logistic model weighs them:

- for: an imperative at the start of a clause, the reader addressed ("you"), the publisher
  speaking of itself ("we", "our", "us", "this article"), what publications offer
  (newsletter, podcast, subscription, website, app, alerts, a social network), a price or
  "free", a link or a handle, urgency ("now", "today", "below"), a question hooking the
  reader ("Love local news? …"), and the ask and the offer together;
- against: narrative in the past tense, a third-person subject, news figures (years,
  millions), official advice ("should", "are advised to"), a first-person voice.

Some lines are decided before the model is asked (`is_decided_news`): markup or figures,
quoted or attributed speech ('"Join us," the protesters chanted'), and, when the publisher
does not speak, advice naming a public service ("Call 999…"), someone else's channel ("the
club's website") or an imperative that sets a scene ("Go online and you will find…"). Page
labels ("Advertisement", "Read more: …") are boilerplate by their form.

The weights were fitted on hand-written development lines (tests/data/boilerplate_*.txt) by
bench/fit_calls_to_action.py and are shipped here as constants: the rule is plain code,
deterministic, and needs nothing at run time. Lexicons are sets looked up word by word, so
that a paragraph costs a few tens of microseconds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A word: letters and digits, with inner apostrophes, dots, slashes, @, #, & and hyphens, so
# that "you're", "e-mail", "gazette.co.uk/subscribe", "@dailyherald" and "£5" stay whole.
_TOKEN = re.compile(r"[\w@#£$€][\w'@#/&.-]*\w|[\w@#£$€]")


class _Words(NamedTuple):
    tokens: tuple[str, ...]
    lower: tuple[str, ...]
    joined: str  # the lower-case words, each after one space


@lru_cache(maxsize=512)
def _words(text: str) -> _Words:
    """The words of a text. Cached: a paragraph is looked at several times in a row."""
    text = text.replace("’", "'")
    lower = tuple(_TOKEN.findall(text.lower()))
    return _Words(tuple(_TOKEN.findall(text)), lower, " " + " ".join(lower) if lower else "")


class _Lexicon:
    """Lower-case words, phrases of two to four words (written with underscores:
    "mailing_list") and word beginnings ("subscri" for subscribe, subscriber…)."""

    def __init__(self, words: str, phrases: str = "", beginnings: str = "") -> None:
        self.words = _set(words)
        self.phrases = frozenset(tuple(p.split("_")) for p in phrases.split())
        self.firsts = frozenset(p[0] for p in self.phrases)
        self.lengths = sorted({len(p) for p in self.phrases})
        self.beginnings = tuple(beginnings.split())
        self.spaced = tuple(" " + b for b in self.beginnings)

    def has(self, word: str) -> bool:
        return word in self.words or bool(self.beginnings and word.startswith(self.beginnings))

    def count(self, words: _Words) -> int:
        """How many of the lexicon's words (each counted once) and phrases the text holds."""
        lower = words.lower
        found = len(self.words.intersection(lower))
        for beginning in self.spaced:
            found += words.joined.count(beginning)
        if not self.firsts.isdisjoint(lower):
            found += sum(
                tuple(lower[i : i + n]) in self.phrases
                for i, word in enumerate(lower)
                if word in self.firsts
                for n in self.lengths
            )
        return found


# --- Reported speech: news, whatever the verbs inside -------------------------------------

_ATTRIBUTION = _Lexicon(
    """
    said says told tells telling chanted shouted wrote writes added adds urged urges urging
    warned warns advised advises advising encouraged encourages encouraging reminded reminds
    insisted insists claimed admitted admits explained explains argued argues stated
    promised pleaded pleads announced announces confirmed confirms revealed reveals
    recommended recommends appealed vowed vows pledged quoted asked heard understands
    """,
    """
    according_to reports_that is_asking
    are_asking was_asking were_asking is_calling are_calling was_calling were_calling
    is_appealing are_appealing was_appealing were_appealing
    """,
)
_PEOPLE = _set(
    """
    residents users customers fans parents people voters drivers passengers shoppers
    pensioners taxpayers walkers householders those anyone victims patients pupils students
    workers staff officials police ministers
    """
)
# "…asks people to…", "…calling on residents to…": a campaign or an authority asking.
_REQUESTS = _set("asks asking calls calling called")
_ASKED = _PEOPLE | _set("members families households motorists public")
# A quotation that is speech ends in punctuation inside the marks or holds two lower-case
# words; a short title in quotes ('search for “The Briefing”') is not speech.
_QUOTATION = re.compile(
    r"[\"“”]([^\"“”]*)[\"“”]|(?:^|(?<=[\s(]))['‘](\w[^'‘’]*?)['’](?=[\s,.;:!?]|$)"
)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _asks_people(lower: Sequence[str]) -> bool:
    for i, word in enumerate(lower):
        if word in _REQUESTS:
            after = [w for w in lower[i + 1 : i + 4] if w not in ("on", "the")]
            if after[:1] and after[0] in _ASKED:
                return True
    return False


def is_reported_speech(text: str) -> bool:
    """True when the line quotes someone or attributes what it says."""
    words = _words(text)
    if _ATTRIBUTION.count(words) or _asks_people(words.lower):
        return True
    for match in _QUOTATION.finditer(text):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        if quoted.rstrip().endswith((",", ".", "!", "?", "…")):
            return True
        if len(_LOWER_WORD.findall(quoted)) >= 2:
            return True
    # An unclosed double quote: a quotation continued from or into another paragraph.
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


# --- What publications offer ----------------------------------------------------------------

# Words seldom met in news outside a publication's own pitch.
_PUBLICATION = _Lexicon(
    """
    newsletter newsletters e-newsletter e-newsletters digest digests inbox inboxes podcast
    podcasts e-edition e-paper epaper journalism newsroom newsdesk crossword crosswords
    puzzle puzzles quiz quizzes paywall ad-free membership
    """,
    "mailing_list print_edition",
    "subscri donat",
)
# Words news also uses: a publication's parts, people and events.
_PUBLICATION_WEAK = _Lexicon(
    """
    episode episodes edition editions reporting reporter reporters journalist journalists
    editor editors correspondent correspondents coverage archive archives comment comments
    conversation forum poll polls survey surveys questionnaire feedback competition
    competitions giveaway member members supporter supporters patron patrons article
    articles stories story page site website homepage feed channel series show highlights
    gallery webinar event events bookshop shop reader readers listener listeners viewer
    viewers tip tips briefing briefings round-up round-ups roundup roundups bulletin
    bulletins offer offers premium contribution contributions access award awards paper
    phone-in picture pictures photo photos photograph photographs image images slideshow
    contributor contributors
    """,
    "prize_draw",
    "publish",
)
# The means of reaching the reader.
_DIGITAL = _Lexicon(
    """
    app apps email emails e-mail e-mails alert alerts notification notifications push bell
    account accounts login password cookies preferences ads advert adverts adblocker
    adblockers ad-blocker ad-blockers whitelist link links qr audio video videos online
    offline topic topics settings browser profile download downloads update updates message
    messages tap phone phones screen screens desktop signup signups sign-up sign-ups
    """,
    "app_store log_in sign_in ad_blocker ad_blockers sign_up sign_ups signing_up",
    "click swip scroll",
)
_PLATFORMS = _Lexicon(
    """
    twitter facebook instagram tiktok youtube threads bluesky mastodon linkedin whatsapp
    telegram signal snapchat pinterest reddit subreddit spotify flipboard ios android alexa
    rss substack patreon twitch discord
    """,
    "apple_podcasts google_play google_news google_podcasts apple_news social_media",
)


_WARES = (_PUBLICATION, _PUBLICATION_WEAK, _DIGITAL, _PLATFORMS)
# Wares that name the publication's own offer without "our", "your" or "this": news speaks
# of polls, shows and readers too ("Forget the polls; …").
_OWN_WARES = (_PUBLICATION, _DIGITAL, _PLATFORMS)


def _ware(word: str) -> bool:
    return any(lexicon.has(word) for lexicon in _WARES)


_PRICE = re.compile(r"[£$€]\d{1,2}(?:\.\d\d)?(?![\d,]|\.\d|bn|m\b)|\b\d{1,2}p\b|\d\s?%\s+off\b")
_COMMERCE = _Lexicon(
    """
    free ad-free trial unlimited limited-time code prize prizes voucher vouchers giveaway giveaways
    t&c t&cs half-price
    """,
    """
    half_price cancel_anytime cancel_any_time cancel_at_any_time as_little_as limited_time
    special_offer introductory_offer offer_ends chance_to_win terms_and_conditions
    rates_apply terms_apply
    """,
    "discount",
)
_AMOUNT = re.compile(r"^[£$€]?\d")


def _commerce(text: str, words: _Words) -> bool:
    """A price, "free", an offer, a trial, a code, a prize."""
    if _COMMERCE.count(words) or _PRICE.search(text):
        return True
    lower = words.lower
    if "just" not in lower and "save" not in lower:
        return False
    # "just £2 a week", "save 50%"
    return any(w in ("just", "save") and bool(_AMOUNT.match(a)) for w, a in pairwise(lower))


_LINK_HINT = re.compile(r"[@#.]|[A-Z]{3}|\b[Tt]ext\b")
_DOMAIN = re.compile(r"\.(?:com|co\.uk|org|net|news|uk|io|ly|info)(?:/|$)")
_CODE = re.compile(r"^[A-Z]{3,}\d+$")
_ALL_CAPS = re.compile(r"^[A-Z]{2,}$")


def _link(tokens: Sequence[str]) -> bool:
    """A web or e-mail address, a handle, a hashtag, a code ("READER20"), "Text WORD"."""
    if not _LINK_HINT.search(" ".join(tokens)):
        return False
    for i, token in enumerate(tokens):
        if "@" in token or (token[0] == "#" and token[1:2].isalpha()):
            return True
        if "." in token and (token.lower().startswith("www.") or _DOMAIN.search(token.lower())):
            return True
        if _CODE.match(token):
            return True
        if token.lower() == "text" and i + 1 < len(tokens) and _ALL_CAPS.match(tokens[i + 1]):
            return True
    return False


_URGENCY = _Lexicon(
    "now today today's tonight tonight's here here's below above anytime instantly",
    """
    this_week this_week's this_month this_month's this_weekend don't_miss never_miss
    be_the_first straight_to as_it_happens any_time for_more for_the_latest get_the_latest
    with_the_latest every_day every_weekday every_morning every_evening every_week
    every_month every_monday every_tuesday every_wednesday every_thursday every_friday
    every_saturday every_sunday
    """,
)
_YOU = _set("you your yours yourself you're you've you'll you'd")
_WE = _set("our ours ourselves we we're we've we'll we'd")  # and "us", in lower case only


def _we(words: _Words) -> bool:
    """The publication speaking of itself. Case matters: "US" is the country."""
    return "us" in words.tokens or not _WE.isdisjoint(words.lower)


# The publication pointing at itself: "this article", "enjoyed this?", "share this".
_DEIXIS = re.compile(
    r"\bthis\s+(?:article|story|page|site|website|post|newsletter|e-?mail|episode|podcast|"
    r"content|video|feature|piece|topic|thread|blog|gallery|show)\b"
    r"|\b(?:share|forward|enjoy(?:ed)?|like[d]?|love[d]?|found|read|send|pass)\s+this\b"
    r"|\bthis(?=\s*[?!.]|\s+useful|\s+in\s+your)",
    re.IGNORECASE,
)
_OWNED_BY = _set("our your this")
_THIS_PIECE = re.compile(
    r"^(?:(?:sorry|note|please\s+note)[,:]?\s+)?this\s+(?:article|story|content|page|site|"
    r"website|post|newsletter|podcast|episode|video|feature|piece|e-?mail|series|show)\b",
    re.IGNORECASE,
)


def _held(lower: Sequence[str]) -> bool:
    """Something of the publication's held by the reader or the publication: "your inbox",
    "our award-winning app", "this story"."""
    return not _OWNED_BY.isdisjoint(lower) and any(
        word in _OWNED_BY and any(map(_ware, lower[i + 1 : i + 4])) for i, word in enumerate(lower)
    )


# Possessors that are times or the paper's own people: "this week's episode", "Saturday's
# paper", "the editor's picks".
_TIMES = _set(
    """
    today tonight tomorrow yesterday week weekend month year morning evening monday tuesday
    wednesday thursday friday saturday sunday readers editor everyone
    """
)


def _someone_elses(words: _Words) -> bool:
    """A channel that belongs to someone named: "the council's website", "the club's app"."""
    if "'s" not in words.joined:
        return False
    lower = words.lower
    return any(
        word.endswith("'s") and word[:-2] not in _TIMES and any(map(_ware, lower[i + 1 : i + 3]))
        for i, word in enumerate(lower)
    )


# Public services: their advice is news even in the imperative ("Call 999 if…").
_PUBLIC = _Lexicon(
    """
    police council nhs government ministry department authority authorities agency official
    officials emergency 999 101 111 hospital gp pharmacy vaccine jab booster flood tax benefit
    benefits passport licence grant helpline voting polling election blood
    """,
    "to_vote",
    "eligib gov.uk",
)

# --- Imperatives ---------------------------------------------------------------------------

# Verbs that open an imperative (base forms). Most calls to action start with one, but so do
# news nouns ("Share prices", "Book sales"): what follows the verb decides (see _imperative).
_VERBS = _set(
    """
    accept access activate add advertise allow allowlist answer apply ask attend back be
    become begin binge bookmark book boost bring browse buy call cancel catch celebrate change
    chat check chip choose claim click close collect come comment compare complete confirm
    connect consider contact continue contribute copy create customise customize decline
    delete disable discover dismiss dive dm do donate download drop e-mail earn edit email
    enable enjoy enrol enroll enter expand experience explore find flag follow forget forward
    fund get gift give go grab have head hear help hit hold install invite join jump keep
    learn leave let like link listen log look love make manage match meet message miss
    nominate open opt order partner pass pause pay personalise personalize phone pick ping
    pitch play pledge post pre-order preorder press print protect purchase put rate reach
    read redeem refer refresh register reload relive remember renew reply repost request
    reserve reset respond restart retweet return review ring rsvp sample save scan scroll
    search see select send set share shop show sign skip smash snap solve spare speak sponsor
    spot spread start stay stop stream submit subscribe support swipe switch tag take talk
    tap tell test text thank toggle treat try tune turn tweet unlock unmute update upgrade
    upload use verify view visit volunteer vote watch whitelist win write zoom
    """
)
# Words that can follow an imperative verb: an object, a particle, a preposition.
_AFTER_VERB = _set(
    """
    the a an your our us it this that these those them me my more all every any some each
    up in on out off back down over now today here there to for with at from by into onto
    through via about and or free one two three four five ten unlimited exclusive full
    latest new daily weekly monthly breaking live what who how why where when whether if so
    yourself behind online below above as again anytime early instantly digital premium
    yes no please you
    """
)
# What follows a word unknown to _VERBS for the clause to read as an imperative: a
# determiner, a pronoun or a particle ("Unlock every article", "Swipe up").
_OBJECTS = _set("the a an your our us it this these them up in on out off more now every all")
# After these the opening word is a verb whatever follows ("See the moment the bridge
# opened"), not part of a subject ("Share prices fell").
_DETERMINERS = _set("the a an your our this these those us it them me every all my")
_FUNCTION_WORDS = _set(
    """
    a an the this that these those it he she they we i you our his her their its my your
    in on at for with by from as after before when while if but and or so yet some many
    most all no not more one two three mr mrs ms dr sir lord there here what who how why
    where which every each any both such only even also just now then first once later
    last next had was were is are did has have
    """
)
_AUXILIARIES = _set(
    """
    is are was were has have had will would can could should must may might shall isn't
    aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't
    """
)
_IRREGULAR_PAST = _set(
    """
    rose fell grew led won lost sold went came took made knew began shrank sank drew flew
    threw wrote spoke broke chose drove froze stole wore tore shook struck stood sat lay
    spent lent built felt dealt meant slept swept fought sought taught caught bought brought
    thought held kept met paid ran saw gave told said became overtook withdrew did
    """
)
# What may stand before a finite verb in a call to action: a subordinate clause ("…so you
# never miss a story", "…and it will be matched"), not the subject of a news sentence.
_CLAUSE_OPENERS = _set(
    """
    you we i it they he she that which who this there what and or but so if when once until
    before after as because while where whether to not never just also
    """
)
# Before these an -ed word is a participle or an adjective: "get notified", "a signed copy".
_PARTICIPLE_BEFORE = _set(
    """
    get got be been being is are was were have has had and or a an the your our this of for
    with from in on at
    """
)
# Adjectives that look like past tenses.
_ED_ADJECTIVES = _set(
    """
    unlimited limited dedicated personalised personalized sponsored related featured
    interested detailed selected curated trusted talented advanced based tailored signed
    framed registered verified updated connected informed awarded
    """
)
# Verbs in the present tense that news puts after a subject: "… week begins on Monday".
_PRESENT = _set(
    """
    begins starts ends opens closes returns runs comes goes takes makes leads faces wins
    loses rises falls remains continues gets hits shows plans aims launches marks turns
    heads moves seeks sees needs wants tops doubles
    """
)
_SKIPPED = _set("please just simply so then now")
_QUESTION_VERBS = _set("have do be can will are is")
_TITLE_WORD = re.compile(r"^[A-Z][\w']*$")
_PROSE = re.compile(r"\b[a-z]{3,}\b")

_SYMBOLS = "\u2190-\u21ff\u2700-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff»›▶►"
# Where a sentence or an independent clause may start: a stop, a colon or dash, a symbol.
# (One character first, then a look back: several times faster than an alternation.)
_SENTENCES = re.compile(
    rf"[\s:;|•·{_SYMBOLS}](?:(?<=[.!?…]\s)|(?<=\s[–—-]\s)|(?<=[:;|•·]\s)|(?<=[{_SYMBOLS}]))\s*"
)
# After a comma, an imperative follows a subordinate clause ("If you value this reporting,
# consider…", "For live updates, follow…") or "please"; elsewhere a word after a comma is too
# often a participle ("The charity, set up in 2019, …").
_SUBORDINATE = re.compile(
    r"^(?:if|to|for|when|once|whether|before|after|while|unless|until|like|want|love|"
    r"enjoy\w*|already|not)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=512)
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(_SENTENCES.split(text))


@lru_cache(maxsize=512)
def _clauses(text: str) -> tuple[str, ...]:
    """The clauses of a line that could open with an imperative."""
    found = []
    for sentence in _sentences(text):
        parts = sentence.split(", ")
        found.append(parts[0])
        subordinate = bool(_SUBORDINATE.match(parts[0].lstrip()))
        found += [p for p in parts[1:] if subordinate or p.lower().startswith("please")]
    return tuple(found)


def _finite(word: str, before: str, after: str) -> bool:
    """Whether `word` reads as a finite verb: an auxiliary, an irregular past, or an -ed word
    that is not a participle or an adjective ("get notified", "a signed copy")."""
    if word in _AUXILIARIES or word in _IRREGULAR_PAST:
        return True
    return (
        word.endswith("ed")
        and len(word) > 4
        and word not in _ED_ADJECTIVES
        and before not in _PARTICIPLE_BEFORE
        and after not in ("to", "by", "straight")
    )


def _finite_after_noun(lower: Sequence[str]) -> bool:
    """True when a finite verb follows a noun in the clause ("Share prices fell", "Test
    results will be published"): the opening word was part of a subject, not a verb."""
    if len(lower) > 1 and lower[1] in _DETERMINERS:
        return False
    # A present tense after two or more words with no function word between them: a name
    # or a compound for subject ("Donate Life week begins on Monday").
    for i in range(1, len(lower)):
        if lower[i] in _FUNCTION_WORDS:
            break
        if lower[i] in _PRESENT and i > 1:
            return True
    for i in range(1, len(lower)):
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if _finite(lower[i], lower[i - 1], after):
            return lower[i - 1] not in _CLAUSE_OPENERS
    return False


def _names_publication(text: str, weak: bool = True) -> bool:
    """Whether the text names something of the publication's: what it offers (with `weak`,
    also what news speaks of too: a poll, a show, readers), a platform, a link, a price,
    "our", or itself ("this article")."""
    words = _words(text)
    tokens, lower = words.tokens, words.lower
    return (
        any(lexicon.count(words) for lexicon in (_WARES if weak else _OWN_WARES))
        or _held(lower)
        or "X" in tokens
        or _link(tokens)
        or _commerce(text, words)
        or "our" in lower
        or "ours" in lower
        or ("this" in lower and bool(_DEIXIS.search(text)))
    )


def _imperative(text: str) -> tuple[bool, bool, bool, bool]:
    """(strong, weak, offered, us). Strong: a clause opens with a known verb followed by
    what can follow a verb ("Sign up", "Tap the bell"), or by any word when the clause names
    something of the publication's ("Order framed prints of our photographs"). Weak: a known
    verb before a noun, or an unknown capitalised word before an object ("Unlock every
    article"). `offered`: a strong imperative's clause names something of the publication's;
    `us`: it has "us" for an object ("Follow us", "Write for us")."""
    strong = weak = offered = us = False
    for clause in _clauses(text):
        tokens = _words(clause).tokens
        while tokens and tokens[0].lower() in _SKIPPED:
            tokens = tokens[1:]
        if tokens[:1] and tokens[0].lower() in ("don't", "never"):
            tokens = tokens[1:]
        elif tokens[:2] == ("Do", "not"):
            tokens = tokens[2:]
        lower = [t.lower() for t in tokens]
        if not tokens or _finite_after_noun(lower):
            continue
        first, rest = tokens[0], tokens[1:]
        verb, after = lower[0], (lower[1] if rest else "")
        if verb in _QUESTION_VERBS and after in ("you", "we", "they", "i"):
            continue  # a question: "Have you been affected?"
        if verb == "let" and after == "us" and lower[2:3] != ["know"]:
            continue  # "Let us be clear", not "Let us know"
        if len(rest) >= 2 and all(map(_TITLE_WORD.match, rest[:2])) and _PROSE.search(text):
            continue  # a title in a sentence: "Vote For Me – the talent show – returns"
        if verb in _VERBS:
            named = _names_publication(clause[clause.find(first) + len(first) :])
            if named or _fits_verb(verb, rest[0] if rest else ""):
                strong = True
                offered = offered or named
                us = us or "us" in rest
            else:
                weak = True
        elif (
            first[:1].isupper()
            and rest
            and verb not in _FUNCTION_WORDS
            and (after in _OBJECTS or after[:1].isdigit())
            and not verb.endswith(("ed", "ing", "ly"))  # past tense, -ing subjects, adverbs
            and not (verb.endswith("s") and not verb.endswith("ss"))  # plural subjects
        ):
            weak = True
    return strong, weak, offered, us


def _fits_verb(verb: str, word: str) -> bool:
    """Whether `word` can follow the imperative `verb`: an object, a particle, a number, a
    handle, a name, a ware, "Keep reading", "Buy Sunday's paper", "Get notified"."""
    lower = word.lower()
    return (
        not word
        or lower in _AFTER_VERB
        or lower in _VERBS
        or word[0].isdigit()
        or word[0] in "@#£$€"
        or _link([word])
        or word[0].isupper()
        or _PUBLICATION.has(lower)
        or _DIGITAL.has(lower)
        or (lower.endswith("ing") and verb in ("keep", "start", "continue", "try"))
        or lower.endswith("'s")
        or (verb == "get" and lower.endswith("ed"))
    )


def _without_noun_verb(clause: str) -> str:
    """The clause without an opening verb that is also one of the weak wares: "Show us the
    evidence" names no show, "Subscribe to…" still names a subscription."""
    first, _, rest = clause.strip().partition(" ")
    return rest if _PUBLICATION_WEAK.has(first.lower()) else clause


# "Walk along the seafront and you will hear…": an imperative that sets a scene, then a
# clause with its own subject. Feature writing, not a pitch ("Sign up and get…", "…and
# we'll send you…" are).
_SCENE = re.compile(
    r"\band\s+(?:(?:you|they|it|one|there|he|she|nobody|everyone|anyone)\b|"
    r"(?:the|a|an|this|that|his|her|their|no)\s+(?:\w+\s+){1,3}?"
    r"(?:is|are|was|were|has|have|will|can|becomes?|\w+[^s\W]s)\b)",
    re.IGNORECASE,
)

# --- Against: news narrative --------------------------------------------------------------


def _past_narrative(lower: Sequence[str]) -> bool:
    """A verb in the past tense after its subject, not at the start of a clause ("Enjoyed
    this?") and not a participle ("delivered to your inbox", "brought to you by")."""
    for i in range(1, len(lower)):
        word, before = lower[i], lower[i - 1]
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if word not in _IRREGULAR_PAST and not (
            word.endswith("ed") and len(word) > 4 and word not in _ED_ADJECTIVES
        ):
            continue
        if before in ("be", "been", "being", "is", "are", "get", "got", "have", "has", "you"):
            continue
        if before in ("we", "i", "if") or after in ("to", "by", "straight", "into", "for"):
            continue
        return True
    return False


_THIRD_PERSON = _set("he she they it its his her their the a an") | _PEOPLE
_NUMBERS = re.compile(
    r" (?:million|billion|bn|(?:19|20)\d\d|[£$€]?\d+(?:\.\d+)?(?:m|bn)|per cent)(?= |$)"
)
_PERCENT = re.compile(r"\d\s?%(?!\s+off)")
_ADVICE = _Lexicon(
    "should must",
    """
    are_advised are_urged are_asked are_encouraged are_told are_being_advised
    are_being_urged are_being_asked are_being_encouraged are_being_told have_until
    """,
)


def _figures(text: str, words: _Words) -> bool:
    """A year, millions, a percentage that is not a discount: news."""
    return bool(_NUMBERS.search(words.joined) or _PERCENT.search(text))


_FIRST_PERSON = _set("I I'm I've I'd me my")
_HOOK = re.compile(r"^[^.?!\"“]{3,60}\?(?:\s+\S|$)")  # "Love local news? Back it…"
_THANKS = re.compile(r"^(?:thanks|thank\s+you)\s+(?:for|so\s+much)\b", re.IGNORECASE)
_SYMBOL = re.compile(f"[{_SYMBOLS}]")

# --- The model --------------------------------------------------------------------------------

FEATURES = (
    "imperative",  # a clause opens with a verb and its object: "Sign up for…", "Tap the bell"
    "imperative of the publication's",  # … and the clause names something of its: "… our app"
    "imperative on us",  # "Follow us", "Tell us", "Write for us"
    "weak imperative",  # a known verb before a noun, or an unknown word before an object
    "you",  # the reader addressed
    "we",  # the publication speaking of itself: we, our, us
    "this",  # the publication pointing at itself: "this article", "share this"
    "held",  # "your inbox", "our website", "this story"
    "this piece",  # the line is about the piece itself: "This article is for subscribers only"
    "publication",  # what only publications offer (up to 2): newsletter, podcast, subscription…
    "publication, weak",  # what news also speaks of (up to 2): website, readers, show, poll…
    "digital",  # the means (up to 2): app, email, alerts, account, ads, link…
    "platform",  # a social network or an app store
    "commerce",  # a price, "free", a trial, a code, a prize
    "urgency",  # now, today, here, below, every morning…
    "link",  # a web address, an e-mail address, a handle, a hashtag
    "symbol",  # an arrow or an emoji
    "hook",  # a short question before the pitch: "Love local news? …"
    "short",  # four words or fewer
    "past",  # narrative in the past tense: news
    "third person",  # the line starts with a third-person subject: "The firm…", "Fans…"
    "figures",  # a year, millions, a percentage: news
    "advice",  # "should", "must", "are advised to": officials advising the public
    "first person",  # "I", "my", "!!": a reader's or a columnist's voice
    "asks and offers",  # the reader asked (imperative, "you", a hook) about the publication's
    "asks and weak offers",  # … about what news speaks of too: "Forget the polls"
    "thanks",  # "Thanks for reading", "Thank you for your support"
    "capitals",  # the whole line in capitals: "SUBSCRIBE NOW"
)


def features(text: str) -> tuple[float, ...]:
    """The evidence found in `text`, in the order of FEATURES."""
    words = _words(text)
    tokens, lower = words.tokens, words.lower
    strong, weak, offered, us = _imperative(text)
    hook = bool(_HOOK.match(text))
    thanks = bool(_THANKS.match(text))
    you = not _YOU.isdisjoint(lower)
    asks = strong or weak or hook or thanks or you
    remainder = " ".join(map(_without_noun_verb, _clauses(text)))
    offers = _names_publication(remainder, weak=False)
    weak_offers = not offers and _PUBLICATION_WEAK.count(_words(remainder)) > 0
    return (
        float(strong),
        float(offered),
        float(us),
        float(weak and not strong),
        float(you),
        float(_we(words)),
        float("this" in lower and bool(_DEIXIS.search(text))),
        float(_held(lower)),
        float(bool(_THIS_PIECE.match(text))),
        float(min(2, _PUBLICATION.count(words))),
        float(min(2, _PUBLICATION_WEAK.count(words))),
        float(min(2, _DIGITAL.count(words))),
        float(_PLATFORMS.count(words) > 0 or "X" in tokens),
        float(_commerce(text, words)),
        float(_URGENCY.count(words) > 0),
        float(_link(tokens)),
        float(bool(_SYMBOL.search(text))),
        float(hook),
        float(len(tokens) <= 4),
        float(any(_past_narrative(_words(s).lower) for s in _sentences(text))),
        float(bool(lower) and lower[0] in _THIRD_PERSON),
        float(_figures(text, words)),
        float(_ADVICE.count(words) > 0),
        float(any(t in _FIRST_PERSON for t in tokens) or "!!" in text or "??" in text),
        float(asks and offers),
        float(asks and weak_offers),
        float(thanks),
        float(len(tokens) >= 2 and text == text.upper() and _capitals(tokens)),
    )


def _capitals(tokens: Sequence[str]) -> bool:
    return sum(bool(_ALL_CAPS.match(t)) for t in tokens) >= 2


# Fitted by bench/fit_calls_to_action.py (see docs/quality.md); one weight per feature.
WEIGHTS: tuple[float, ...] = (
    1.64,  # imperative
    0.98,  # imperative of the publication's
    0.24,  # imperative on us
    -0.05,  # weak imperative
    0.65,  # you
    0.82,  # we
    0.67,  # this
    1.00,  # held
    0.35,  # this piece
    0.58,  # publication
    0.67,  # publication, weak
    0.33,  # digital
    0.12,  # platform
    0.37,  # commerce
    0.59,  # urgency
    0.11,  # link
    0.07,  # symbol
    0.44,  # hook
    0.13,  # short
    -0.60,  # past
    -0.61,  # third person
    -0.45,  # figures
    0.03,  # advice
    -0.02,  # first person
    1.74,  # asks and offers
    0.22,  # asks and weak offers
    0.07,  # thanks
    0.02,  # capitals
)
BIAS = -2.53
THRESHOLD = 0.8  # the probability from which a line is a call to action


def probability(text: str) -> float:
    """How likely the line is a call to action, by the fitted weights."""
    z = BIAS + sum(w * x for w, x in zip(WEIGHTS, features(text), strict=True))
    return 1 / (1 + math.exp(-z))


# The labels a page puts between paragraphs: "Advertisement", "Read more: …", "Most read".
_LABEL = re.compile(
    r"^(?:advertisement|advert|sponsored(?:\s+content)?|promoted|"
    r"paid\s+(?:partnership|content|post)|partner\s+content|read\s+(?:more|next|also)|"
    r"related(?:\s+(?:stories|articles|coverage))?|also\s+read|see\s+also|"
    r"recommended(?:\s+for\s+you)?|more\s+on\s+this\s+story|"
    r"share\s+this(?:\s+(?:article|story))?|continue\s+reading(?:\s+below)?|"
    r"story\s+continues\s+below|watch|listen|most\s+(?:read|popular|viewed|shared)|"
    r"top\s+stories|trending(?:\s+now)?|up\s+next|(?:next|previous)(?:\s+(?:article|story))?|"
    r"back\s+to\s+top|more\s+(?:from|stories)(?:\s+[\w'’&-]+){0,4}|you\s+may\s+also\s+like)"
    r"\s*(?:[:.!…»>|-].*)?$"
    r"|^(?:sponsored|supported|presented|powered)\s+by\s+[^.,;]{2,40}\.?$"
    r"|^(?:paid\s+|in\s+)?partnership\s+with\s+[^.,;]{2,40}\.?$",
    re.IGNORECASE,
)
_LEADING_SYMBOLS = re.compile(rf"^[\s{_SYMBOLS}\ufe0f•*>-]+")


def is_label(text: str) -> bool:
    """True for a page label ("Advertisement", "Read more: …"): boilerplate by its form."""
    return bool(_LABEL.match(_LEADING_SYMBOLS.sub("", text)))


def _prose(text: str) -> bool:
    """Whether letters make most of the line: markup or figures ("<!-- comment -->", a
    table row) are not a pitch, whatever word they hold."""
    visible = len(text) - text.count(" ")  # normalised text: single spaces
    return sum(map(str.isalpha, text)) >= 0.6 * visible


def is_decided_news(text: str) -> bool:
    """True for lines the model is not asked about: markup or figures; quoted or attributed
    speech; and, when the publication does not speak ("we/our/us"), advice naming a public
    service (police, council, NHS, 999) or someone's channel ("the club's website"), and an
    imperative that sets a scene ("Go online and you will find…")."""
    if is_reported_speech(text) or not _prose(text):
        return True
    words = _words(text)
    if _we(words):
        return False
    lower = words.lower
    if _PUBLIC.count(words) or _someone_elses(words):
        return True
    return "and" in lower and bool(_SCENE.search(text)) and _imperative(text)[0]


def is_call_to_action(text: str) -> bool:
    """True for a line that asks the reader to act for the publication, or a page label."""
    if is_label(text):
        return True
    return not is_decided_news(text) and probability(text) >= THRESHOLD
