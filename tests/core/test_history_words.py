"""Audit entries' changes in people's words."""

from core.history_words import sentence, sentences, shown

STATUS = {"planning": "Planning", "testing": "Testing changes"}


def test_a_change_of_value_uses_the_pages_words_for_the_field_and_its_values():
    said = sentences(
        {
            "status": {"from": "planning", "to": "testing"},
            "start_date": {"from": "2026-01-05", "to": "2026-02-02"},
        },
        {"start_date": "Start date"},
        {"status": STATUS},
    )
    assert said == [
        "Status changed from Planning to Testing changes",
        "Start date changed from 5 January 2026 to 2 February 2026",
    ]


def test_blank_values_are_set_or_cleared_and_blank_to_blank_says_nothing():
    assert sentence("Target", {"from": None, "to": 14}) == "Target set to 14"
    assert sentence("Target", {"from": 14, "to": ""}) == "Target cleared (was 14)"
    assert sentence("Notes", {"from": None, "to": ""}) is None


def test_lists_say_what_was_added_and_removed_and_flags_say_yes_or_no():
    assert sentence("Places", {"from": ["Stroud", "Tewkesbury"], "to": ["Cheltenham", "Tewkesbury"]}) == (
        "Places: added Cheltenham; removed Stroud"
    )
    assert sentence("Measures", [["A"], ["A", "B"]]) == "Measures: added B"
    assert sentence("Screen moving ranges", {"from": True, "to": False}) == (
        "Screen moving ranges changed from Yes to No"
    )
    assert sentence("Added", 3) == "Added: 3"


def test_values_are_shown_as_pages_show_them():
    assert shown("2026-12-03T14:05:00+00:00") == "3 December 2026 at 14:05"
    assert shown(["a", "b"]) == "a, b"
    assert shown("testing", STATUS) == "Testing changes"
