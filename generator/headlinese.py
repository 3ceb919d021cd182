"""Rewrite a lead clause in headline style: present tense, no auxiliaries, no leading article.

"The firm has won a contract" → "Firm wins a contract"; "X has been named in the squad" →
"X named in the squad"; "Y will meet Z" → "Y to meet Z". A verb is only changed when its
present form is certain (a table of irregular verbs, or a regular "-ed" whose stem is
unambiguous), so a rewrite never invents a word that is not English.
"""

from __future__ import annotations

import re
from itertools import pairwise

# past participle → base form, for common irregular verbs.
IRREGULAR = dict(
    pair.split(":")
    for pair in """
laid:lay won:win made:make said:say quit:quit hit:hit cut:cut set:set given:give taken:take
told:tell
found:find become:become left:leave lost:lose sold:sell bought:buy paid:pay held:hold met:meet
seen:see chosen:choose thrown:throw struck:strike brought:bring begun:begin risen:rise
fallen:fall grown:grow shown:show written:write spoken:speak broken:break driven:drive
beaten:beat led:lead kept:keep sent:send spent:spend built:build put:put let:let come:come
gone:go done:do had:have got:get gotten:get run:run shut:shut split:split sought:seek
taught:teach thought:think fought:fight caught:catch felt:feel heard:hear meant:mean
stood:stand understood:understand withdrawn:withdraw overtaken:overtake forgiven:forgive
hidden:hide sworn:swear torn:tear worn:wear drawn:draw flown:fly known:know blown:blow
slid:slide stuck:stick struck:strike swept:sweep wept:weep slept:sleep dealt:deal
upheld:uphold overseen:oversee undertaken:undertake rebuilt:rebuild bid:bid cast:cast
named:name settled:settle announced:announce agreed:agree raised:raise closed:close
filed:file charged:charge decided:decide released:release received:receive approved:approve
increased:increase reduced:reduce continued:continue issued:issue blamed:blame ruled:rule
secured:secure described:describe scored:score retired:retire produced:produce
introduced:introduce completed:complete praised:praise promised:promise urged:urge
accused:accuse cancelled:cancel travelled:travel labelled:label fuelled:fuel
focused:focus biased:bias
criticised:criticise criticized:criticize recognised:recognise organised:organise
apologised:apologise revised:revise refused:refuse used:use caused:cause forced:force
placed:place faced:face replaced:replace declined:decline resigned:resign signed:sign
confirmed:confirm voted:vote hoped:hope combined:combine ended:end created:create
rated:rate stated:state dated:date debated:debate updated:update
died:die tied:tie
""".split()
)
# simple past → base form, where it differs from the past participle.
PAST = dict(
    pair.split(":")
    for pair in """
took:take gave:give became:become rose:rise fell:fall grew:grow began:begin wrote:write
spoke:speak broke:break drove:drive saw:see chose:choose threw:throw came:come went:go
did:do ran:run withdrew:withdraw overtook:overtake flew:fly knew:know drew:draw
shrank:shrink sank:sink sang:sing rang:ring drank:drink stole:steal froze:freeze woke:wake
forgot:forget forgave:forgive rode:ride swam:swim bore:bear tore:tear wore:wear swore:swear
""".split()
)
# A regular "-ed" form is safe to undo when the stem ends like this (no silent "e" lost):
# "rejected" → "reject", "claimed" → "claim", "warned" → "warn", "played" → "play".
_SAFE_STEM = re.compile(
    r"(?:ck|sh|ch|rt|nt|st|rn|rm|lk|mp|wn|ss|ct|pt|rk|nd|rd|lt|sk|ft|ht|lp|rp|lm|sp|xt|"
    r"nk|gn|ld|mb|rb|x|[^aeiou]er|[^aeiou]en|ong|"
    r"(?<!q)[aeiou][aeiou][bdfhklmnprt]|[aeiou][wy]|^[a-z]{1,3}ll)$"
)
# … and these stems lost a silent "e": "moved" → "move", "announced" → "announce",
# "charged" → "charge", "continued" → "continue", "rated" → "rate", "declined" → "decline",
# "settled" → "settle", "released" → "release", "named" → "name", "decided" → "decide".
_SILENT_E = re.compile(
    r"(?:v|c|z|u|[^gn]g|[ae]ng|(?<!s)s|qu[aeiou]r|"
    r"[^aeiou](?:at|ar|ir|ur|in|id|ud|od|ad|ot|ut|ok|ak|ik|ap|ib|ob|ub|am|im|um|om|al|il|ol|ul)|"
    r"[bcdfgkpstz]l)$"
)
# Not after "to": "appears to have been put on hold" is no headline perfect.
_AUX_PARTICIPLE = re.compile(r"(?<!\bto )\b(has|have)\s+(?:(been)\s+)?([a-z]+)\b")
_BE_TO = re.compile(
    r"\b(?:is|are)\s+(?=(?:set|expected|due|likely|unlikely|poised|about|to|planning)\b)"
)
_WILL = re.compile(r"\bwill\s+(?!not\b)(?=[a-z])")
# "were accepted" → "accepted", "is not allowed" → "not allowed" ("is becoming" stays: a
# headline's "-ing" alone reads as a noun as often as a verb).
_BE_DROP = re.compile(r"\b(?:is|are|was|were)\s+(?=(?:not\s+)?[a-z]{2,}ed\b)")
# Before the main verb group of the clause: no auxiliary and no word that opens another
# clause, so "Blair has predicted the government will give" keeps its second "will".
_BEFORE_MAIN_VERB = re.compile(
    r"(?:^|\s)(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|"
    r"who|which|that|because|if|when|while|although|whether|"
    r"says?|said|tells?|told|believes?|thinks?|claims?|warns?|predicts?|insists?|hopes?|"
    r"expects?|fears?|argues?|admits?|suggests?|announces?|confirms?|"
    r"reveals?)\s",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=\S)")
