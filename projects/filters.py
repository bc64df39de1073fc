"""The browse page's filters (django-filter); the API's list uses the same set."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from community import selectors as community_selectors
from community.models import Organisation, SystemPriority
from projects import selectors
from projects.models import PROGRESS_SCORES, Method, Project, Status

FIRST_YEAR = 2015


def _through(name: str) -> Any:
    return getattr(Project, name).through.objects


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        help_text="Words in the title, problem, aim, results or learning",
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        method="filter_organisation",
        label="Organisation",
        empty_label="Any organisation",
    )
    place = django_filters.ModelChoiceFilter(
        queryset=selectors.places_in_order(),
        method="filter_place",
        label="Place",
        empty_label="Anywhere",
        help_text="Includes the places within it",
    )
    priority = django_filters.ModelChoiceFilter(
        queryset=SystemPriority.objects.filter(is_active=True).order_by("order", "name"),
        method="filter_priority",
        label="System priority",
        empty_label="Any priority",
    )
    method = django_filters.ModelChoiceFilter(
        queryset=Method.objects.order_by("order", "name"),
        method="filter_method",
        label="Method or tool",
        empty_label="Any method",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Status",
        distinct=False,  # a column of the project: no join to repeat rows, so no DISTINCT over every match
    )
    progress_min = django_filters.TypedChoiceFilter(
        field_name="progress_score",
        lookup_expr="gte",
        choices=[("", "Any score"), *((str(v), label) for v, label in PROGRESS_SCORES)],
        coerce=Decimal,
        label="Progress score at least",
    )
    # Years rather than day/month/year boxes: enough to narrow a list, and quick to choose.
    started_from = django_filters.TypedChoiceFilter(
        field_name="start_date", lookup_expr="year__gte", coerce=int, label="Started in or after"
    )
    started_until = django_filters.TypedChoiceFilter(
        field_name="start_date", lookup_expr="year__lte", coerce=int, label="Started in or before"
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label="Only projects I lead or am on the team of", widget=forms.CheckboxInput
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = [("", "Any year")] + [(str(y), str(y)) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]
        for name in ("started_from", "started_until"):
            self.filters[name].extra["choices"] = years

    def filter_text(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        found = selectors.search_widening(queryset, value)
        self.search_note, self.suggestion = found.note, found.suggestion
        return found.projects

    def filter_organisation(self, queryset: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        return queryset.filter(
            pk__in=_through("organisations").filter(organisation=value).values("project_id")
        )

    def filter_place(self, queryset: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        ids = community_selectors.place_and_descendant_ids(value.pk)
        return queryset.filter(pk__in=_through("places").filter(place_id__in=ids).values("project_id"))

    def filter_priority(self, queryset: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        return queryset.filter(
            pk__in=_through("priorities").filter(systempriority=value).values("project_id")
        )

    def filter_method(self, queryset: QuerySet[Project], name: str, value: Any) -> QuerySet[Project]:
        return queryset.filter(pk__in=_through("methods").filter(method=value).values("project_id"))

    def filter_mine(self, queryset: QuerySet[Project], name: str, value: bool) -> QuerySet[Project]:
        user = getattr(self.request, "user", None)
        if not value or not getattr(user, "pk", None):
            return queryset
        return queryset.filter(pk__in=selectors.ids_involving(user))
