"""A real Celery worker process rebuilds a snapshot against PostgreSQL, through Redis."""

from __future__ import annotations

import pytest

from dashboards.models import DashboardSnapshot
from dashboards.tasks import rebuild_dashboard
from tests.community.factories import UserFactory
from tests.workers import running_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_process_rebuilds_the_community_snapshot(organisation):
    UserFactory(organisation=organisation)
    UserFactory(organisation=organisation)

    with running_worker() as worker:
        result = rebuild_dashboard.apply_async(args=["community"], queue=worker.queue)
        outcome = result.get(timeout=90)

    assert outcome == ["community[]:ok"]
    snapshot = DashboardSnapshot.objects.get(dashboard="community", params_key="")
    people = next(c for c in snapshot.data["charts"] if c["id"] == "people-by-organisation")
    assert people["rows"] == [["RHT", 2, 4000, 0.5]]
    assert snapshot.data["charts"][0]["figure"]["data"]
