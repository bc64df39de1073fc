"""Paging: counting a long list only as far as it is worth counting."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import F
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from community.models import Organisation
from core.paging import Chained, paginate
from projects.models import Project
from tests.community.factories import OrganisationFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_capped_count_stops_one_past_the_cap_and_says_so(django_assert_num_queries):
    for n in range(7):
        OrganisationFactory(name=f"Partner {n}")
    rows = Organisation.objects.order_by("name")
    request = RequestFactory().get("/", {"page": "2"})

    with django_assert_num_queries(2):  # the capped count, then the page
        paged = paginate(request, rows, per_page=2, count_up_to=5)
        names = [o.name for o in paged.items]

    assert names == ["Partner 2", "Partner 3"]
    assert paged.count == 5 and paged.more_than == 5
    exact = paginate(request, rows, per_page=2, count_up_to=10)
    assert exact.count == 7 and exact.more_than is None


@pytest.mark.django_db
def test_two_ordered_lists_page_as_one_first_before_then(rf):
    first = [ProjectFactory(title=f"A{n}") for n in range(3)]
    then = [ProjectFactory(title=f"B{n}") for n in range(4)]
    chained = Chained(
        Project.objects.filter(title__startswith="A").order_by("title"),
        Project.objects.filter(title__startswith="B").order_by("title"),
    )
    pages = [paginate(rf.get("/", {"page": n}), chained, per_page=2) for n in (1, 2, 3, 4)]

    assert pages[0].count == 7
    assert [[p.title for p in page.items] for page in pages] == [
        ["A0", "A1"], ["A2", "B0"], ["B1", "B2"], ["B3"]
    ]  # fmt: skip
    assert {p.pk for p in first + then} == {p.pk for page in pages for p in page.items}


def _page_and_sql(rows, whole_below):  # type: ignore[no-untyped-def]
    paged = paginate(RequestFactory().get("/", {"page": "2"}), rows, per_page=2, sort_whole_below=whole_below)
    with CaptureQueriesContext(connection) as queries:
        names = [o.name for o in paged.items]
    return names, " ".join(q["sql"] for q in queries.captured_queries)


def test_a_list_sorted_by_a_computed_value_reads_its_page_ids_first_however_long():
    for name, headcount in [("A", 5), ("B", 9), ("C", 9), ("D", 1), ("E", 7)]:
        OrganisationFactory(name=f"{name} Trust", headcount=headcount)
    by_size = Organisation.objects.annotate(size=F("headcount") * 2).order_by("-size", "name")
    by_headcount = Organisation.objects.order_by("-headcount", "name")

    computed, computed_sql = _page_and_sql(by_size, whole_below=1)  # long, but ordered by a computed value
    column, column_sql = _page_and_sql(by_headcount, whole_below=1)  # long, ordered by a column
    unasked, unasked_sql = _page_and_sql(by_size, whole_below=None)

    assert computed == column == unasked == ["E Trust", "A Trust"]
    assert "COALESCE" in computed_sql and " IN (SELECT " in computed_sql  # the page's ids, then its rows
    assert "COALESCE" not in column_sql
    assert "COALESCE" not in unasked_sql


def test_a_list_ordered_by_expressions_is_read_as_it_is():
    for name, headcount in [("A", 5), ("B", 0), ("C", 9)]:
        OrganisationFactory(name=f"{name} Trust", headcount=headcount)
    rows = Organisation.objects.order_by(F("headcount").desc(nulls_last=True), "name")

    names, sql = _page_and_sql(rows, whole_below=100)

    assert names == ["B Trust"]  # page 2, two to a page: C, A | B
    assert "COALESCE" not in sql
