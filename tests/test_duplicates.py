"""The same story twice: truncated copies, rewrites and updates are found; others are not."""

import random

from generator.duplicates import duplicate_groups, duplicate_pairs

WORDS = (
    "council harbour wall vote budget minister ferry island storm school orchestra concert "
    "bakery profit shares striker final league coach fans police court trial judge rail app "
    "seats carriage hospital nurses strike pay union talks mayor village bridge river flood"
).split()


def story(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def test_a_truncated_copy_is_the_same_story() -> None:
    original = story(1)
    assert [p[:2] for p in duplicate_pairs([original, original[: len(original) // 3]])] == [(0, 1)]


def test_a_rewrite_with_a_new_lead_and_changed_words_is_the_same_story() -> None:
    words = story(2).split()
    rng = random.Random(0)
    rewritten = [rng.choice(WORDS) if n % 20 == 7 else w for n, w in enumerate(words[10:])]
    copy = "Officials confirmed the news on Tuesday evening. " + " ".join(rewritten)
    assert duplicate_groups([story(2), story(3), copy]) == [[0, 2]]


def test_different_stories_on_the_same_topic_are_not_duplicates() -> None:
    texts = [story(n) for n in range(200)]
    assert duplicate_pairs(texts) == []


def test_short_texts_match_only_their_exact_copy() -> None:
    texts = ["The club won the cup.", "The club won the  cup!", "The club lost the cup."]
    assert duplicate_groups(texts) == [[0, 1]]
