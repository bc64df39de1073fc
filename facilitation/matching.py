"""Which improvement methods a request calls for, to match champions. Pure: no Django imports.

The request says what support it wants; the decision says the level of support given. Both map to the
champion register's methods (champions.models.Method values).
"""

from __future__ import annotations

from collections.abc import Iterable

from community import places

SUPPORT_METHODS: dict[str, frozenset[str]] = {
    "in_depth": frozenset({"model_for_improvement", "large_scale_change"}),
    "workshop": frozenset({"facilitation"}),
    "coaching": frozenset({"system_coaching"}),
    "measurement": frozenset({"measurement_spc"}),
    "training": frozenset(),
    "advice": frozenset(),
}

LEVEL_METHODS: dict[str, frozenset[str]] = {
    "in_depth": frozenset({"model_for_improvement", "large_scale_change"}),
    "facilitation": frozenset({"facilitation"}),
    "coaching": frozenset({"system_coaching"}),
    "light_touch": frozenset(),
}


def methods_for(support_wanted: Iterable[str], support_level: str = "") -> frozenset[str]:
    found: set[str] = set(LEVEL_METHODS.get(support_level, frozenset()))
    for key in support_wanted:
        found |= SUPPORT_METHODS.get(key, frozenset())
    return frozenset(found)


# For each place: the place, every place inside it and every place around it (community.places).
related_places_of_each = places.related_to_each
