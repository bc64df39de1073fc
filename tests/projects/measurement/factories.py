from __future__ import annotations

import datetime as dt

import factory

from projects.measurement.models import DataPoint, Measure, PDSACycle
from tests.projects.factories import ProjectFactory


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = Measure.Kind.OUTCOME
    unit = "days"
    improvement = Measure.Improvement.DECREASE
    frequency = Measure.Frequency.WEEKLY


class DataPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataPoint

    measure = factory.SubFactory(MeasureFactory)
    period = factory.Sequence(lambda n: dt.date(2026, 1, 5) + dt.timedelta(weeks=n))
    value = 10.0


class PDSACycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PDSACycle

    project = factory.SubFactory(ProjectFactory)
    change_idea = "Daily huddle"
    title = factory.Sequence(lambda n: f"Test {n}")
    start_date = dt.date(2026, 1, 5)


def measure_with_values(values: list[float], **kwargs) -> Measure:  # type: ignore[no-untyped-def]
    """A measure with weekly values from 5 January 2026, its stored icons refreshed."""
    from projects.measurement.services import measure_refresh

    measure = MeasureFactory(**kwargs)
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=dt.date(2026, 1, 5) + dt.timedelta(weeks=i), value=v)
        for i, v in enumerate(values)
    )
    measure_refresh(measure)
    return measure
