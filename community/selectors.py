"""Reads of reference data, shared by pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from community.models import Organisation, Place, SystemPriority


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("name")


def places() -> QuerySet[Place]:
    return Place.objects.select_related("parent").order_by("name")


def priorities() -> QuerySet[SystemPriority]:
    return SystemPriority.objects.filter(is_active=True).order_by("order", "name")


def place_and_descendant_ids(place_id: int) -> set[int]:
    """The place and everything beneath it, in one query (the place table is small)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Place.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [place_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found
