"""A real Celery worker process runs the portal's tasks against PostgreSQL, through Redis."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import WorkerHeartbeat
from core.tasks import heartbeat
from tests.workers import running_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_worker_process_runs_a_task_that_writes_to_the_database(client, settings):
    settings.HEALTH_WORKER_PING_SECONDS = 2.0  # a busy machine's worker may take a moment to answer
    with running_worker() as worker:
        result = heartbeat.apply_async(queue=worker.queue)
        hostname = result.get(timeout=60)

        assert WorkerHeartbeat.objects.filter(hostname=hostname).exists()
        body = client.get(reverse("healthz")).json()
        assert worker.name in body["workers"]["responding"]
        assert body["workers"]["ok"] is True
        assert body["workers"]["last_heartbeat_age_seconds"] < 120
