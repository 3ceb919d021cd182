"""Rewrite a lead clause in headline style: present tense, no auxiliaries, no leading article.

"The firm has won a contract" → "Firm wins a contract"; "X has been named in the squad" →
"X named in the squad"; "Y will meet Z" → "Y to meet Z". A verb is only changed when its
present form is certain (a table of irregular verbs, or a regular "-ed" whose stem is
unambiguous), so a rewrite never invents a word that is not English.
"""

from __future__ import annotations

import re

# past participle → base form, for common irregular verbs.
IRREGULAR = dict(
    pair.split(":")
    for pair in """
won:win made:make said:say quit:quit hit:hit cut:cut set:set given:give taken:take told:tell
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
criticised:criticise criticized:criticize recognised:recognise organised:organise
apologised:apologise revised:revise refused:refuse used:use caused:cause forced:force
placed:place faced:face replaced:replace declined:decline resigned:resign signed:sign
confirmed:confirm voted:vote hoped:hope combined:combine ended:end created:create
rated:rate stated:state dated:date debated:debate updated:update
""".split()
)
# simple past → base form, where it differs from the past participle.
_PAST = dict(
    pair.split(":")
    for pair in """
took:take gave:give became:become rose:rise fell:fall grew:grow began:begin wrote:write
spoke:speak broke:break drove:drive saw:see chose:choose threw:throw came:come went:go
did:do ran:run withdrew:withdraw overtook:overtake flew:fly knew:know drew:draw
""".split()
)
# A name followed by its verb in the simple past: "Mahmoud Abbas met …".
_NAME_THEN_PAST = re.compile(r"^((?:[A-Z][\w'’.&-]*\s+){1,4})([a-z]+)(?=\s+(?!by\b)\S)")
# A regular "-ed" form is safe to undo when the stem ends like this (no silent "e" lost):
# "rejected" → "reject", "claimed" → "claim", "warned" → "warn", "played" → "play".
_SAFE_STEM = re.compile(
    r"(?:ck|sh|ch|rt|nt|st|rn|rm|lk|mp|wn|ss|ct|pt|rk|nd|rd|lt|sk|ft|ht|lp|rp|lm|sp|xt|"
    r"[aeiou][aeiou][bdfhklmnprt]|[aeiou][wy]|^[a-z]{1,3}ll)$"
)
_AUX_PARTICIPLE = re.compile(r"\b(has|have)\s+(?:(been)\s+)?([a-z]+)\b")
_BE_TO = re.compile(
    r"\b(?:is|are)\s+(?=(?:set|expected|due|likely|unlikely|poised|about|to|planning)\b)"
)
_WILL = re.compile(r"\bwill\s+(?!not\b|be\b)(?=[a-z])")
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An)\s+(?=\S)")
# Headlines drop articles: "has made a £2m donation to the Labour Party" → "£2m donation to
# Labour Party".
# Words a headline can do without: "met secretly with" → "met with", "have both launched".
# An adverb is recognised by its ending, so "supply" and "rally" stay.
_FILLER = re.compile(
    r"\s+(?:[a-z]{2,}(?:al|ent|ant|ous|ive|ed|ate|ful|less|ib|ab|ct|st|et|ight|ick|ong|ain|"
    r"ete|ure|ide|ce|se|ge)ly|also|now|still|already|both|very|just|currently)(?=\s)"
)
_ARTICLE = re.compile(r"(?<=\s)(?:the|a|an)\s+(?=\S)")


def headline_tense(clause: str) -> str:
    """The clause in headline style; unchanged where no rewrite is certain."""
    text = _LEADING_ARTICLE.sub("", _FILLER.sub("", clause))
    text = text[:1].upper() + text[1:]
    text = _NAME_THEN_PAST.sub(_past_to_present, text, count=1)
    text = _AUX_PARTICIPLE.sub(_present, text, count=1)
    text = _BE_TO.sub("", text, count=1)
    text = _WILL.sub("to ", text, count=1)
    text = _ARTICLE.sub("", text)
    return text[:1].upper() + text[1:]


def _present(match: re.Match[str]) -> str:
    aux, been, participle = match.groups()
    if been:
        # "has been named" → "named"; "has been in talks" stays as it is.
        return participle if base_form(participle) else match.group()
    base = base_form(participle)
    if not base:
        return match.group()
    return third_person(base) if aux == "has" else base


def _past_to_present(match: re.Match[str]) -> str:
    name, verb = match.groups()
    base = _PAST.get(verb) or (base_form(verb) if verb not in _PAST.values() else None)
    if not base or not (verb.endswith("ed") or verb in _PAST or verb in IRREGULAR):
        return match.group()
    if re.fullmatch(r"\S+[^s]s\s+", name):
        return match.group()  # "Ministers met" or "Jones met": plural or not, cannot tell
    return name + third_person(base)


def base_form(participle: str) -> str | None:
    """'claimed' → 'claim', 'won' → 'win'; None when not certain."""
    if participle in IRREGULAR:
        return IRREGULAR[participle]
    if participle.endswith("ied") and len(participle) > 4:
        return participle[:-3] + "y"
    stem = participle[:-2]
    if participle.endswith("ed") and re.search(r"([bdgmnprt])\1$", stem):
        return stem[:-1]  # "planned" → "plan", "admitted" → "admit"
    if participle.endswith("ed") and _SAFE_STEM.search(stem):
        return stem
    return None


def third_person(base: str) -> str:
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + ("s" if base != "have" else "")
