from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from facilitation.models import Assignment, Decision
from facilitation.reporting import accepted_requests_by_organisation, facilitation_figures
from facilitation.status import Status
from tests.champions.factories import ChampionFactory
from tests.facilitation.factories import in_status


def test_the_figures_count_the_queue_decisions_levels_and_hours(db, django_assert_max_num_queries):
    old = in_status(Status.QUEUED)
    old.submitted_at = timezone.now() - datetime.timedelta(days=20)
    old.save()
    in_status(Status.QUEUED)
    accepted = in_status(Status.IN_PROGRESS, support_level="coaching")
    Decision.objects.create(request=accepted, outcome="accept", support_level="coaching")
    today = timezone.localdate()
    Assignment.objects.create(
        request=accepted,
        champion=ChampionFactory(),
        hours_per_month=Decimal("4"),
        start=today,
        end=today + datetime.timedelta(days=30),
    )
    Assignment.objects.create(
        request=accepted,
        champion=ChampionFactory(),
        hours_per_month=Decimal("9"),
        start=today,
        end=today,
        released_at=timezone.now(),
    )

    with django_assert_max_num_queries(7):
        figures = facilitation_figures()

    assert figures["queue_size"] == 2
    assert figures["queue_oldest_days"] == 20
    assert figures["by_status"] == {"queued": 2, "in_progress": 1}
    assert figures["decisions_by_outcome"] == {"accept": 1}
    assert figures["accepted_by_support_level"] == {"coaching": 1}
    assert figures["hours_per_month_committed"] == Decimal("4")


def test_accepted_requests_count_once_per_organisation_and_once_for_the_system(db):
    from dashboards import snapshots
    from tests.community.factories import OrganisationFactory

    ours, theirs = OrganisationFactory(), OrganisationFactory()
    in_status(Status.ACCEPTED, organisations=[ours, theirs])
    in_status(Status.IN_PROGRESS, organisations=[ours])
    in_status(Status.QUEUED, organisations=[ours])
    in_status(Status.CLOSED, organisations=[theirs])

    assert accepted_requests_by_organisation() == ({ours.pk: 2, theirs.pk: 1}, 2)

    teams = next(c for c in snapshots.rebuild("capacity").data["charts"] if c["id"] == "teams-supported")
    assert teams["columns"][-1] == "Teams with accepted requests"
    assert teams["rows"][-1][0] == "Whole system" and teams["rows"][-1][-1] == 2
