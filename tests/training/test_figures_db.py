"""The figures module's public loaders read the records and targets other apps rely on."""

from __future__ import annotations

import datetime

import pytest

from tests.community.factories import OrganisationFactory
from tests.training.factories import ProgrammeFactory, ProviderFactory, RecordFactory, TraineeFactory
from training import figures
from training.models import ImproverTarget

pytestmark = pytest.mark.django_db
D = datetime.date


def test_trained_counts_and_competent_improvers_from_the_database():
    org, other = OrganisationFactory(), OrganisationFactory()
    faculty = ProviderFactory()
    silver = ProgrammeFactory(provider=faculty, level="practitioner", competent_improver=True)
    gold = ProgrammeFactory(provider=faculty, level="advanced", competent_improver=True)
    coach = ProgrammeFactory(provider=faculty, level="leadership", competent_improver=True)
    ann, bo, cy = (TraineeFactory(organisation=o) for o in (org, org, other))
    RecordFactory(trainee=ann, programme=silver, completed_on=D(2024, 5, 1))
    RecordFactory(trainee=ann, programme=gold, status="graduated", completed_on=D(2025, 6, 1))
    RecordFactory(trainee=bo, programme=coach, completed_on=D(2025, 7, 1))
    RecordFactory(trainee=cy, programme=gold, status="booked", completed_on=None)
    ImproverTarget.objects.create(
        organisation=None, starts_on=D(2025, 4, 1), ends_on=D(2026, 3, 31), count=200
    )
    ImproverTarget.objects.create(organisation=org, starts_on=D(2025, 4, 1), ends_on=D(2026, 3, 31), count=3)

    assert figures.trained_counts_by_organisation() == {org.pk: (1, 1)}
    counts = figures.competent_improvers(D(2025, 4, 1), D(2026, 3, 31))
    assert (counts[None].total, counts[None].new_in_period, counts[None].target) == (2, 1, 200)
    assert (counts[org.pk].new_in_period, counts[org.pk].gap) == (1, 2)
    assert other.pk not in counts
    table = figures.completions(["level"], D(2025, 4, 1), D(2026, 3, 31))
    assert dict(zip(table["level"], table["count"], strict=True)) == {"advanced": 1, "leadership": 1}
