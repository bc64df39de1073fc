"""The training figures counted by the database (`training.figures_db`) against their pandas twins
(`training.figures`, the rules) on the same varied records: several organisations and none, every level,
both strands, finished and unfinished records, dated and undated, in and out of the period."""

from __future__ import annotations

import datetime
import random

import pytest

from tests.community.factories import OrganisationFactory
from tests.training.factories import ProgrammeFactory, ProviderFactory, RecordFactory, TraineeFactory
from training import figures, figures_db
from training.ladder import Level, Status

pytestmark = pytest.mark.django_db

START, END = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)


@pytest.fixture
def records():  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    provider = ProviderFactory()
    programmes = [
        ProgrammeFactory(provider=provider, name=f"{level.value} {strand}", level=level.value, strand=strand,
                         competent_improver=level.rank >= Level.PRACTITIONER.rank and strand == "improvement")
        for level in Level
        for strand in ("improvement", "human_factors")
    ]  # fmt: skip
    organisations = [OrganisationFactory(), OrganisationFactory(), None]
    days = [None, datetime.date(2024, 6, 1), START, datetime.date(2025, 9, 9), END, datetime.date(2026, 5, 1)]
    for n in range(40):
        trainee = TraineeFactory(organisation=organisations[n % 3])
        for programme in rng.sample(programmes, rng.randint(1, 4)):
            status = rng.choice(list(Status))
            RecordFactory(
                trainee=trainee, programme=programme, status=status.value, completed_on=rng.choice(days)
            )
    return figures.load_rows()


@pytest.mark.parametrize("period", [(None, None), (START, END)])
def test_highest_levels_match(records, period):
    start, end = period
    frame = figures.in_period(records, start, end)

    assert figures_db.highest_levels_by_organisation(
        start, end
    ) == figures.count_highest_levels_by_organisation(frame)
    assert figures_db.highest_levels(start, end) == figures.count_highest_levels(frame)


@pytest.mark.parametrize("period", [(None, None), (START, END)])
def test_completions_match(records, period):
    start, end = period
    expected = figures.count_completions(records, ["programme"], start, end)

    assert figures_db.completions_by("programme", start, end) == dict(
        zip(expected["programme"].astype(int), expected["count"].astype(int), strict=True)
    )


def test_competent_improvers_and_people_match(records):
    org = int(records["organisation"].dropna().iloc[0])
    targets = {None: 30, org: 5}

    assert figures_db.competent_improvers(START, END, targets) == figures.count_competent_improvers(
        records, START, END, targets
    )
    assert figures_db.people_trained() == records["person"].nunique()
    assert figures_db.advanced_and_leadership() == figures.advanced_and_leadership(records)
