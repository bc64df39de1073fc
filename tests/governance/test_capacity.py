"""The capacity dashboard built from the champion register through the registry, against PostgreSQL."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache

from dashboards import registry, snapshots, tasks
from dashboards.models import DashboardSnapshot
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _chart(snapshot, chart_id):
    return next(c for c in snapshot.data["charts"] if c["id"] == chart_id)


@pytest.fixture
def register():
    org = OrganisationFactory(name="Alpha Trust", short_name="", headcount=1000)
    other = OrganisationFactory(name="Beta Trust", short_name="", headcount=200)
    coaches = [ChampionFactory(person=UserFactory(organisation=org)) for _ in range(2)]
    ChampionFactory(person=UserFactory(organisation=other), level="expert", hours_per_month=0)
    ChampionFactory(person=UserFactory(organisation=other), status="paused")  # not counted
    CommitmentFactory(champion=coaches[0])
    return org, other


def test_the_snapshot_builds_from_the_database_in_a_bounded_number_of_queries(
    register, django_assert_max_num_queries
):
    # Training figures are kept in the shared cache under their data's newest row: an earlier test in the
    # same process could have left them there, which saved a query. Bound the build from a cold cache.
    cache.clear()
    with django_assert_max_num_queries(15):
        snapshot = snapshots.rebuild("capacity")

    assert snapshot.status == DashboardSnapshot.Status.OK
    assert ["Alpha Trust", 2, 50, 48, 2, 0] in _chart(snapshot, "coaches-against-target")["rows"]
    assert ["Beta Trust", 1, 1, 0, 1, 0] in _chart(snapshot, "experts-against-target")["rows"]
    assert _chart(snapshot, "hours-by-organisation")["rows"][:2] == [
        ["Alpha Trust", 20, 4, 16],
        ["Beta Trust", 0, 0, 0],
    ]
    assert ["Alpha Trust", 2, 6, 8, 0] in _chart(snapshot, "teams-supported")["rows"]


def test_the_organisation_filter_shows_only_that_organisation(register):
    org, _ = register
    snapshot = snapshots.rebuild("capacity", {"organisation": org.pk, "period": "fy2025"})

    assert snapshot.params_key == f"organisation={org.pk}"
    assert _chart(snapshot, "teams-supported")["rows"] == [["Alpha Trust", 2, 6, 8, 0]]
    assert snapshot.data["headline"][0]["value"] == 2


def test_registered_for_the_board_only_with_its_sources():
    dashboard = registry.get("capacity")
    assert dashboard.public_summary is False
    assert "champions.commitment" in dashboard.sources
    assert "training.record" in dashboard.sources  # dosage counts people trained as well


def test_champion_and_commitment_writes_queue_one_rebuild(clean_pending, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(tasks.rebuild_dashboard, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _ in range(5):
            CommitmentFactory()

    capacity_builds = [c for c in sent.call_args_list if c.kwargs["args"] == ["capacity"]]
    assert len(capacity_builds) == 1
