"""related.py on hand-made stories: related stories and previous/next in a section."""

import time

from hypothesis import given
from hypothesis import strategies as st

from generator.models import Term
from generator.related import SECTION_WEIGHT, TAG_WEIGHT, WINDOW, related_index, section_neighbours

from .test_feeds import story

WORLD, SPORT = Term("World", "world"), Term("Sport", "sport")
HARBOUR, FERRY, CUP = Term("Harbour", "harbour"), Term("Ferry", "ferry"), Term("Cup", "cup")


def newest_first(stories):
    return sorted(stories, key=lambda s: s.date, reverse=True)


def test_stories_sharing_more_tags_come_first_and_a_story_is_never_its_own_relation():
    a = story(1, tags=(HARBOUR, FERRY))
    b = story(2, tags=(HARBOUR, FERRY), section=SPORT)
    c = story(3, tags=(HARBOUR,))
    d = story(4, tags=(), section=WORLD)
    e = story(5, tags=(CUP,), section=SPORT)
    related = related_index(newest_first([a, b, c, d, e]))
    assert [s.title for s in related[a.url]] == ["Story 2", "Story 3", "Story 4"]
    assert [s.title for s in related[e.url]] == ["Story 2"]


def test_ties_go_to_the_story_closest_in_time():
    stories = newest_first([story(n, tags=(HARBOUR,)) for n in range(10)])
    related = related_index(stories, limit=2)
    assert [s.title for s in related[stories[5].url]] == ["Story 5", "Story 3"]


def test_related_index_of_20000_stories_takes_well_under_quadratic_time():
    tags = [Term(f"Tag {n}", f"tag-{n}") for n in range(50)]
    stories = newest_first(
        story(n, tags=(tags[n % 50], tags[n % 7]), section=(WORLD, SPORT)[n % 2])
        for n in range(20_000)
    )
    start = time.perf_counter()
    related = related_index(stories)
    lengths = [len(r) for r in related.values()]  # each list is worked out when asked for
    assert time.perf_counter() - start < 20  # all pairs would be 4·10⁸ comparisons
    assert len(lengths) == 20_000 and set(lengths) == {4}


def test_previous_is_the_older_and_next_the_newer_story_of_the_same_section():
    stories = newest_first([story(1), story(2, section=SPORT), story(3), story(4)])
    neighbours = section_neighbours(stories)
    middle = neighbours[story(3).url]
    assert (middle.previous.title, middle.next.title) == ("Story 1", "Story 4")
    assert neighbours[story(1).url].previous is None
    alone = neighbours[story(2).url]
    assert alone.previous is None and alone.next is None


@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.sets(st.integers(0, 4), max_size=3)), max_size=2 * WINDOW
    )
)
def test_related_stories_rank_by_score_then_closeness_then_newness(shapes) -> None:
    """The rule, written out plainly for small archives (where every story is within the
    window of every other): the index must give the same lists."""
    stories = [
        story(
            n,
            tags=tuple(Term(f"T{t}", f"t{t}") for t in sorted(tags)),
            section=Term(f"S{s}", f"s{s}"),
        )
        for n, (s, tags) in enumerate(shapes)
    ]  # newest first: the index is the position
    related = related_index(stories)
    for i, one in enumerate(stories):

        def score(other, one=one):
            shared = {t.slug for t in one.tags} & {t.slug for t in other.tags}
            return TAG_WEIGHT * len(shared) + SECTION_WEIGHT * (one.section == other.section)

        candidates = [j for j, other in enumerate(stories) if j != i and score(other)]
        best = sorted(candidates, key=lambda j: (-score(stories[j]), abs(j - i), j))[:4]
        assert related[one.url] == [stories[j] for j in best]
