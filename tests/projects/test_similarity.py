"""The pure scoring behind overlap detection and the query text for search: no database."""

from projects.search import prefix_query, words
from projects.similarity import combined_score, lexemes_match, parse_tsvector, text_match


def test_a_tsvector_is_read_with_its_weights() -> None:
    parsed = parse_tsvector("'frailti':1A 'ward':3A,9C 'o''brien':4B 'home':12")
    assert parsed == {"frailti": {"A"}, "ward": {"A", "C"}, "o'brien": {"B"}, "home": {"D"}}


def test_prefixes_match_both_ways_but_not_for_tiny_words() -> None:
    assert lexemes_match("frail", "frailti")
    assert lexemes_match("frailti", "frail")
    assert not lexemes_match("care", "car")
    assert not lexemes_match("ward", "award")


def test_title_words_count_more_than_words_in_results() -> None:
    query = {"virtual": 2.0, "ward": 2.0, "frail": 2.0}
    in_title = text_match(query, {"virtual": {"A"}, "ward": {"A"}, "frailti": {"A"}})
    in_results = text_match(query, {"virtual": {"D"}, "ward": {"D"}, "frailti": {"D"}})
    partly = text_match(query, {"ward": {"A"}})
    assert in_title.score == 1.0 and in_title.matched == ("virtual", "ward", "frail")
    assert in_results.score < in_title.score
    assert 0 < partly.score < in_results.score + 0.5
    assert text_match({}, {"ward": {"A"}}).score == 0.0


def test_shared_priorities_and_places_tip_the_balance_up_to_a_cap() -> None:
    plain = combined_score(text=0.5, title_similarity=0.4, shared_priorities=0, shared_places=0)
    boosted = combined_score(text=0.5, title_similarity=0.4, shared_priorities=1, shared_places=1)
    capped = combined_score(text=0.5, title_similarity=0.4, shared_priorities=9, shared_places=9)
    assert (
        plain
        < boosted
        < capped
        == combined_score(text=0.5, title_similarity=0.4, shared_priorities=2, shared_places=2)
    )
    assert combined_score(text=1, title_similarity=1, shared_priorities=2, shared_places=2) == 1.0


def test_only_letters_and_digits_reach_a_query() -> None:
    assert words("Frailty: virtual-ward & 'OR' (frailty)!") == ["frailty", "virtual", "ward", "or"]
    assert prefix_query(["frail", "ward"]) == "frail:* & ward:*"
    assert prefix_query(["frail", "ward"], "|") == "frail:* | ward:*"
    assert prefix_query([]) == ""
    assert words("Café naïve") == ["café", "naïve"]


def test_the_fast_match_agrees_with_the_rule_for_every_pair() -> None:
    document = {w: {"A"} for w in ["car", "care", "carer", "frail", "frailti", "ward", "award", "wards"]}
    for query in ["car", "care", "carers", "frail", "frailti", "frailty", "ward", "aw", "war"]:
        expected = {d for d in document if lexemes_match(query, d)}
        got = set(text_match({query: 1.0}, document).matched)
        assert (query in got) == bool(expected), query
