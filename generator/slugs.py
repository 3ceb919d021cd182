"""URL slugs: lowercase ASCII words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

MAX_SLUG_LENGTH = 70

# Pelican slugifies section, tag and author names itself. Given these substitutions, its
# slugify gives what `slugify` below gives (for names without HTML tags or entities), so
# the section addresses newsdesk computes are the ones Pelican writes.
PELICAN_SLUG_SUBSTITUTIONS = [("'", ""), (r"[^a-z0-9]+", "-"), (r"^-|-$", "")]


def slugify(text: str, max_length: int | None = MAX_SLUG_LENGTH) -> str:
    """'Shares in Zürich jump 6%' → 'shares-in-zurich-jump-6'; at most max_length long,
    cut between words."""
    ascii_text = unidecode(unicodedata.normalize("NFKC", text)).lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", ascii_text)
    if max_length is None:
        return "-".join(words)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or (words[0][:max_length] if words else "")


def unique_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3`… – the first one not in `taken`."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate
