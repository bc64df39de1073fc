"""The directory's filters: method, topic, place, organisation, level, free capacity, name."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from champions.models import Champion, Level, Method
from community.models import Organisation, Place, SystemPriority
from community.selectors import related_place_ids


class ChampionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or what they offer", method="filter_q")
    method = django_filters.ChoiceFilter(
        label="Method", choices=Method.choices, method="filter_method", empty_label="Any method"
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        queryset=SystemPriority.objects.filter(is_active=True).order_by("order", "name"),
        field_name="topics",
        empty_label="Any topic",
    )
    place = django_filters.ModelChoiceFilter(
        label="Place",
        queryset=Place.objects.order_by("name"),
        method="filter_place",
        empty_label="Anywhere",
        help_text="Includes champions for the whole system and for areas within the place.",
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation",
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        empty_label="Any organisation",
    )
    level = django_filters.ChoiceFilter(label="Level", choices=Level.choices, empty_label="Any level")
    has_free_capacity = django_filters.BooleanFilter(
        label="Only champions with free time this month",
        method="filter_free",
        widget=forms.CheckboxInput,
    )

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split():
            queryset = queryset.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(offer__icontains=word)
                | Q(person__job_title__icontains=word)
            )
        return queryset

    def filter_method(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(methods__contains=[value])

    def filter_place(self, queryset: QuerySet[Any], name: str, value: Place) -> QuerySet[Any]:
        ids = related_place_ids(value.pk)
        covering = Champion.objects.filter(Q(places__in=ids) | Q(places__isnull=True)).values("pk")
        return queryset.filter(pk__in=covering)

    def filter_free(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(free_now__gt=0) if value else queryset


class RegisterFilter(ChampionFilter):
    """The admins' view of the whole register adds status and consent."""

    status = django_filters.ChoiceFilter(
        label="Status", choices=Champion.Status.choices, empty_label="Any status"
    )
