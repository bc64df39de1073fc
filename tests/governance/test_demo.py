"""The governance demo data: the model system's first assessment, its plan, bodies and snapshots."""

from __future__ import annotations

from io import StringIO

import pytest

from community import demo as community_demo
from dashboards import registry
from dashboards.models import DashboardSnapshot
from governance import demo, selectors
from governance.models import Assessment, DeliveryAction, GovernanceBody, Meeting

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_developing_first_assessment_and_is_idempotent():
    community_demo.seed(StringIO())
    out = StringIO()
    demo.seed(out)
    demo.seed(StringIO())

    assessment = Assessment.objects.get()
    scores = selectors.component_scores(selectors.assessment(assessment.pk))
    assert assessment.rating == "Developing"
    assert len(scores) == 6 and all(2.1 <= s <= 2.7 for s in scores.values()), scores
    assert DeliveryAction.objects.count() == len(demo.PLAN)
    assert DeliveryAction.objects.filter(
        title="Provide training and coaching to 200 more competent improvers"
    ).exists()
    assert GovernanceBody.objects.count() == 2 and Meeting.objects.count() == 2
    assert DashboardSnapshot.objects.filter(params_key="", status="ok").count() == len(
        registry.all_dashboards()
    )
    assert "Developing" in out.getvalue()
