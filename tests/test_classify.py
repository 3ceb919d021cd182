"""Section choice over a pool of articles: keyword-seeded TF-IDF with self-training."""

from dataclasses import dataclass

from generator.classify import MIN_POOL, choose_sections
from generator.sections import choose_section, stem


@dataclass(frozen=True)
class Section:
    name: str
    keywords: tuple[str, ...]


SECTIONS = (
    Section("Sport", ("match", "league")),
    Section("Business", ("shares", "profit")),
)
PLAYERS = ["Ade", "Bryn", "Cal", "Dev", "Eli", "Finn", "Gus", "Hal", "Ivo", "Jon", "Kit", "Lou"]


def sport(n: int) -> str:
    return f"{PLAYERS[n]} the striker scored in the league match as the goalkeeper watched."


def business(n: int) -> str:
    return f"{PLAYERS[n]} said shares rose as profit and the dividend beat forecasts of investors."


def test_pooled_articles_teach_words_the_keywords_do_not_list() -> None:
    pool = [sport(n) for n in range(12)] + [business(n) for n in range(12)]
    unlisted = [
        "The striker and the goalkeeper were praised.",
        "Investors cheered the dividend forecasts.",
    ]
    # Alone, neither text has a keyword: the first section is chosen with no confidence.
    assert [choose_section(t, SECTIONS) for t in unlisted] == [(SECTIONS[0], 0.0)] * 2
    chosen = choose_sections(pool + unlisted, SECTIONS)
    assert [s.name for s, _ in chosen[-2:]] == ["Sport", "Business"]
    assert all(s.name == "Sport" for s, _ in chosen[:12])
    assert all(s.name == "Business" for s, _ in chosen[12:24])
    assert all(0 <= confidence <= 1 for _, confidence in chosen)


def test_pooled_choice_is_deterministic() -> None:
    pool = [sport(n) for n in range(12)] + [business(n) for n in range(12)]
    assert choose_sections(pool, SECTIONS) == choose_sections(pool, SECTIONS)


def test_a_small_pool_is_classified_one_article_at_a_time() -> None:
    texts = [sport(0), business(1), "Nothing here."][: MIN_POOL - 1]
    assert choose_sections(texts, SECTIONS) == [choose_section(t, SECTIONS) for t in texts]


def test_keywords_match_their_inflections_only() -> None:
    assert stem("voted") == stem("voters") == stem("voting") == stem("vote")
    assert stem("parties") == stem("party")
    assert stem("winning") == stem("win")
    assert stem("billion") != stem("bill") and stem("authority") != stem("author")
