"""The place hierarchy, walked one way everywhere (community.places)."""

from __future__ import annotations

from community import places

# 1 system > 2 Gloucester > 3 PCN > 4 neighbourhood; 5 Cheltenham; 6 and 7 point at each other.
PARENTS = {1: None, 2: 1, 3: 2, 4: 3, 5: 1, 6: 7, 7: 6}


def test_ancestors_and_descendants_include_the_place_itself():
    assert places.ancestors(3, PARENTS) == {1, 2, 3}
    assert places.descendants(2, PARENTS) == {2, 3, 4}
    assert places.descendants(4, PARENTS) == {4}


def test_related_places_are_inside_or_around_never_beside():
    assert places.related(3, PARENTS) == {1, 2, 3, 4}
    assert 5 not in places.related(3, PARENTS)
    assert places.related(None, PARENTS) == frozenset()


def test_related_to_each_place_is_related_for_that_place():
    ids = [1, 2, 3, 4, 5, 6]
    found = places.related_to_each([*ids, None], PARENTS)
    assert found == {
        **{i: places.ancestors(i, PARENTS) | places.descendants(i, PARENTS) for i in ids},
        None: frozenset(),
    }
    assert found[4] == {1, 2, 3, 4}


def test_a_cycle_ends_the_walk():
    assert places.ancestors(6, PARENTS) == {6, 7}
    assert places.descendants(6, PARENTS) == {6, 7}