# Adverbs in -ly that limit or hedge what they modify: without them the statement says more
# than the text ("nearly doubled", "wrongly jailed", "allegedly took").
HEDGES = frozenset(
    """
nearly barely hardly scarcely partly partially allegedly reportedly possibly probably
potentially apparently supposedly seemingly temporarily only roughly approximately mostly
mainly largely merely solely purely initially originally previously formerly wrongly
falsely unfairly illegally unlawfully fatally critically mistakenly accidentally
deliberately unofficially virtually practically effectively technically theoretically
relatively comparatively fairly jointly increasingly exclusively indirectly narrowly
""".split()
)
# Words a headline can do without: "met secretly with" → "met with", "have both launched".
# An adverb is recognised by its ending, so "supply" and "rally" stay. Not a hedge
# ("reportedly planning", "allegedly took": without it the claim reads as fact) and not after
# "not" ("is not just good for" is not "is not good").
_FILLER = re.compile(
    r"(?<!\bnot)\s+(?!(?:"
    + "|".join(sorted(HEDGES))
    + r")\s)(?:[a-z]{2,}(?:al|ent|ant|ous|ive|ed|ate|ful|less|ib|ab|ct|st|et|ight|ick|ong|ain|"
    r"ete|ure|ide|ce|se|ge)ly|also|now|still|already|both|very|just|currently)(?=\s)"
)
# Headlines drop articles: "has made a £2m donation to the Labour Party" → "£2m donation to
# Labour Party".
# Not "a" before a unit of time: "two hours a week", "for a month" need it.
_ARTICLE = re.compile(
    r"(?<=\s)(?:the|an|a(?!\s+(?:week|day|month|year|hour|minute|night|season)\b))\s+(?=\S)"
)


def headline_tense(clause: str) -> str:
    """The clause in headline style; unchanged where no rewrite is certain."""
    text = _LEADING_ARTICLE.sub("", _outside_quotes(_FILLER, clause))
    text = text[:1].upper() + text[1:]
    renamed = _simple_past_to_present(text)
    text = renamed if renamed != text else _main_verb_in_headline_tense(text)
    text = _outside_quotes(_ARTICLE, text)
    return text[:1].upper() + text[1:]


