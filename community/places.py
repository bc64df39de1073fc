"""The place hierarchy (system → place → PCN → neighbourhood), walked in one way everywhere.

Pure functions over a child → parent map (`community.selectors.place_parents()` reads it in one query:
the place table is small). Cycles, which the admin could create, end a walk instead of looping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Parents = Mapping[int, int | None]
Children = Mapping[int, list[int]]


def ancestors(place_id: int, parents: Parents) -> set[int]:
    """The place and every place it is inside."""
    found: set[int] = set()
    current: int | None = place_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def descendants(place_id: int, parents: Parents) -> set[int]:
    """The place and every place inside it."""
    return _below(place_id, children_of(parents))


def children_of(parents: Parents) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    return children


def _below(place_id: int, children: Children) -> set[int]:
    found, stack = {place_id}, [place_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def related(place_id: int | None, parents: Parents) -> frozenset[int]:
    """The place, every place inside it and every place around it: who works there, in a wider or a
    narrower area, is relevant to it."""
    return related_to_each([place_id], parents)[place_id]


def related_to_each(place_ids: Iterable[int | None], parents: Parents) -> dict[int | None, frozenset[int]]:
    """`related` for each of several places, walking the tree's children map once rather than per place."""
    children = children_of(parents)
    return {
        place_id: frozenset(ancestors(place_id, parents) | _below(place_id, children))
        if place_id is not None
        else frozenset()
        for place_id in place_ids
    }
