"""The capability dashboard built from training records through the registry, against PostgreSQL."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from core.periods import financial_year_of
from dashboards import registry, snapshots, tasks, triggers
from dashboards.models import DashboardSnapshot
from tests.community.factories import OrganisationFactory
from tests.training.factories import CohortFactory, ProgrammeFactory, RecordFactory, TraineeFactory
from training import services
from training.figures import financial_year
from training.models import ImproverTarget

pytestmark = pytest.mark.django_db


def _chart(snapshot, chart_id):
    return next(c for c in snapshot.data["charts"] if c["id"] == chart_id)


@pytest.fixture
def trained():
    org, other = OrganisationFactory(name="Alpha Trust", short_name=""), OrganisationFactory()
    silver = ProgrammeFactory(level="practitioner", competent_improver=True)
    start, end = financial_year(timezone.localdate())
    ann, bo = TraineeFactory(organisation=org), TraineeFactory(organisation=other)
    RecordFactory(trainee=ann, programme=silver, completed_on=start)
    RecordFactory(trainee=bo, programme=silver, completed_on=start - datetime.timedelta(days=400))
    ImproverTarget.objects.create(organisation=None, starts_on=start, ends_on=end, count=200)
    ImproverTarget.objects.create(organisation=org, starts_on=start, ends_on=end, count=4)
    return org, other


def test_the_snapshot_builds_from_the_database_in_a_bounded_number_of_queries(
    trained, django_assert_max_num_queries
):
    assert registry.get("capability").filters == ("organisation", "period")
    with django_assert_max_num_queries(12):
        snapshot = snapshots.rebuild("capability")

    assert snapshot.status == DashboardSnapshot.Status.OK
    rows = _chart(snapshot, "improvers-against-target")["rows"]
    assert ["Alpha Trust", 1, 4, 3, 25, 1] in rows
    assert rows[-1] == ["Whole system", 1, 200, 199, 0, 2]


def test_the_organisation_filter_counts_only_its_people_against_its_target(trained):
    org, _ = trained
    snapshot = snapshots.rebuild("capability", {"organisation": org.pk, "place": 3})

    assert snapshot.params_key == f"organisation={org.pk}"  # place is not a capability filter
    assert _chart(snapshot, "improvers-against-target")["rows"] == [
        ["Alpha Trust", 1, 4, 3, 25, 1],
        ["Whole system", 1, 4, 3, 25, 1],
    ]


def test_the_period_filter_counts_people_trained_in_it(trained):
    earlier = financial_year_of(financial_year(timezone.localdate())[0] - datetime.timedelta(days=400))
    snapshot = snapshots.rebuild("capability", {"period": f"fy{earlier}"})
    assert [h["value"] for h in snapshot.data["headline"][:3]] == [1, 2, 1]  # only the other person

    snapshot = snapshots.rebuild("capability", {"period": f"fy{earlier - 1}"})
    assert [h["value"] for h in snapshot.data["headline"][:3]] == [0, 2, 0]


def test_writes_to_records_and_targets_queue_one_rebuild(
    trained, admin_user, clean_pending, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    records = [RecordFactory(programme=cohort.programme, cohort=cohort, status="booked") for _ in range(3)]
    for key in ("capability", "capacity"):  # setting up saved organisations, which capacity reads
        triggers.clear_pending(key)
    with (
        mock.patch.object(tasks.rebuild_dashboard, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.register_update(
            actor=admin_user, cohort=cohort, statuses={r.pk: "completed" for r in records}
        )
        ImproverTarget.objects.create(
            organisation=None, starts_on=cohort.starts_on, ends_on=cohort.ends_on, count=1
        )

    # capacity reads training records too (people trained count towards the dosage)
    assert sorted(c.kwargs["args"][0] for c in sent.call_args_list) == ["capability", "capacity"]