# A quotation, which keeps every word it was given: "the most accessible browser on the market".
_QUOTATION = re.compile(r'“[^“”]*”|"[^"]*"')


def _outside_quotes(pattern: re.Pattern[str], text: str) -> str:
    """The text with `pattern` removed everywhere but inside quotation marks."""
    spans = [(m.start(), m.end()) for m in _QUOTATION.finditer(text)]
    if not spans:
        return pattern.sub("", text)

    def outside(match: re.Match[str]) -> str:
        quoted = any(start < match.end() and match.start() < end for start, end in spans)
        return match.group() if quoted else ""

    return pattern.sub(outside, text)


def _main_verb_in_headline_tense(text: str) -> str:
    """Rewrite the first verb group only, and only when it is the main clause's."""
    found = [
        (match.start(), match, replace)
        for pattern, replace in (
            (_AUX_PARTICIPLE, _present),
            (_BE_TO, ""),
            (_WILL, "to "),
            (_BE_DROP, ""),
        )
        if (match := pattern.search(text))
    ]
    if not found:
        return text
    start, match, replace = min(found, key=lambda item: item[0])
    if _BEFORE_MAIN_VERB.search(text[:start] + " "):
        return text
    new = replace(match) if callable(replace) else replace
    return text[:start] + new + text[match.end() :]


def _present(match: re.Match[str]) -> str:
    aux, been, participle = match.groups()
    if been:
        # "has been named" → "named"; "has been in talks" stays as it is.
        keep = is_participle(participle) or participle.endswith("ing")
        return participle if keep else match.group()
    base = base_form(participle)
    if not base or participle == "had":
        # ("has had the chance and failed" is not "has the chance": the perfect of "have"
        # says it is over.)
        return match.group()
    return third_person(base) if aux == "has" else base


# Participles that are never a simple past ("taken", "shown", "begun"); "won", "met" are both.
_PARTICIPLE_ONLY = frozenset(w for w in IRREGULAR if w.endswith(("en", "wn", "rn", "un", "ne"))) | {
    "come",
    "run",
    "become",
}
_SUBJECT_STOPS = frozenset(
    "is are was were has have had will would can could may might must should to who which that "
    "because if when while although".split()
)
_SUBJECT_GLUE = frozenset("of in on at for from with and & the a an".split())
_REPORTED = frozenset(
    "said told warned claimed announced confirmed predicted insisted revealed admitted".split()
)
# Reporting verbs in the present: what follows them is a report, in its own tense.
_FRAMES = frozenset(
    "says say tells tell suggests suggest shows show finds find warns warn insists insist "
    "predicts predict claims claim believes believe reports report announces announce "
    "confirms confirm reveals reveal admits admit argues argue".split()
)
_PLURALS = frozenset("people police men women children staff".split())
_LATER_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|should|can|could|may|might|must)\b"
)
# Linking verbs in the present: a participle after them is their complement, not a verb in
# the simple past ("looks set to", "seems poised", "remains committed", "gets married").
_LINKING = frozenset(
    "look looks seem seems appear appears remain remains become becomes get gets feel feels "
    "sound sounds stay stays prove proves".split()
)


