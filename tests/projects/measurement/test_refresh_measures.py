"""Stored icons follow the chart rules: `refresh_measures` recomputes them from each measure's data."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.measurement.models import Measure
from projects.measurement.selectors import compute_chart, measure_points
from projects.measurement.services import measure_refresh
from tests.projects.measurement.factories import measure_with_values

pytestmark = pytest.mark.django_db


def _fresh(measure: Measure) -> tuple[str, str]:
    chart = compute_chart(measure, measure_points(measure), Measure.ChartType.XMR)
    return chart.variation or "", chart.assurance or ""


def test_a_stored_icon_equals_a_fresh_computation():
    measure = measure_with_values([0.1] * 8 + [0.5], improvement="increase", target=0.2)
    measure_refresh(measure)
    measure.refresh_from_db()
    assert (measure.variation, measure.assurance) == _fresh(measure)
    assert measure.variation == "improvement_high"


def test_refresh_measures_mends_stale_icons_and_leaves_fresh_ones():
    stale = measure_with_values([0.1] * 8, improvement="increase")
    fresh = measure_with_values([5, 6, 5, 6, 5, 6, 5, 6], improvement="increase")
    measure_refresh(stale)
    measure_refresh(fresh)
    # As the float arithmetic stored it before the rules were made exact.
    Measure.objects.filter(pk=stale.pk).update(variation="improvement_high")
    out = StringIO()
    call_command("refresh_measures", stdout=out)
    stale.refresh_from_db()
    assert stale.variation == "common_cause" == _fresh(stale)[0]
    assert "Checked 2 measures; 1 had stale icons" in out.getvalue()
