"""Pure text functions: whitespace normalisation and boilerplate removal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Invisible characters that only ever get in the way: soft hyphen, zero-width space/joiners,
# word joiner, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(text: str) -> str:
    """One line of clean text: NFC, no control or invisible characters, no line or paragraph
    separators, single spaces. Quotes, dashes and accented letters are kept exactly."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cs", "Co"))
    return _SPACES.sub(" ", text).strip()


# A call to action: an imperative verb aimed at the reader, about the publication rather than
# the news. Scored rather than matched against fixed phrases, so new wordings are caught.
_CTA_VERBS = re.compile(
    r"^(?:please\s+)?(?:subscribe|sign\s+up|signup|register|join|follow|like|share|donate|"
    r"support|download|get|install|click|tap|read|watch|listen|don't\s+miss|never\s+miss|"
    r"stay|keep|become|upgrade|try|check\s+out)\b",
    re.IGNORECASE,
)
_CTA_OBJECTS = re.compile(
    r"\b(?:newsletters?|subscri\w*|updates?|inbox|e-?mail|alerts?|our\s+(?:app|site|"
    r"website|page|channel|podcast|journalism|work|coverage)|app|twitter|facebook|instagram|"
    r"youtube|tiktok|telegram|whatsapp|social\s+media|latest\s+news|breaking\s+news|"
    r"(?:free|premium)\s+(?:trial|access)|membership|this\s+(?:article|story|post)|"
    r"more\s+stories|related|full\s+story|here)\b",
    re.IGNORECASE,
)
_PROMO_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored(?:\s+content)?|promoted|read\s+more|related(?:\s+"
    r"(?:stories|articles|coverage))?|also\s+read|see\s+also|more\s+on\s+this\s+story|"
    r"share\s+this(?:\s+(?:article|story))?|continue\s+reading|story\s+continues\s+below"
    r")\s*(?:[:.!…»>-].*)?$",
    re.IGNORECASE,
)
_QUOTED_SPEECH = re.compile(
    r"[\"“”]|\b(?:said|says|told|chanted|shouted|wrote|added)\b", re.IGNORECASE
)
MAX_BOILERPLATE_LENGTH = 240


def is_boilerplate(line: str, extra: Sequence[re.Pattern[str]] = ()) -> bool:
    """True for promos and calls to action ('Subscribe to our newsletter…', 'Follow us on
    X', 'Advertisement'); false for news, including quoted speech that uses the same verbs
    ('"Join us," the protesters chanted')."""
    text = line.strip()
    if any(pattern.search(text) for pattern in extra):
        return True
    if not text or len(text) > MAX_BOILERPLATE_LENGTH or _QUOTED_SPEECH.search(text):
        return False
    if _PROMO_LINE.match(text):
        return True
    return bool(_CTA_VERBS.match(text) and _CTA_OBJECTS.search(text))


def remove_boilerplate(
    paragraphs: Iterable[str], extra: Sequence[re.Pattern[str]] = ()
) -> tuple[list[str], list[str]]:
    """Split paragraphs into (kept, removed)."""
    kept: list[str] = []
    removed: list[str] = []
    for paragraph in paragraphs:
        (removed if is_boilerplate(paragraph, extra) else kept).append(paragraph)
    return kept, removed