def _simple_past_to_present(text: str) -> str:
    """'Aid lorries crossed the border' → 'Aid lorries cross the border', 'Jones met X' →
    'Jones meets X': the main verb in the simple past, when the subject's number is clear.
    Not when an auxiliary follows ('the chip designed for X will be …': a participle)."""
    words = text.split(" ")
    for i, word in enumerate(words[1:9], 1):
        if word in _FRAMES:
            return text  # "Research suggests firms led by X face …": the report keeps its tense
        if word in _SUBJECT_STOPS or word.endswith((",", ";", ":")) or word[:1] in '"“':
            return text  # (a quotation keeps its own tense: 'United "know they made …"')
        if not word.islower() or words[i - 1].lower() in _SUBJECT_GLUE:
            continue
        base = _past_base(word)
        if base is None:
            continue  # a noun or adjective of the subject: "Aid lorries"
        if words[i - 1].lower() in _LINKING or _later_main_verb(words, i):
            return text  # "X looks set to …", "A suspect held in Y for 33 months plans to …"
        if word == "used" and i + 1 < len(words) and words[i + 1] == "to":
            return text  # "There used to be …": a past habit, with no present form
        after = words[i + 1] if i + 1 < len(words) else ""
        reports = word in _REPORTED  # "The mayor said the plan would …": that "would" is
        if after == "by" or (not reports and _LATER_AUXILIARY.search(" ".join(words[i + 1 :]))):
            return text
        rest = words[i + 1 :]
        if any(a == "and" and b.isalpha() and _past_base(b) for a, b in pairwise(rest)):
            return text  # "X left Boca Juniors and headed for Brazil": both verbs, or neither
        plural = _is_plural(words[:i])
        if plural is None:
            return text
        words[i] = base if plural else third_person(base)
        return " ".join(words)
    return text


def _later_main_verb(words: list[str], i: int) -> bool:
    """The clause test finds the main verb after words[i]: then words[i] is a participle that
    describes the subject ("A suspect held in Y plans to sue")."""
    from .clauses import main_verb  # (clauses builds its verb forms from this module)

    verb = main_verb(words)
    # (A later "to" is not that verb: "X edged out Y with an effort to claim Z".)
    return verb is not None and verb > i and words[verb] != "to"


def _past_base(word: str) -> str | None:
    if word in PAST:
        return PAST[word]
    if word in _PARTICIPLE_ONLY or word in PAST.values():
        return None
    if word in IRREGULAR or word.endswith("ed"):
        return base_form(word)
    return None


def _is_plural(subject: list[str]) -> bool | None:
    """The number of a subject from its head noun: 'Shares in X' plural, 'Jones' unknown."""
    glue = next((i for i, w in enumerate(subject) if w.lower() in _SUBJECT_GLUE - {"the"}), None)
    head = subject[glue - 1] if glue else subject[-1]
    lowered = head.lower().strip("'’\"“”")
    if not lowered.isalpha():
        return None
    if "and" in (w.lower() for w in subject) or lowered in _PLURALS:
        return True
    ends_plural = lowered.endswith("s") and not lowered.endswith(("ss", "us", "is"))
    if head[:1].isupper() and ends_plural and len(subject) == 1:
        return None  # "Ministers met" or "Jones met": plural or not, cannot tell
    if head[:1].isupper() and ends_plural and head is not subject[0]:
        return False  # "Mahmoud Abbas": a name of several words is one person
    return ends_plural


def is_participle(word: str) -> bool:
    return word in IRREGULAR or (word.endswith("ed") and len(word) > 4)


def base_form(participle: str) -> str | None:
    """'claimed' → 'claim', 'won' → 'win'; None when not certain."""
    if participle in IRREGULAR:
        return IRREGULAR[participle]
    if participle.endswith("ied") and len(participle) > 4:
        return participle[:-3] + "y"
    stem = participle[:-2]
    if participle.endswith("ed") and re.search(r"([bdgmnprt])\1$", stem):
        # "planned" → "plan", "admitted" → "admit"; but "added" → "add"
        return stem if len(stem) <= 3 else stem[:-1]
    if participle.endswith("ed") and re.search(r"(?:iat|creat|uid)$", stem):
        return stem + "e"  # "initiated" → "initiate", "created", "guided"
    if participle.endswith("ed") and _SAFE_STEM.search(stem):
        return stem
    if participle.endswith("ed") and len(stem) > 2 and _SILENT_E.search(stem):
        return stem + "e"
    return None


def third_person(base: str) -> str:
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s" if base != "have" else "has"
