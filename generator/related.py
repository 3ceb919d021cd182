"""Related stories and previous/next in a section, for every story at once.

Comparing every story with every other would be O(N²). Instead each story looks only at its
neighbours in time inside each of its tags and its section (an inverted index, one list per
tag or section, sorted by date): O(N · terms · WINDOW) whatever the size of the archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Story

WINDOW = 25  # neighbours on each side looked at in each tag's and the section's list
TAG_WEIGHT = 3  # one shared tag counts as much as three shared sections
SECTION_WEIGHT = 1


@dataclass(frozen=True)
class Neighbours:
    previous: Story | None  # the next older story in the same section
    next: Story | None  # the next newer one


def _postings(stories: Sequence[Story]) -> dict[tuple[str, str], list[int]]:
    """(kind, slug) → indexes of its stories, newest first (the order of `stories`)."""
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, story in enumerate(stories):
        lists["section", story.section.slug].append(index)
        for tag in story.tags:
            lists["tag", tag.slug].append(index)
    return lists


def related_index(stories: Sequence[Story], limit: int = 4) -> dict[str, list[Story]]:
    """Story URL → up to `limit` related stories, best first. `stories` newest first.

    Score: TAG_WEIGHT per shared tag plus SECTION_WEIGHT for the same section; ties go to the
    story closest in time, then the newer one, so the result is deterministic."""
    lists = _postings(stories)
    where = {key: {i: n for n, i in enumerate(items)} for key, items in lists.items()}
    result: dict[str, list[Story]] = {}
    for index, story in enumerate(stories):
        scores: dict[int, int] = defaultdict(int)
        keys = [("section", story.section.slug)] + [("tag", t.slug) for t in story.tags]
        for key in keys:
            weight = SECTION_WEIGHT if key[0] == "section" else TAG_WEIGHT
            items, at = lists[key], where[key][index]
            for other in items[max(0, at - WINDOW) : at + WINDOW + 1]:
                if other != index:
                    scores[other] += weight
        best = sorted(scores, key=lambda o: (-scores[o], abs(o - index), o))[:limit]
        result[story.url] = [stories[o] for o in best]
    return result


def section_neighbours(stories: Sequence[Story]) -> dict[str, Neighbours]:
    """Story URL → the older and newer story in its section. `stories` newest first."""
    by_section: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        by_section[story.section.slug].append(story)
    result = {}
    for items in by_section.values():
        for n, story in enumerate(items):
            older = items[n + 1] if n + 1 < len(items) else None
            newer = items[n - 1] if n > 0 else None
            result[story.url] = Neighbours(previous=older, next=newer)
    return result
