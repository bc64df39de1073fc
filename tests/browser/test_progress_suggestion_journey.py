"""A lead opens a project that has gone quiet, reads why the portal suggests a progress score, and
accepts it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.utils import timezone

from community import demo as community_demo
from community.demo import DEMO_PASSWORD
from community.models import User
from projects.models import PDSACycle, Project
from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import PDSACycleFactory


@pytest.mark.browser
def test_a_lead_accepts_the_suggested_progress_score_for_a_quiet_project(ui):
    community_demo.seed(StringIO())
    lead = User.objects.get(email="staff@ghft.example.org")
    project = ProjectFactory(
        title="Safer insulin on the wards", lead=lead, team=[UserFactory()], progress_score=Decimal("1.0")
    )
    PDSACycleFactory(project=project, study="Fewer missed doses on the pilot ward", act="adopt")
    long_ago = timezone.now() - datetime.timedelta(days=100)
    Project.objects.filter(pk=project.pk).update(updated_at=long_ago)
    PDSACycle.objects.filter(project=project).update(updated_at=long_ago)

    ui.sign_in("staff@ghft.example.org", DEMO_PASSWORD)
    ui.goto(f"/projects/{project.pk}/")
    card = ui.text("#suggested-score")
    assert "Suggested progress score: 2.5 Changes tested, but no improvement" in card
    assert "1 PDSA cycle studied." in card and "To reach 3.0" in card
    assert "Not updated since" in ui.text("#quiet")

    ui.submit("Accept 2.5")

    assert "The progress score is now 2.5 Changes tested, but no improvement" in ui.text()
    assert "IHI progress score 2.5" in ui.text()
    project.refresh_from_db()
    assert project.progress_score == Decimal("2.5")
