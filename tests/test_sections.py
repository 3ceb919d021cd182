"""Section choice for one article: configured words, widened with the built-in lexicon."""

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from generator.lexicon import topics
from generator.sections import (
    DEFAULT_SECTIONS,
    choose_section,
    keyword_scores,
    match_stem,
    profile,
    term,
)


@dataclass(frozen=True)
class Section:
    name: str
    keywords: tuple[str, ...]
    description: str = ""


SPORT = Section("Sport", ("match", "league", "football", "game"))
TECH = Section("Technology", ("computer", "software", "internet", "games"))
MONEY = Section("Business", ("company", "shares", "profit"))


def weight(section: Section, word: str, sections: tuple[Section, ...]) -> float:
    """The weight `word` has for `section` in the profile of `sections` (0 if none)."""
    found = profile(sections).weights.get(term(word), ())
    return next((w for i, w in found if sections[i] == section), 0.0)


def test_words_of_a_topic_the_keywords_point_to_choose_the_section() -> None:
    # None of these words is configured: "laptop", "processor" come from the computing topic.
    text = "The new laptop has a faster processor and a bigger hard drive."
    assert keyword_scores(text, [SPORT, MONEY])[0] == 0.0
    section, confidence = choose_section(text, [SPORT, TECH, MONEY])
    assert section is TECH and confidence == 1.0


def test_a_word_in_two_topics_brings_in_the_one_the_other_keywords_mean() -> None:
    # Sport's "game" sits in a sport topic and in the video-games topic; its other keywords
    # are all sport, so consoles stay out of Sport.
    assert weight(SPORT, "console", (SPORT, MONEY)) == 0.0
    assert weight(SPORT, "striker", (SPORT, MONEY)) > 0.0
    assert weight(TECH, "console", (SPORT, TECH)) > 0.0


def test_one_stray_description_word_does_not_bring_in_another_family() -> None:
    # "results" is a business word (a company's results), but this section is about sport.
    sport = Section("Sport", SPORT.keywords, "Results and the stories behind the games.")
    assert weight(sport, "dividend", (sport, TECH)) == 0.0
    assert weight(sport, "result", (sport, TECH)) > 0.0  # the word itself still counts


def test_a_sport_the_keywords_do_not_name_still_counts_for_sport() -> None:
    # Only football words configured: golf comes in, more weakly, as a sibling topic.
    text = "She holed a long putt for a birdie at the last to win the Ryder Cup."
    assert choose_section(text, [MONEY, SPORT])[0] is SPORT
    assert weight(SPORT, "birdie", (SPORT,)) < weight(SPORT, "striker", (SPORT,))


def test_a_word_two_sections_claim_weighs_less_than_a_word_only_one_claims() -> None:
    both = (SPORT, TECH)
    assert 0 < weight(SPORT, "game", both) < weight(SPORT, "league", both)
    # Each section's weights are then scaled by its own norm: the split stays about even.
    assert abs(weight(SPORT, "game", both) - weight(TECH, "game", both)) < 0.01
    _, confidence = choose_section("What a game.", list(both))
    assert confidence < 0.1  # next to nothing to choose by


def test_description_words_count_when_no_keyword_is_configured() -> None:
    food = Section("Eating out", (), "Recipes, restaurants and wine.")
    section, _ = choose_section("The chef opened a second restaurant.", [MONEY, food])
    assert section is food


def test_a_section_name_alone_brings_in_its_topic() -> None:
    weather = Section("Weather", ())
    section, _ = choose_section("Heavy rain and gales are on the way.", [MONEY, weather])
    assert section is weather


def test_a_section_with_a_wide_vocabulary_does_not_win_by_chance_hits() -> None:
    # Business takes in many topics; one word each for both must still be an even split.
    scores = keyword_scores("The profit fell. The league ended.", [MONEY, SPORT])
    assert scores[0] > 0 and abs(scores[0] - scores[1]) < 0.5 * max(scores)


def test_an_all_caps_word_of_the_lexicon_matches_only_in_capitals() -> None:
    assert keyword_scores("It was what it was.", [SPORT, TECH]) == [0.0, 0.0]
    assert keyword_scores("The IT department.", [SPORT, TECH])[1] > 0


def test_agent_nouns_do_not_match_the_verb() -> None:
    # "leader" is a politics word; "led" and "leads" must not count as it.
    assert match_stem("leader") != match_stem("lead")
    assert match_stem("runner") != match_stem("run") == match_stem("running")
    assert match_stem("voted") == match_stem("votes") == match_stem("voting") == match_stem("vote")
    assert match_stem("voters") == match_stem("voter")


def test_confidence_is_the_lead_over_the_runner_up() -> None:
    text = "Shares in the company rose as profit beat forecasts. The league match was off."
    section, confidence = choose_section(text, [SPORT, MONEY])
    scores = keyword_scores(text, [SPORT, MONEY])
    assert section is MONEY and 0 < scores[0] < scores[1]
    assert confidence == (scores[1] - scores[0]) / scores[1]
    assert choose_section("Nothing to see here.", [SPORT, MONEY]) == (SPORT, 0.0)


def test_the_lexicon_parses_into_families_of_named_topics() -> None:
    parsed = topics()
    assert len({(family, topic) for family, topic, _ in parsed}) == len(parsed)
    assert all(family and topic and words for family, topic, words in parsed)
    assert all(word == word.strip() and "\n" not in word for *_, ws in parsed for word in ws)
    assert {"sport", "business", "politics", "tech", "culture", "world"} <= {f for f, *_ in parsed}


def test_every_default_keyword_is_matched_by_itself() -> None:
    sections = [Section(name, keywords, desc) for name, desc, keywords in DEFAULT_SECTIONS]
    for index, section in enumerate(sections):
        for keyword in section.keywords:
            scores = keyword_scores(keyword, sections)
            assert scores[index] > 0, keyword


@given(st.text(max_size=300))
def test_any_text_gets_a_configured_section_and_a_confidence_between_0_and_1(text) -> None:
    sections = [SPORT, TECH, MONEY]
    section, confidence = choose_section(text, sections)
    assert section in sections and 0.0 <= confidence <= 1.0
    assert all(score >= 0 for score in keyword_scores(text, sections))
