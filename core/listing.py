"""List pages: filters (django-filter), sorting, paging, active-filter links and export, in one call.

    listing = build_listing(request, filterset_class=ProjectFilter, queryset=qs,
                            sort_options=SORTS, default_sort="updated")
    if fmt := export_format(request):
        return export_response(listing.ordered, COLUMNS, filename="projects", fmt=fmt)
    return render(request, "projects/browse.jinja", {"listing": listing})

Templates draw it with the macros in templates/components/listing.jinja. Everything works without
JavaScript: filtering and sorting are GET forms, so every view of a list has a shareable URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django_filters import FilterSet

from core.paging import Paged, paginate

EXPORT_FORMATS = ("csv", "xlsx")
CONTROL_PARAMS = ("page", "sort", "export")


@dataclass(frozen=True)
class SortOption:
    key: str
    label: str
    ordering: tuple[str, ...]  # empty: keep the queryset's own order (e.g. search relevance)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_href: str


@dataclass(frozen=True)
class Listing:
    filterset: FilterSet
    ordered: QuerySet[Any]  # every matching row, sorted: what an export should contain
    paged: Paged
    sort: str
    sort_options: Sequence[SortOption]
    active_filters: list[ActiveFilter]

    @property
    def is_filtered(self) -> bool:
        return bool(self.active_filters)

    @property
    def form(self) -> forms.Form:
        return self.filterset.form


def export_format(request: HttpRequest) -> str | None:
    value = request.GET.get("export")
    return value if value in EXPORT_FORMATS else None


def _display(field: forms.Field, value: Any) -> str:
    if value in (None, "", [], ()):
        return ""
    if isinstance(value, list | tuple | QuerySet):
        return ", ".join(_display(field, v) for v in value)
    choices = getattr(field, "choices", None)
    if choices is not None and not hasattr(value, "pk"):
        labels = {str(k): str(v) for k, v in choices}
        return labels.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    return str(value)


def _without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in (*names, "page", "export"):
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _active_filters(request: HttpRequest, filterset: FilterSet) -> list[ActiveFilter]:
    form = filterset.form
    if not form.is_valid():
        return []
    active = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        text = _display(field, value)
        if not text or value is False:
            continue
        widget = field.widget
        params = (
            [f"{name}_{part}" for part in ("day", "month", "year")]
            if hasattr(widget, "widgets_names")
            else []
        )
        active.append(ActiveFilter(str(field.label or name), text, _without(request, name, *params)))
    return active


def build_listing(
    request: HttpRequest,
    *,
    filterset_class: type[FilterSet],
    queryset: QuerySet[Any],
    sort_options: Sequence[SortOption],
    default_sort: str,
    per_page: int = 20,
    filterset_kwargs: dict[str, Any] | None = None,
    count: Callable[[QuerySet[Any]], int] | None = None,
    count_up_to: int | None = None,
    sort_whole_below: int | None = None,
) -> Listing:
    """`sort_whole_below`: for lists whose rows an index finds (a full-text search), see
    `core.paging.CountedPaginator`."""
    filterset = filterset_class(
        request.GET or None, queryset=queryset, request=request, **(filterset_kwargs or {})
    )
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    by_key = {option.key: option for option in sort_options}
    sort = request.GET.get("sort") or default_sort
    if sort not in by_key:
        sort = default_sort
    ordering = by_key[sort].ordering
    ordered = rows.order_by(*ordering) if ordering else rows
    paged = paginate(request, ordered, per_page, count, count_up_to, sort_whole_below=sort_whole_below)
    return Listing(
        filterset=filterset,
        ordered=ordered,
        paged=paged,
        sort=sort,
        sort_options=sort_options,
        active_filters=_active_filters(request, filterset) if filterset.is_bound else [],
    )
