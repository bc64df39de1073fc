"""Methods a request calls for, and the places a champion may cover for it. No database."""

from __future__ import annotations

from facilitation.matching import methods_for, related_places_of_each


def test_support_wanted_and_the_support_level_both_name_methods():
    assert methods_for(["workshop", "measurement"]) == {"facilitation", "measurement_spc"}
    assert methods_for(["advice"], "coaching") == {"system_coaching"}
    assert methods_for([], "light_touch") == frozenset()


def test_a_place_relates_to_its_ancestors_and_descendants_but_not_its_siblings():
    # system 1 → localities 2, 3; locality 2 → PCN 4 → neighbourhood 5
    parents = {1: None, 2: 1, 3: 1, 4: 2, 5: 4}

    assert related_places_of_each([2, 5, None], parents) == {
        2: {1, 2, 4, 5},
        5: {5, 4, 2, 1},
        None: frozenset(),
    }
