"""Measurement pages for `make bench`: the portfolio, a project's measurement page, a measure's chart page
and the chart API, for the demo measure with the most data."""

from __future__ import annotations

from collections.abc import Callable

STAFF = "staff@ghft.example.org"


def _busiest_measure_id() -> int:
    """The demo measure with the most points; without demo projects, a year of weekly data on a
    benchmark project of its own (created once)."""
    import datetime as dt
    import random

    from django.db.models import Count

    from community.models import User
    from projects.measurement.models import DataPoint, Measure
    from projects.measurement.services import measure_refresh
    from projects.models import Project

    busiest = Measure.objects.annotate(n=Count("points")).order_by("-n", "id").first()
    if busiest is not None:
        return busiest.pk
    lead = User.objects.get(email=STAFF)
    project, _ = Project.objects.get_or_create(
        title="Benchmark project", defaults={"lead": lead, "published_at": dt.datetime.now(dt.UTC)}
    )
    measure = Measure.objects.create(
        project=project, name="Benchmark measure", improvement="decrease", target=14
    )
    rng = random.Random(1)
    DataPoint.objects.bulk_create(
        DataPoint(
            measure=measure, period=dt.date(2025, 1, 6) + dt.timedelta(weeks=i), value=20 + rng.uniform(-3, 3)
        )
        for i in range(52)
    )
    measure_refresh(measure)
    return measure.pk


def _measure_page() -> str:
    return f"/projects/measures/{_busiest_measure_id()}/"


def _project_page() -> str:
    from projects.measurement.models import Measure

    return f"/projects/{Measure.objects.get(pk=_busiest_measure_id()).project_id}/measurement/"


def _chart_api() -> str:
    return f"/api/v1/measures/{_busiest_measure_id()}/chart/"


MEASUREMENT_PAGES: list[tuple[str, str | Callable[[], str], str | None]] = [
    ("measure portfolio", "/projects/measures/", STAFF),
    ("project measurement", _project_page, STAFF),
    ("measure chart page", _measure_page, STAFF),
    ("API measure chart", _chart_api, STAFF),
]
