"""The measurement demo data: every icon appears, and seeding again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest

from projects.measurement import demo
from projects.measurement.models import DataPoint, Measure, PDSACycle
from projects.spc.icons import ASSURANCES, VARIATIONS
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_without_demo_projects_it_says_so_and_adds_nothing():
    out = StringIO()
    demo.seed(out)
    assert "no demo projects found" in out.getvalue()
    assert not Measure.objects.exists()


def test_it_attaches_measures_to_the_demo_projects_so_every_icon_appears():
    for title in {d.project for d in demo.MEASURES}:
        ProjectFactory(title=title)
    demo.seed(StringIO())
    assert set(Measure.objects.values_list("variation", flat=True)) == set(VARIATIONS)
    assert set(Measure.objects.exclude(assurance="").values_list("assurance", flat=True)) == set(ASSURANCES)
    counts = (Measure.objects.count(), DataPoint.objects.count(), PDSACycle.objects.count())
    demo.seed(StringIO())
    assert (Measure.objects.count(), DataPoint.objects.count(), PDSACycle.objects.count()) == counts
    assert counts[2] == len(demo.CYCLES)
