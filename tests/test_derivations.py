"""Headline, dek, tags, section, boilerplate: the pure derivations."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cleaning import is_boilerplate, normalise, remove_boilerplate
from generator.config import load_config
from generator.headline import MAX_HEADLINE, balance, derive_dek, derive_headline
from generator.sections import choose_section
from generator.sentences import split_sentences
from generator.slugs import slugify, unique_slug
from generator.tags import derive_tags

DANGLING = {"the", "of", "and", "to", "a", "an", "in", "on", "at", "for", "with", "by"}
LEAD = (
    "Palestinian Authority (PA) President Mahmoud Abbas met secretly with Israeli Defence "
    "Minister Benny Gantz at the latter’s residence in Tel Aviv earlier this week."
)


def assert_publishable(headline: str) -> None:
    assert 0 < len(headline) <= MAX_HEADLINE
    assert headline.split()[-1].lower() not in DANGLING
    assert headline == balance(headline)
    assert not headline.endswith((".", ",", ";", ":"))


def test_long_lead_becomes_a_short_headline_without_titles_or_time_phrases() -> None:
    headline, confidence = derive_headline([LEAD])
    assert headline == "Mahmoud Abbas meets with Benny Gantz"
    assert 0 < confidence < 1
    assert_publishable(headline)


def test_short_lead_is_kept_whole() -> None:
    headline, confidence = derive_headline(["Shares in Loaf & Co rose 8% on Monday."])
    assert headline == "Shares in Loaf & Co rise 8%"
    assert confidence == 0.9


def test_dateline_is_not_part_of_the_headline() -> None:
    headline, _ = derive_headline(["GAZA CITY (Reuters) - Aid lorries crossed the border."])
    assert headline == "Aid lorries cross border"


@given(st.lists(st.text(min_size=1), min_size=1))
def test_any_lead_gives_a_headline_within_the_limits(paragraphs: list[str]) -> None:
    paragraphs = [normalise(p) for p in paragraphs if normalise(p)]
    if not paragraphs:
        return
    headline, _ = derive_headline(paragraphs)
    assert len(headline) <= MAX_HEADLINE
    assert headline == balance(headline)


def test_unbalanced_quotes_and_brackets_are_removed() -> None:
    assert balance("Minister says “no deal") == "Minister says no deal"
    assert balance("Row over (the plan") == "Row over the plan"
    assert balance("It’s “fine” (really)") == "It’s “fine” (really)"


def test_dek_is_the_lead_sentence_or_two_and_never_the_headline() -> None:
    paragraphs = ["The ferry is back.", "It was repaired at a cost of £1m. More later."]
    assert (
        derive_dek(paragraphs, "Ferry returns")
        == "The ferry is back. It was repaired at a cost of £1m."
    )
    assert (
        derive_dek(paragraphs, "The ferry is back")
        == "It was repaired at a cost of £1m. More later."
    )


def test_very_long_lead_sentence_is_cut_for_the_dek() -> None:
    dek = derive_dek(["word " * 100 + "end."], "Headline")
    assert len(dek) <= 201 and dek.endswith("…")


def test_sentences_survive_abbreviations_and_initials() -> None:
    assert split_sentences("Mr. J. Smith met U.S. officials. They agreed.") == [
        "Mr. J. Smith met U.S. officials.",
        "They agreed.",
    ]


def test_tags_merge_short_forms_and_acronyms_and_drop_titles() -> None:
    paragraphs = [
        LEAD,
        "Gantz told Abbas that the PA would get a loan.",
        "Hamas said the meeting in Gaza was a betrayal. Hamas rejected it.",
        "Aid reached Gaza on Sunday.",
    ]
    tags = derive_tags(paragraphs)
    assert tags[:3] == ("Palestinian Authority", "Mahmoud Abbas", "Benny Gantz")
    assert "Hamas" in tags and "Gaza" in tags
    assert not any(re.search(r"President|Minister|^But |^The ", t) for t in tags)
    assert "Abbas" not in tags and "PA" not in tags


def test_sentence_initial_words_are_not_names() -> None:
    tags = derive_tags(["But the council agreed. However Ade Okafor said no. Asked why, he left."])
    assert tags == ("Ade Okafor",)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter and stay updated on the latest news and updates!",
        "Follow us on Facebook for the latest updates from the harbour!",
        "Download our app for breaking business news alerts.",
        "Sign up for our free daily briefing in your inbox",
        "ADVERTISEMENT",
        "Read more: Ferry returns to service",
        "Share this article",
        "Don't miss our newsletter, sign up here",
    ],
)
def test_calls_to_action_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "“Join us,” the protesters chanted outside parliament.",
        "Follow-up talks are planned for next week, the ministry said.",
        "Shares in the firm rose 8% after it reported a profit.",
        "Readers can subscribe to the council's tender alerts, officials said.",
        "Support for the government fell to 31% in the latest poll.",
        "Read the 400-page judgment before commenting, the judge told lawyers.",
    ],
)
def test_news_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_remove_boilerplate_reports_what_it_removed() -> None:
    kept, removed = remove_boilerplate(["News.", "Advertisement", "More news."])
    assert kept == ["News.", "More news."]
    assert removed == ["Advertisement"]


def test_extra_patterns_remove_a_publisher_footer() -> None:
    kept, removed = remove_boilerplate(
        ["News.", "© Gazette Media 2026"], [re.compile(r"^© Gazette", re.IGNORECASE)]
    )
    assert (kept, removed) == (["News."], ["© Gazette Media 2026"])


def test_normalise_keeps_typography_and_drops_invisible_characters() -> None:
    assert (
        normalise("  “Café” –\u00a0soft\u00adhyphen\u200b\x07 end  ") == "“Café” – softhyphen end"
    )


def test_section_is_chosen_by_keywords(tmp_path) -> None:
    sections = load_config(tmp_path).sections
    section, confidence = choose_section(
        "The striker scored twice as the club won the cup final.", sections
    )
    assert section.name == "Sport" and confidence > 0.5
    section, confidence = choose_section("Nothing to see here.", sections)
    assert (section.name, confidence) == ("World", 0.0)


def test_keywords_match_whole_words_only(tmp_path) -> None:
    sections = load_config(tmp_path).sections
    # "author" must not match "Authority", nor "bill" "billion", nor "art" "article".
    section, _ = choose_section(
        "The Palestinian Authority spent a billion on an article.", sections
    )
    assert section.name == "World"


def test_slugs_are_ascii_short_and_unique() -> None:
    assert slugify("Shares in Zürich jump 6% — “again”") == "shares-in-zurich-jump-6-again"
    assert slugify("Rail operator's app") == "rail-operators-app"
    assert len(slugify("word " * 50)) <= 70
    assert unique_slug("budget", {"budget", "budget-2"}) == "budget-3"


@given(st.text())
def test_slugs_only_ever_hold_lowercase_ascii_words(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert len(slug) <= 70


@given(st.text().map(normalise).filter(lambda t: not set(t) & set("<>&")))
def test_our_slugs_are_pelicans_slugs(name: str) -> None:
    from pelican.utils import slugify as pelican_slugify

    from generator.slugs import PELICAN_SLUG_SUBSTITUTIONS

    assert slugify(name, max_length=None) == pelican_slugify(
        name, regex_subs=PELICAN_SLUG_SUBSTITUTIONS
    )


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "The firm has won a contract to supply the council.",
            "Firm wins contract to supply council",
        ),
        (
            "Simon Taylor has been named in the Scotland squad.",
            "Simon Taylor named in Scotland squad",
        ),
        (
            "Walt Disney settled charges with regulators on Tuesday.",
            "Walt Disney settles charges with regulators",
        ),
        (
            "The US budget deficit is set to hit $368bn, officials said.",
            "US budget deficit set to hit $368bn",
        ),
        (
            "Australian tennis coach Tony Roche has turned down an approach from Roger Federer.",
            "Tony Roche turns down approach from Roger Federer",
        ),
    ],
)
def test_headline_is_in_present_tense_news_style(lead: str, headline: str) -> None:
    assert derive_headline([lead])[0] == headline


def test_headline_words_all_come_from_the_lead() -> None:
    lead = "Shares in Petrel Resources have lost more than 50% of their value in a day."
    headline, _ = derive_headline([lead])
    lead_words = {w.lower() for w in re.findall(r"\w+", lead)}
    # Only the tense of a verb may change ("have lost" → "lose").
    assert {w.lower() for w in re.findall(r"\w+", headline)} - lead_words <= {"lose"}


@given(
    st.lists(
        st.sampled_from(
            "The minister has said that the firm will cut 400 jobs at its plant in Leeds , which "
            "opened in 1990 , after sales fell by a third on Monday and of to the “ ( ".split()
        ),
        min_size=1,
        max_size=60,
    ).map(" ".join)
)
def test_any_headline_is_short_without_dangling_words_or_open_quotes(lead: str) -> None:
    headline, confidence = derive_headline([lead])
    assert len(headline) <= MAX_HEADLINE and 0 < confidence < 1
    if len(headline.split()) > 3:
        assert headline.split()[-1].lower() not in DANGLING
    assert headline == balance(headline)


def test_tags_leave_out_nationalities_and_words_the_article_writes_in_lower_case() -> None:
    paragraphs = [
        "Sprinters Kostas Kenteris and Katerina Thanou were cleared by the Greek federation.",
        "Shares in Petrel Resources fell. The British and Greek sprinters trained in Athens.",
        "The shares were sold. Athens hosted the race and Gordon D'Arcy watched.",
    ]
    tags = derive_tags(paragraphs)
    assert tags[:2] == ("Kostas Kenteris", "Katerina Thanou")
    assert "Athens" in tags and "Gordon D'Arcy" in tags and "Petrel Resources" in tags
    assert not {"Greek", "British", "Shares", "Sprinters Kostas Kenteris"} & set(tags)


def test_headline_names_a_person_by_surname_when_the_article_does() -> None:
    lead = "Simon Taylor has been named in the Scotland squad for the Six Nations."
    assert derive_headline([lead])[0].startswith("Simon Taylor named")
    later = "Taylor missed the autumn tests with a knee injury."
    assert derive_headline([lead, later])[0].startswith("Taylor named in Scotland squad")


def labelled_lines(name: str) -> tuple[list[str], list[str]]:
    """(promo lines, news lines) of a test set in tests/data/."""
    promos, news = [], []
    for line in (Path(__file__).parent / "data" / name).read_text().splitlines():
        if line.startswith(("promo: ", "news: ")):
            kind, text = line.split(": ", 1)
            (promos if kind == "promo" else news).append(text)
    return promos, news


def test_calls_to_action_of_the_development_sets_are_found_and_news_kept() -> None:
    promos, news = labelled_lines("boilerplate_dev.txt")
    found = [line for line in promos if is_boilerplate(line)]
    assert len(found) / len(promos) >= 0.95
    assert [line for line in news if is_boilerplate(line)] == []


def test_the_old_held_out_set_is_found_and_its_news_kept() -> None:
    # Held out for the second version of the rule (11 of 20 found, 1 news line taken); the
    # fitted rule was trained on it, so it now guards against going backwards only. The
    # other sets are measured in tests/test_cleaning.py.
    promos, news = labelled_lines("boilerplate_heldout.txt")
    assert sum(map(is_boilerplate, promos)) == 20
    assert [line for line in news if is_boilerplate(line)] == []
