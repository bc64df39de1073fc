"""The scale data set (`seed_scale`) at a tiny fraction of national size, on top of the demo: it adds what
the size says, the pages still work, and no page's query count grows with the rows it does not show (the same
count before and after the scale data).
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import PAGES
from champions.models import Champion, ChampionCommitment
from community.models import User
from core.scale import NATIONAL
from facilitation.models import FacilitationRequest
from projects.measurement.models import DataPoint, Measure
from projects.models import Project
from training.models import TrainingRecord

FACTOR = 0.0005
SIZE = NATIONAL.times(FACTOR)
SKIPPED = {
    "projects export CSV",  # a download of every row: its cost is meant to grow with them
    "healthz",  # reads no rows, and waits for a Celery worker that is not running here
}


def _counts() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "records": TrainingRecord.objects.count(),
        "champions": Champion.objects.count(),
        "requests": FacilitationRequest.objects.count(),
        "points": DataPoint.objects.count(),
        "people": User.objects.count(),
    }


def _queries_per_page() -> dict[str, tuple[int, int]]:
    """(status, queries) for every page `make bench` measures, each as its persona."""
    found = {}
    for label, target, email in PAGES:
        if label in SKIPPED:
            continue
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        path = target() if callable(target) else target
        client.get(path)  # the first request fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found[label] = (response.status_code, len(queries))
    return found


def _seed_scale() -> tuple[
    dict[str, int], dict[str, tuple[int, int]], dict[str, int], dict[str, tuple[int, int]], str
]:
    call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
    before, pages_before = _counts(), _queries_per_page()
    out = StringIO()
    call_command("seed_scale", "--factor", str(FACTOR), stdout=out)
    return before, pages_before, _counts(), _queries_per_page(), out.getvalue()


@pytest.mark.django_db
def test_scale_data_set():
    """One test, so that the seeding (seconds) happens once on one test process."""
    before, pages_before, after, pages_after, output = _seed_scale()

    # It adds what the size says, and rebuilds the dashboards.
    added = {key: after[key] - before[key] for key in after}
    assert added == {
        "projects": SIZE.projects,
        "records": SIZE.training_records,
        "champions": SIZE.champions,
        "requests": SIZE.requests,
        "points": SIZE.measures * 120,
        "people": SIZE.people,
    }
    assert "dashboards: 6 snapshots rebuilt" in output

    # The rows are what a save would have written.
    project = Project.objects.filter(title__contains="PCN").order_by("pk").last()
    assert project is not None and project.version == 1
    # The generated search column is filled, so search finds the scale projects by their words.
    assert Project.objects.filter(pk=project.pk, search_vector=project.title.split()[0]).exists()
    assert project.memberships.filter(user=project.lead, role="lead").exists()
    assert project.organisations.count() == 1
    measure = Measure.objects.filter(project__title__contains="PCN").order_by("pk").last()  # a scale one
    assert measure is not None and measure.point_count == 120 and measure.variation
    champion = Champion.objects.filter(person__email__endswith="@scale.example").first()
    assert champion is not None and champion.topics.exists() and champion.methods
    # Commitments never promise more than the agreed hours.
    for commitment in ChampionCommitment.objects.filter(champion__person__email__endswith="@scale.example"):
        assert commitment.hours_per_month <= commitment.champion.hours_per_month

    # Every page still works, and none makes more queries for rows it does not show. (A page may make
    # fewer: the benchmark's busiest measure is a scale one afterwards, on a project with no cycles.)
    assert {label: status for label, (status, _) in pages_after.items() if status != 200} == {}
    grew = {
        label: (pages_before[label][1], queries)
        for label, (_, queries) in pages_after.items()
        if queries > pages_before[label][1]
    }
    assert grew == {}

    # Seeding twice is refused unless asked to skip.
    with pytest.raises(CommandError, match="already holds the scale data"):
        call_command("seed_scale", "--factor", str(FACTOR), stdout=StringIO())
    out = StringIO()
    call_command("seed_scale", "--factor", str(FACTOR), "--if-empty", stdout=out)
    assert "already here" in out.getvalue()
