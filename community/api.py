"""Read-only API for the reference data every other part of the portal refers to."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from community import selectors
from community.models import Organisation, Place, SystemPriority
from core.access import SIGNED_IN


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "headcount"]


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["id", "name", "kind", "parent"]


class SystemPrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = SystemPriority
        fields = ["id", "name", "slug", "description"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Partner organisations of the system, with their staff headcount."""

    serializer_class = OrganisationSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.organisations()


class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    """The system's places: system, place/locality, primary care network, neighbourhood."""

    serializer_class = PlaceSerializer
    filterset_fields = ["kind", "parent"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.places()


class SystemPriorityViewSet(viewsets.ReadOnlyModelViewSet):
    """The system priorities that projects, requests and champions are tagged with."""

    serializer_class = SystemPrioritySerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.priorities()


router_routes = [
    ("organisations", OrganisationViewSet, "organisation"),
    ("places", PlaceViewSet, "place"),
    ("priorities", SystemPriorityViewSet, "priority"),
]
access = {
    "organisation-list": SIGNED_IN,
    "organisation-detail": SIGNED_IN,
    "place-list": SIGNED_IN,
    "place-detail": SIGNED_IN,
    "priority-list": SIGNED_IN,
    "priority-detail": SIGNED_IN,
}
