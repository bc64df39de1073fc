"""Building snapshots: stored with figures, idempotent, and a failure keeps the last good data."""

from __future__ import annotations

import pytest

from dashboards import registry, snapshots
from dashboards.models import DashboardSnapshot
from tests.community.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky():
    state = {"fail": False, "value": 1}

    def build(params):
        if state["fail"]:
            raise RuntimeError("the source app's table is locked")
        return {
            "charts": [
                {"id": "n", "title": "N", "columns": ["Name", "Value"], "rows": [["n", state["value"]]]}
            ]
        }

    registry.register("flaky", build, title="Flaky", filters=())
    yield state
    registry.unregister("flaky")


def test_a_rebuild_stores_the_community_dashboard_with_tables_and_plotly_figures(organisation):
    UserFactory(organisation=organisation)
    OrganisationFactory(name="Hillside Council", short_name="HC", kind="local_authority", headcount=3000)

    snapshot = snapshots.rebuild("community")

    assert snapshot.status == DashboardSnapshot.Status.OK
    assert snapshot.built_at is not None and snapshot.duration_ms is not None
    charts = {c["id"]: c for c in snapshot.data["charts"]}
    assert charts["organisations-by-kind"]["rows"] == [["Acute trust", 1, 4000], ["Local authority", 1, 3000]]
    figure = charts["organisations-by-kind"]["figure"]
    assert figure["data"][0]["type"] == "bar"
    assert figure["data"][0]["y"] == [4000, 3000]


def test_the_organisation_filter_narrows_the_figures(organisation):
    other = OrganisationFactory(
        name="Hillside Council", short_name="HC", kind="local_authority", headcount=3000
    )
    UserFactory(organisation=organisation)
    UserFactory(organisation=other)
    UserFactory(organisation=other)

    snapshot = snapshots.rebuild("community", {"organisation": str(other.pk)})

    assert snapshot.params_key == f"organisation={other.pk}"
    people = next(c for c in snapshot.data["charts"] if c["id"] == "people-by-organisation")
    assert people["rows"] == [["HC", 2, 3000, 0.7]]


def test_rebuilding_twice_updates_one_snapshot_in_place(flaky):
    first = snapshots.rebuild("flaky")
    flaky["value"] = 2
    second = snapshots.rebuild("flaky")

    assert first.pk == second.pk
    assert DashboardSnapshot.objects.filter(dashboard="flaky").count() == 1
    assert second.data["charts"][0]["rows"] == [["n", 2]]


def test_a_failed_rebuild_keeps_the_last_good_snapshot_and_records_the_error(flaky):
    good = snapshots.rebuild("flaky")
    flaky["fail"] = True

    failed = snapshots.rebuild("flaky")

    failed.refresh_from_db()
    assert failed.status == DashboardSnapshot.Status.FAILED
    assert "table is locked" in failed.error
    assert failed.data == good.data
    assert failed.built_at == good.built_at
    assert failed.attempted_at > good.built_at


def test_a_builder_returning_the_wrong_shape_counts_as_a_failure():
    registry.register("broken", lambda params: {"charts": [{"id": "x"}]}, title="Broken")
    try:
        snapshot = snapshots.rebuild("broken")
    finally:
        registry.unregister("broken")
    assert snapshot.status == DashboardSnapshot.Status.FAILED
    assert snapshot.data is None
    assert "columns" in snapshot.error


def test_rebuild_everything_covers_every_filter_set_asked_for_before(flaky, organisation):
    snapshots.rebuild("community", {"organisation": organisation.pk})

    built = snapshots.rebuild_everything(["community", "flaky"])

    assert sorted((s.dashboard, s.params_key) for s in built) == [
        ("community", ""),
        ("community", f"organisation={organisation.pk}"),
        ("flaky", ""),
    ]


def test_an_unknown_dashboard_is_refused():
    with pytest.raises(snapshots.UnknownDashboard):
        snapshots.rebuild("no-such-dashboard")


def test_people_are_counted_by_organisation_and_role_in_the_database(organisation):
    from core.roles import Role

    UserFactory(organisation=organisation, roles=(Role.STEERING_GROUP,))
    UserFactory(organisation=organisation, roles=(Role.STEERING_GROUP, Role.IMPROVEMENT_BOARD))
    UserFactory(organisation=organisation)
    UserFactory(organisation=None, roles=(Role.COMMUNITY_ADMIN,))
    UserFactory(organisation=organisation, is_active=False)

    snapshot = snapshots.rebuild("community")

    roles = next(c for c in snapshot.data["charts"] if c["id"] == "people-by-role")
    assert roles["rows"] == [["RHT", 3, 2, 1, 0], ["No organisation", 1, 0, 0, 1]]
