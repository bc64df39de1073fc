"""The training demo spreads completions over the years (the published totals: tests/test_demo_data.py)."""

from __future__ import annotations

from collections import Counter
from io import StringIO

from django.utils import timezone

from community import demo as community_demo
from training import demo as training_demo
from training.models import TrainingRecord


def test_demo_completions_are_spread_over_the_years_not_piled_on_today(db):
    community_demo.seed(StringIO())
    training_demo.seed(StringIO())
    days = Counter(TrainingRecord.objects.exclude(completed_on=None).values_list("completed_on", flat=True))
    total = sum(days.values())
    assert days[timezone.localdate()] <= max(5, total // 500)  # about one day's share, not hundreds
    busiest = days.most_common(1)[0][1]
    assert busiest <= max(10, total // 200)
