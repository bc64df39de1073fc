"""Filters for the measure portfolio, in the register's style."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from community.models import Organisation, Place, SystemPriority
from projects.models import Project
from projects.spc.icons import ASSURANCE_LABELS, VARIATION_LABELS

from .models import Measure

VARIATION_CHOICES = [(k, v) for k, v in VARIATION_LABELS.items()]
ASSURANCE_CHOICES = [(k, v) for k, v in ASSURANCE_LABELS.items()]


class PortfolioFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Measure or project", method="search")
    kind = django_filters.ChoiceFilter(
        label="Type of measure", choices=Measure.Kind.choices, empty_label="Any"
    )
    value_kind = django_filters.ChoiceFilter(
        label="Recorded as", choices=Measure.ValueKind.choices, empty_label="Any"
    )
    chart_type = django_filters.ChoiceFilter(
        label="Chart", choices=Measure.ChartType.choices, empty_label="Any"
    )
    variation = django_filters.ChoiceFilter(label="Variation", choices=VARIATION_CHOICES, empty_label="Any")
    assurance = django_filters.ChoiceFilter(label="Assurance", choices=ASSURANCE_CHOICES, empty_label="Any")
    status = django_filters.ChoiceFilter(
        label="Project status",
        field_name="project__status",
        choices=Project.Status.choices,
        empty_label="Any",
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation",
        field_name="project__organisations",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Any",
        distinct=True,
    )
    place = django_filters.ModelChoiceFilter(
        label="Place",
        field_name="project__places",
        queryset=Place.objects.order_by("name"),
        empty_label="Any",
        distinct=True,
    )
    priority = django_filters.ModelChoiceFilter(
        label="System priority",
        field_name="project__priorities",
        queryset=SystemPriority.objects.order_by("name"),
        empty_label="Any",
        distinct=True,
    )

    class Meta:
        model = Measure
        fields: list[str] = []

    def search(self, queryset: QuerySet[Measure], name: str, value: Any) -> QuerySet[Measure]:
        value = str(value).strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(project__title__icontains=value))


PortfolioFilter.base_filters["q"].field_class = forms.CharField
