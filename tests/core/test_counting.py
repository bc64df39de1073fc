"""Long lists keep their counts for a minute; short ones are counted live (core.counting)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core import counting
from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_short_list_is_counted_afresh_each_time(settings):
    settings.LARGE_COUNT_FROM = 10
    ProjectFactory.create_batch(3)
    assert counting.count(Project.objects.all()) == 3
    ProjectFactory()
    assert counting.count(Project.objects.all()) == 4  # one more shows at once


def test_a_long_list_keeps_its_count_for_a_while(settings, django_assert_num_queries):
    settings.LARGE_COUNT_FROM = 3
    ProjectFactory.create_batch(3)
    assert counting.count(Project.objects.all()) == 3
    ProjectFactory()
    with django_assert_num_queries(0):
        assert counting.count(Project.objects.all()) == 3  # kept: the same list, not counted again


def test_lists_with_other_filters_or_people_have_their_own_counts(settings):
    settings.LARGE_COUNT_FROM = 1
    ProjectFactory.create_batch(2, status=Project.Status.TESTING)
    ProjectFactory(status=Project.Status.COMPLETED)
    assert counting.count(Project.objects.all()) == 3
    assert counting.count(Project.objects.filter(status=Project.Status.TESTING)) == 2
    assert counting.count(Project.objects.filter(status=Project.Status.COMPLETED)) == 1


def test_a_summary_is_kept_by_its_total(settings):
    settings.LARGE_COUNT_FROM = 2
    ProjectFactory.create_batch(2, status=Project.Status.TESTING)

    def by_status(rows):
        return {s: rows.filter(status=s).count() for s in (Project.Status.TESTING,)}

    first = counting.summarised(Project.objects.all(), by_status, lambda found: sum(found.values()))
    ProjectFactory(status=Project.Status.TESTING)
    again = counting.summarised(Project.objects.all(), by_status, lambda found: sum(found.values()))
    assert first == again == {Project.Status.TESTING: 2}


def test_the_api_pages_count_the_same_way(settings, client_for, member):
    settings.LARGE_COUNT_FROM = 2
    ProjectFactory.create_batch(2)
    client = client_for(member)
    assert client.get("/api/v1/projects/").json()["count"] == 2
    ProjectFactory()
    assert client.get("/api/v1/projects/").json()["count"] == 2  # kept for the minute
    cache.clear()
    assert client.get("/api/v1/projects/").json()["count"] == 3


def test_a_list_that_can_hold_nothing_counts_nothing(client_for, member):
    assert counting.count(Project.objects.none()) == 0
    assert counting.count(Project.objects.filter(pk__in=[])) == 0
    ProjectFactory()  # someone else's: the person has no projects of their own
    response = client_for(member).get("/api/v1/projects/", {"mine": "true"})
    assert response.status_code == 200 and response.json()["count"] == 0
