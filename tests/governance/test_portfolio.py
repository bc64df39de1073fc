"""The portfolio dashboard built from the project register through the registry, against PostgreSQL."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest

from dashboards import snapshots, tasks, triggers
from dashboards.models import DashboardSnapshot
from projects.measurement import services as measurement_services
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def _chart(snapshot, chart_id):
    return next(c for c in snapshot.data["charts"] if c["id"] == chart_id)


@pytest.fixture
def portfolio():
    alpha = OrganisationFactory(name="Alpha Trust", short_name="ALP")
    town = PlaceFactory(name="Stroud")
    ward = PlaceFactory(name="Stroud hospital", parent=town)
    frailty = SystemPriorityFactory(name="Frailty")
    first = ProjectFactory(
        organisations=[alpha], places=[ward], priorities=[frailty], start_date=datetime.date(2025, 5, 1)
    )
    ProjectFactory(status="completed", end_date=datetime.date(2020, 1, 1))
    ProjectFactory(published_at=None, organisations=[alpha])  # a draft: not counted
    MeasureFactory(project=first, variation="improvement_low")
    MeasureFactory(project=first)
    return alpha, town


def test_the_snapshot_builds_from_the_database_in_a_bounded_number_of_queries(
    portfolio, django_assert_max_num_queries
):
    with django_assert_max_num_queries(13):  # benefits add one
        snapshot = snapshots.rebuild("portfolio")

    assert snapshot.status == DashboardSnapshot.Status.OK
    assert [h["value"] for h in snapshot.data["headline"]] == [2, 1, 1, 1, 0]
    assert _chart(snapshot, "projects-by-organisation")["rows"] == [["ALP", 1], ["None recorded", 1]]
    assert ["Frailty", 1] in _chart(snapshot, "projects-by-priority")["rows"]


def test_organisation_place_and_period_filters(portfolio):
    alpha, town = portfolio
    by_org = snapshots.rebuild("portfolio", {"organisation": alpha.pk})
    by_place = snapshots.rebuild("portfolio", {"place": town.pk})  # includes places beneath it
    by_period = snapshots.rebuild("portfolio", {"period": "fy2025"})

    assert by_org.data["headline"][0]["value"] == 1
    assert _chart(by_place, "projects-by-place")["rows"] == [["Stroud hospital", 1]]
    assert by_period.data["headline"][0]["value"] == 1  # the project that ended in 2020 is left out


def test_project_and_measure_writes_queue_one_rebuild(
    portfolio, admin_user, clean_pending, django_capture_on_commit_callbacks
):
    measure = MeasureFactory()
    triggers.clear_pending("portfolio")  # claimed while the fixture saved its projects
    with (
        mock.patch.object(tasks.rebuild_dashboard, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        ProjectFactory()
        measurement_services.measure_refresh(measure)
        measurement_services.measure_refresh(measure)

    assert [c.kwargs["args"] for c in sent.call_args_list if c.kwargs["args"] == ["portfolio"]] == [
        ["portfolio"]
    ]
