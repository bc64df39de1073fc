"""A lead opens a project that has gone quiet, reads why the portal suggests a progress score, accepts
it, and records what the project has saved."""

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

    # The benefit the project brought, with how the team knows.
    ui.click("text=Record a benefit")
    ui.page.check("input[name=type][value=money]")
    ui.fill({"#id_description": "Fewer insulin errors needing a doctor", "#id_value": "12", "#id_unit": "£"})
    ui.page.check("input[name=period][value=month]")
    ui.fill({"#id_how_measured": "Datix reports and doctor call-outs, three months before and after"})
    ui.page.check("input[name=confidence][value=medium]")
    ui.submit("Record the benefit")
    assert "Choose the kind of saving" in ui.text()  # money must say which kind it is
    ui.page.check("input[name=money_kind][value=non_cash_releasing]")
    ui.submit("Record the benefit")
    assert "The benefit has been recorded" in ui.text()
    assert "Fewer insulin errors needing a doctor: £12 a month" in " ".join(ui.text().split())
