"""core.listing on a real model: filters, sorting, paging, active-filter links, export rows."""

from __future__ import annotations

import django_filters
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from community.models import Organisation
from core.listing import SortOption, build_listing, export_format
from tests.community.factories import OrganisationFactory

SORTS = [SortOption("name", "Name", ("name",)), SortOption("size", "Largest first", ("-headcount", "name"))]


class OrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Name contains")
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices, label="Kind")

    class Meta:
        model = Organisation
        fields = ["name", "kind"]


def _listing(params, sort_whole_below=None):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/organisations/", params)
    return request, build_listing(
        request,
        filterset_class=OrganisationFilter,
        queryset=Organisation.objects.all(),
        sort_options=SORTS,
        default_sort="name",
        per_page=2,
        sort_whole_below=sort_whole_below,
    )


def test_filters_sort_and_page(db):
    OrganisationFactory(name="Alpha Trust", headcount=100)
    OrganisationFactory(name="Beta Trust", headcount=300)
    OrganisationFactory(name="Gamma Council", headcount=200, kind="local_authority")

    _, listing = _listing({"name": "trust", "sort": "size"})

    assert [o.name for o in listing.paged.items] == ["Beta Trust", "Alpha Trust"]
    assert listing.paged.count == 2
    assert [(f.label, f.value) for f in listing.active_filters] == [("Name contains", "trust")]
    assert listing.active_filters[0].remove_href == "?sort=size"


def test_choice_filters_show_their_label_and_an_unknown_sort_falls_back(db):
    OrganisationFactory(name="Gamma Council", kind="local_authority")

    _, listing = _listing({"kind": "local_authority", "sort": "nonsense"})

    assert listing.sort == "name"
    assert [(f.label, f.value) for f in listing.active_filters] == [("Kind", "Local authority")]


def test_the_export_contains_every_matching_row_not_just_the_page(db):
    for n in range(5):
        OrganisationFactory(name=f"Trust {n}")

    request, listing = _listing({"name": "trust", "export": "csv"})

    assert export_format(request) == "csv"
    assert listing.ordered.count() == 5
    assert len(listing.paged.items) == 2


def test_the_listing_macros_render_without_javascript(db):
    OrganisationFactory(name="Alpha Trust")
    request, listing = _listing({"name": "alpha"})
    html = render_to_string("tests/listing_macros.jinja", {"listing": listing}, request=request)

    assert 'name="sort"' in html
    assert 'value="alpha"' in html  # the filter form keeps what was typed
    assert "Remove filter" in html
    assert "export=xlsx" in html


def _names_and_sql(params, whole_below):  # type: ignore[no-untyped-def]
    _, listing = _listing(params, sort_whole_below=whole_below)
    with CaptureQueriesContext(connection) as queries:
        names = [o.name for o in listing.paged.items]
    return names, " ".join(q["sql"] for q in queries.captured_queries)


def test_a_short_list_is_sorted_whole_and_a_long_one_read_along_its_index(db):
    for name, headcount in [("A", 5), ("B", 9), ("C", 9), ("D", 1), ("E", 7)]:
        OrganisationFactory(name=f"{name} Trust", headcount=headcount)
    params = {"sort": "size", "page": "2"}

    sorted_whole, whole_sql = _names_and_sql(params, whole_below=100)
    walked, walked_sql = _names_and_sql(params, whole_below=3)
    unasked, unasked_sql = _names_and_sql(params, whole_below=None)

    # The same rows in the same order either way: largest first, ties by name.
    assert sorted_whole == walked == unasked == ["E Trust", "A Trust"]
    assert "COALESCE" in whole_sql  # an order no index offers: the matching rows are sorted
    assert "COALESCE" not in walked_sql
    assert "COALESCE" not in unasked_sql
