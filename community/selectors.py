"""Reads of reference data, shared by pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from community import places as places_module
from community.models import Organisation, Place, SystemPriority


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True).order_by("name")


def places() -> QuerySet[Place]:
    return Place.objects.select_related("parent").order_by("name")


def priorities() -> QuerySet[SystemPriority]:
    return SystemPriority.objects.filter(is_active=True).order_by("order", "name")


def place_parents() -> dict[int, int | None]:
    """Every place's parent, in one query (the place table is small)."""
    return dict(Place.objects.values_list("pk", "parent_id"))


def place_and_descendant_ids(place_id: int) -> set[int]:
    """The place and everything beneath it."""
    return places_module.descendants(place_id, place_parents())


def related_place_ids(place_id: int | None) -> frozenset[int]:
    """The place, everything beneath it and everything around it."""
    return places_module.related(place_id, place_parents())
