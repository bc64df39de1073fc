"""The place hierarchy (system → place → PCN → neighbourhood), walked in one way everywhere.

Pure functions over a child → parent map (`community.selectors.place_parents()` reads it in one query:
the place table is small). Cycles, which the admin could create, end a walk instead of looping.
"""

from __future__ import annotations

from collections.abc import Mapping

Parents = Mapping[int, int | None]


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
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
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
    if place_id is None:
        return frozenset()
    return frozenset(ancestors(place_id, parents) | descendants(place_id, parents))
