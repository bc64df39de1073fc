"""The demo data reproduces the published training figures and can be loaded again safely."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from training import figures
from training.models import Cohort, Trainee, TrainingRecord

PUBLISHED = {
    ("Safety and Quality Improvement Academy", "Bronze"): 3712,
    ("Safety and Quality Improvement Academy", "Silver"): 769,
    ("Safety and Quality Improvement Academy", "Gold"): 62,
    ("Safety and Quality Improvement Academy", "Human Factors"): 128,
    ("Quality Improvement Hub", "Pocket QI"): 710,
    ("Quality Improvement Hub", "Bronze"): 604,
    ("Quality Improvement Hub", "Silver"): 37,
    ("One Gloucestershire QSIR Faculty", "QSIR Fundamentals"): 125,
    ("One Gloucestershire QSIR Faculty", "QSIR Virtual / Blended"): 82,
    ("One Gloucestershire QSIR Faculty", "QSIR Practitioner"): 279,
    ("Productive General Practice", "Productive General Practice Quick Start"): 45,
}


@pytest.mark.django_db
def test_the_demo_reproduces_the_published_totals_and_is_idempotent():
    call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
    first = (Trainee.objects.count(), TrainingRecord.objects.count())
    call_command("seed_demo", "--quiet-accounts", stdout=StringIO())

    assert (Trainee.objects.count(), TrainingRecord.objects.count()) == first
    finished = (
        TrainingRecord.objects.filter(status__in=["completed", "graduated"])
        .values_list("programme__provider__name", "programme__name")
        .annotate(n=Count("id"))
    )
    totals = {(provider, programme): n for provider, programme, n in finished}
    for key, count in PUBLISHED.items():
        assert totals[key] == count, key
    assert first[0] > 5000  # "over 5000 people in all"
    assert Cohort.objects.filter(open_for_booking=True).count() >= 5
    counts = figures.trained_counts_by_organisation()
    assert sum(advanced for advanced, _ in counts.values()) > 0
    assert sum(leadership for _, leadership in counts.values()) > 0


def test_demo_completions_are_spread_over_the_years_not_piled_on_today(db):
    from collections import Counter
    from io import StringIO

    from django.utils import timezone

    from community import demo as community_demo
    from training import demo as training_demo
    from training.models import TrainingRecord

    community_demo.seed(StringIO())
    training_demo.seed(StringIO())
    days = Counter(TrainingRecord.objects.exclude(completed_on=None).values_list("completed_on", flat=True))
    total = sum(days.values())
    assert days[timezone.localdate()] <= max(5, total // 500)  # about one day's share, not hundreds
    busiest = days.most_common(1)[0][1]
    assert busiest <= max(10, total // 200)
