"""The same story twice: truncated copies, rewrites and updates are found; others are not."""

import os
import pickle
import random
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import duplicates
from generator.duplicates import (
    duplicate_groups,
    duplicate_pairs,
    find_pairs,
    signature,
    signatures,
)

from .conftest import REPO

WORDS = (
    "council harbour wall vote budget minister ferry island storm school orchestra concert "
    "bakery profit shares striker final league coach fans police court trial judge rail app "
    "seats carriage hospital nurses strike pay union talks mayor village bridge river flood"
).split()
# Words that never occur in the stories above: what an editor puts in their place.
OTHER = "quietly lantern velvet meadow copper sparrow thistle marble ember willow".split()


def story(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def sentences(seed: int, count: int, words: int = 20) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(words)) + "." for _ in range(count)]


def containment(a: str, b: str) -> float:
    """Share of the shorter text's shingles found in the longer: the first test."""
    x, y = (set(signature(t).shingle_list()) for t in (a, b))
    return len(x & y) / min(len(x), len(y))


def test_a_truncated_copy_is_the_same_story() -> None:
    original = story(1)
    assert [p[:2] for p in duplicate_pairs([original, original[: len(original) // 3]])] == [(0, 1)]


def test_a_rewrite_with_a_new_lead_and_changed_words_is_the_same_story() -> None:
    words = story(2).split()
    rng = random.Random(0)
    rewritten = [rng.choice(WORDS) if n % 20 == 7 else w for n, w in enumerate(words[10:])]
    copy = "Officials confirmed the news on Tuesday evening. " + " ".join(rewritten)
    assert duplicate_groups([story(2), story(3), copy]) == [[0, 2]]


def test_a_copy_with_one_word_in_nine_changed_is_the_same_story() -> None:
    original = story(4, 300)
    words = original.split()
    copy = " ".join(OTHER[n % 10] if n % 9 == 4 else w for n, w in enumerate(words))
    assert containment(original, copy) < 0.5  # most shingles hold a changed word
    assert [p[:2] for p in duplicate_pairs([original, story(5, 300), copy])] == [(0, 2)]


def test_a_short_copy_under_a_new_top_is_the_same_story() -> None:
    original = story(6, 200)
    body = [OTHER[n % 10] if n % 10 == 5 else w for n, w in enumerate(original.split()[40:110])]
    rng = random.Random(1)
    intro = " ".join(rng.choice(OTHER) for _ in range(40)) + "."
    copy = intro + "\n\n" + " ".join(body)
    assert containment(original, copy) < 0.5
    assert [p[:2] for p in duplicate_pairs([original, copy])] == [(0, 1)]


def test_a_follow_up_that_repeats_background_sentences_is_another_story() -> None:
    first = sentences(7, 10)
    news = sentences(8, 3)
    follow_up = [news[0], first[3], news[1], first[4], news[2], first[5]]
    assert duplicate_pairs([" ".join(first), " ".join(follow_up)]) == []


def test_reports_from_one_template_with_different_figures_are_different_stories() -> None:
    companies = [f"{a} {b}" for a in WORDS[:4] for b in WORDS[4:8]]

    def report(day: int) -> str:
        rng = random.Random(day)
        return " ".join(
            f"{name} rose {rng.randint(1, 40)}p to {rng.randint(50, 900)}p as traders welcomed "
            "the results."
            for name in companies
        )

    assert duplicate_pairs([report(1), report(2), report(3)]) == []


def test_templated_short_stories_are_different_stories() -> None:
    texts = [
        f"The {topic} committee met on Monday to discuss plan {n}. Councillors said the "
        f"{topic} plan would cost £{n + 1} million. “We will publish the figures,” said the "
        f"chair of the {topic} board."
        for n, topic in enumerate(["harbour", "harbour", "budget", "harbour"])
    ]
    assert duplicate_pairs(texts) == []


def test_different_stories_on_the_same_topic_are_not_duplicates() -> None:
    texts = [story(n) for n in range(200)]
    assert duplicate_pairs(texts) == []


def test_short_texts_match_only_their_exact_copy() -> None:
    texts = ["The club won the cup.", "The club won the  cup!", "The club lost the cup."]
    assert duplicate_groups(texts) == [[0, 1]]


def test_pairs_found_from_signatures_are_those_found_from_texts() -> None:
    original = story(9, 200)
    texts = [original, story(10), original[: len(original) // 2], story(11)]
    kept = [pickle.loads(pickle.dumps(signature(t))) for t in texts]
    assert find_pairs(kept) == duplicate_pairs(texts) == [(0, 2, 1.0)]


def test_a_signature_is_the_same_in_another_process() -> None:
    text = "Storm closes the harbour wall; ferry to the island cancelled."
    code = "from generator.duplicates import signature; import sys; print(signature(sys.argv[1]))"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    shown = subprocess.run(
        [sys.executable, "-c", code, text], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown == repr(signature(text))


@given(st.lists(st.sampled_from(WORDS + OTHER), min_size=30, max_size=80), st.data())
def test_case_and_punctuation_do_not_make_another_story(words: list[str], data) -> None:
    marks = data.draw(st.lists(st.sampled_from([" ", ", ", ". ", " - "]), min_size=len(words)))
    copy = "".join(w.upper() + m for w, m in zip(words, marks, strict=False))
    assert signature(copy) == signature(" ".join(words))
    assert duplicate_pairs([" ".join(words), copy]) == [(0, 1, 1.0)]


def test_remembered_verdicts_give_the_same_pairs_without_comparing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = story(21, 200)
    texts = [original, story(22), original[: len(original) // 2], story(23), story(22, 150)]
    signed = [signature(t) for t in texts]
    verdicts: dict[bytes, float] = {}
    expected = duplicate_pairs(texts)
    assert find_pairs(signed, verdicts) == expected
    assert verdicts

    def compare(*args: object) -> float:
        raise AssertionError("compared again")

    monkeypatch.setattr(duplicates._Texts, "_compare", compare)
    assert find_pairs(signed, dict(verdicts)) == expected


def test_texts_with_the_same_words_share_one_signature() -> None:
    text = "The harbour wall & the bridge: a *new* plan_b."
    escaped = "The harbour wall & the bridge: a \\*new\\* plan_b."
    same, copy, other = signatures([text, escaped, text + " Again."])
    assert copy is same and same == signature(text)
    assert other == signature(text + " Again.") and other is not same


def plain_find_pairs(signatures: list[duplicates.Signature]) -> list[tuple[int, int, float]]:
    """find_pairs as first written, one sampled shingle at a time: the faster loop must
    find exactly these pairs."""
    texts = duplicates._Texts(signatures)
    seen: dict[int, int] = {}
    postings: dict[int, list[int]] = {}
    exact: dict[frozenset[int], int] = {}
    found = []
    for j, own in enumerate(signatures):
        if own.length < duplicates.MIN_SHINGLES or not own.sample:
            shingles = texts.shingle_set(j)
            if shingles and shingles in exact:
                found.append((exact[shingles], j, 1.0))
            exact.setdefault(shingles, j)
            continue
        earlier: list[int] = []
        for h in own.sample:
            first = seen.setdefault(h, j)
            if first != j:
                group = postings.get(h)
                if group is None:
                    postings[h] = [first, j]
                    earlier.append(first)
                elif len(group) <= duplicates.COMMON:
                    earlier.extend(group)
                    group.append(j)
        for i, count in Counter(earlier).items():
            if duplicates._worth_comparing(count, signatures[i], own):
                share = texts.same_story(i, j)
                if share:
                    found.append((i, j, share))
    return sorted(found)


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=120))
@settings(max_examples=40, deadline=None)
def test_the_fast_search_finds_what_the_plain_search_finds(seeds: list[int]) -> None:
    signed = [signature(t) for t in search_texts(seeds)]
    assert find_pairs(signed) == plain_find_pairs(signed)


def search_texts(seeds: list[int]) -> list[str]:
    """Few words and many texts: a stock phrase in more than COMMON texts (so the order in
    which texts meet a shingle matters), truncated copies, texts too short to compare."""
    stock = " ".join(random.Random(0).choice(WORDS) for _ in range(60))
    texts: list[str] = []
    for n in seeds:
        rng = random.Random(n)
        text = " ".join(rng.choice(WORDS[:12]) for _ in range(rng.choice([8, 30, 120, 300])))
        if n % 2:
            text = f"{stock} {text}"
        if n % 7 == 0 and texts:
            text = texts[-1][: len(texts[-1]) // 2]
        texts.append(text)
    return texts


class IndexedTexts:
    """Published texts indexed by `index_keys`, as the ingest cache keeps them."""

    def __init__(self, signed: list[duplicates.Signature]) -> None:
        self.signed = signed
        self.keys: dict[int, list[int]] = {}
        for k, one in enumerate(signed):
            for key in duplicates.index_keys(one):
                self.keys.setdefault(key, []).append(k)

    def signature(self, k: int) -> duplicates.Signature:
        return self.signed[k]

    def holding(self, key: int) -> list[int]:
        return self.keys.get(key, [])


@given(
    st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=120),
    st.integers(min_value=1, max_value=6),
)
@settings(max_examples=60, deadline=None)
def test_groups_found_from_an_index_are_those_of_a_search_of_all_texts(
    seeds: list[int], new: int
) -> None:
    signed = [signature(t) for t in search_texts(seeds)]
    new = min(new, len(signed))
    every = duplicates.find_groups(signed)
    expected = [g for g in every if any(i < new for i in g)]
    assert duplicates.groups_with(signed[:new], IndexedTexts(signed[new:])) == expected


def test_a_published_text_joins_a_new_text_to_another_published_one() -> None:
    words = story(1, 320).split()
    first, middle, last = (" ".join(words[k : k + 200]) for k in (0, 60, 120))
    signed = [signature(t) for t in (last, first, "An unrelated short note.", middle)]
    assert [(i, j) for i, j, _ in find_pairs(signed)] == [(0, 3), (1, 3)]  # a chain
    groups = duplicates.groups_with(signed[:1], IndexedTexts(signed[1:]))
    assert groups == duplicates.find_groups(signed) == [[0, 1, 3]]
