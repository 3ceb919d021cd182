"""Calls to action: the fitted rule of generator/calls_to_action.py, on the labelled sets and
on the kinds of line it must tell apart."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import calls_to_action as cta
from generator import cleaning
from generator.cleaning import is_boilerplate

DATA = Path(__file__).parent / "data"


def labelled_lines(name: str) -> tuple[list[str], list[str]]:
    """(promo lines, news lines) of a test set in tests/data/."""
    promos, news = [], []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith(("promo: ", "news: ")):
            kind, text = line.split(": ", 1)
            (promos if kind == "promo" else news).append(text)
    return promos, news


# Measured when the rule was frozen (docs/quality.md); the rule was fitted on these sets, so
# this guards against going backwards, not against overfitting.
@pytest.mark.parametrize(
    ("name", "found", "news_taken"),
    [
        ("boilerplate_dev3.txt", 131, []),
        ("boilerplate_dev4.txt", 69, []),
        ("boilerplate_dev5.txt", 46, []),
        ("boilerplate_dev6.txt", 41, []),
    ],
)
def test_development_sets_stay_as_well_found_as_measured(
    name: str, found: int, news_taken: list[str]
) -> None:
    promos, news = labelled_lines(name)
    assert sum(map(is_boilerplate, promos)) >= found
    assert [line for line in news if is_boilerplate(line)] == news_taken


def test_a_blind_held_out_set_is_found_at_the_target_rate() -> None:
    """boilerplate_heldout2.txt was written by someone who had not seen the rule, after it
    was frozen (commit 7baf67b), and is never used to change it. Target: 70 % of promos."""
    promos, news = labelled_lines("boilerplate_heldout2.txt")
    assert len(promos) == len(news) == 60
    assert sum(map(is_boilerplate, promos)) >= 53  # 0.88, as measured at the freeze
    # A lookalike on purpose; one in 60 is what the frozen rule takes (docs/quality.md).
    assert [line for line in news if is_boilerplate(line)] == [
        "Swipe, scroll, swipe again: for the teenagers in this study, the phone was never "
        "more than an arm's length away."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Turn off your ad blocker to help fund our reporting.",
        "Reply to this email with your questions for our political editor.",
        "Love local news? Back it with a monthly donation.",
        "Listen to this article",
        "📲 Get the latest news on WhatsApp",
        "Tap the bell to get notified when we go live.",
        "You've reached your limit of free articles this month. Subscribe to keep reading.",
    ],
)
def test_the_reader_asked_to_act_for_the_publication_is_a_call_to_action(line: str) -> None:
    assert cta.is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "'Join us,' the protesters chanted as police lined the square.",
        "“Download the app and you'll never queue again,” the chief executive promised.",
        "Subscribe to our newsletter for daily updates, the council said.",
        "The campaign asks people to donate old phones to refugees.",
    ],
)
def test_reported_speech_is_never_a_call_to_action(line: str) -> None:
    assert cta.is_decided_news(line)
    assert not cta.is_call_to_action(line)


def test_a_short_title_in_quotes_is_not_speech() -> None:
    assert not cta.is_reported_speech("Search for “Inside Westminster” in your podcast app.")
    assert cta.is_call_to_action("Search for “Inside Westminster” in your podcast app.")


@pytest.mark.parametrize(
    "line",
    [
        "Call 999 if you see someone in the water.",
        "Download the NHS app to book your appointment.",
        "For more information, visit the club's website.",
    ],
)
def test_someone_elses_advice_is_news(line: str) -> None:
    assert not cta.is_call_to_action(line)


def test_the_publication_may_speak_of_a_public_service() -> None:
    # "we/our/us" make it the publisher's own pitch again.
    assert cta.is_call_to_action("Sign up for our flood alerts by email.")


@pytest.mark.parametrize(
    "line",
    [
        "Walk along the seafront on a summer evening and you will hear a dozen languages.",
        "Go online and you will find hundreds of fake reviews.",
        "Take the A9 north from Perth and the landscape changes within minutes.",
    ],
)
def test_an_imperative_that_sets_a_scene_is_feature_writing(line: str) -> None:
    assert not cta.is_call_to_action(line)


def test_an_imperative_about_what_news_also_speaks_of_is_not_enough() -> None:
    # Polls, shows and readers are news too; "our poll" is the publication's.
    assert not cta.is_call_to_action("Forget the polls; the real contest is in the marginals.")
    assert cta.is_call_to_action("Vote now in our readers' poll.")


@pytest.mark.parametrize(
    "line",
    [
        "Share prices across Asia fell on Tuesday.",
        "Sign language interpreters will be at every briefing.",
        "Download speeds in rural areas are still half those in cities.",
        "Follow-up checks found no further leaks.",
        "Watch This Space, the band's third album, is out in June.",
        "Donate Life week begins on Monday.",
    ],
)
def test_promo_verbs_as_nouns_and_titles_open_news(line: str) -> None:
    assert not cta._imperative(line)[0]
    assert not cta.is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "Netflix added 9 million subscribers in the last quarter.",
        "The podcast was downloaded 10 million times in its first month.",
        "Subscribers to the water company will see bills rise by 6%.",
    ],
)
def test_reporting_about_subscriptions_and_apps_is_news(line: str) -> None:
    assert not cta.is_call_to_action(line)


def test_us_the_country_is_not_the_publication() -> None:
    assert not cta._we(cta._words("Shares in the US rose."))
    assert cta._we(cta._words("Follow us on X."))


@pytest.mark.parametrize(
    "line", ["Advertisement", "Read more: Ferry returns to service", "👉 Most read"]
)
def test_page_labels_are_boilerplate_by_their_form(line: str) -> None:
    assert cta.is_label(line)


def test_every_feature_has_a_weight() -> None:
    assert len(cta.WEIGHTS) == len(cta.FEATURES) == len(cta.features("Sign up now."))


@given(st.text(max_size=300))
def test_any_text_gets_a_probability_and_a_verdict(text: str) -> None:
    probability = cta.probability(text)
    assert 0 <= probability <= 1
    assert cta.is_call_to_action(text) in (True, False)
    assert cta.is_call_to_action(text) == cta.is_call_to_action(text)  # the caches agree


PROMOS = labelled_lines("boilerplate_dev3.txt")[0]


@given(st.sampled_from(PROMOS), st.sampled_from(["the council said", "officials told reporters"]))
def test_a_promo_attributed_to_someone_becomes_news(line: str, attribution: str) -> None:
    reported = f"{line.rstrip('.!?')}, {attribution}."
    assert not cta.is_call_to_action(reported) or cta.is_label(reported)


@pytest.mark.parametrize("line", ["<!-- comment -->", "| 12 | 4 | 0 | Subscribe |"])
def test_markup_and_figures_are_not_a_pitch(line: str) -> None:
    assert not cta.is_call_to_action(line)


@given(
    st.lists(
        st.lists(st.sampled_from(["Lead one", "lead  ONE", "Footer 2026", "footer 1999", "x"])),
        max_size=8,
    )
)
def test_repeated_lines_are_counted_from_line_keys_as_from_paragraphs(
    seeds: list[list[str]],
) -> None:
    from generator.cleaning import line_keys, repeated_keys, repeated_lines

    expected = repeated_lines(seeds, minimum=2)
    assert repeated_keys([line_keys(paragraphs) for paragraphs in seeds], minimum=2) == expected


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_normalise_of_ascii_text_is_that_of_the_general_path(text: str) -> None:
    # normalise() takes a shorter way for ASCII text (no NFC, only the control characters):
    # it must give what the general patterns give.
    breaks, hidden = cleaning._category_patterns()
    general = hidden.sub("", breaks.sub(" ", unicodedata.normalize("NFC", text)))
    assert cleaning.normalise(text) == cleaning._SPACES.sub(" ", general).strip()
