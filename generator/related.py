"""Related stories and previous/next in a section, for every story at once.

Comparing every story with every other would be O(N²). Instead each story looks only at its
neighbours in time inside each of its tags and its section (an inverted index, one list per
tag or section, sorted by date): O(N · terms · WINDOW) whatever the size of the archive.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

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


def _window(items: list[int], index: int) -> list[int]:
    """The stories within WINDOW places of story `index` in a posting list (ascending, as
    `_postings` makes them), itself too."""
    at = bisect_right(items, index) - 1  # its last place, should a story list a tag twice
    return items[max(0, at - WINDOW) : at + WINDOW + 1]


def related_index(stories: Sequence[Story], limit: int = 4) -> RelatedIndex:
    """Story URL → up to `limit` related stories, best first. `stories` newest first."""
    return RelatedIndex(stories, limit)


class RelatedIndex(Mapping[str, list[Story]]):
    """Story URL → up to `limit` related stories, best first, each list worked out when it
    is first asked for: a build asks for them in its worker processes (each for the article
    pages it checks), which so share the work that would otherwise hold up the reading of
    the site.

    Score: TAG_WEIGHT per shared tag plus SECTION_WEIGHT for the same section; ties go to the
    story closest in time, then the newer one, so the result is deterministic."""

    def __init__(self, stories: Sequence[Story], limit: int) -> None:
        self._stories = stories
        self._limit = limit
        self._lists = _postings(stories)
        self._position = {story.url: index for index, story in enumerate(stories)}
        self._found: dict[str, list[Story]] = {}

    def __getitem__(self, url: str) -> list[Story]:
        found = self._found.get(url)
        if found is None:
            found = self._found[url] = self._related(self._position[url])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def _related(self, index: int) -> list[Story]:
        stories, lists = self._stories, self._lists
        story = stories[index]
        # Counted in C (Counter over the windows), then weighed.
        near_in_section = Counter(_window(lists["section", story.section.slug], index))
        near_in_tags = Counter(
            chain.from_iterable(_window(lists["tag", t.slug], index) for t in story.tags)
        )
        scores = {o: n * SECTION_WEIGHT for o, n in near_in_section.items()}
        for o, n in near_in_tags.items():
            scores[o] = scores.get(o, 0) + n * TAG_WEIGHT
        del scores[index]
        # The order (-score, distance, index) as one integer: sorting plain ints is several
        # times faster than sorting by a key function, and this runs for every story.
        span = len(stories)
        ranks = sorted((score * -span + abs(o - index)) * span + o for o, score in scores.items())
        return [stories[rank % span] for rank in ranks[: self._limit]]


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
