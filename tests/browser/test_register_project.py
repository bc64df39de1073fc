"""A member of staff registers a project, is told about a similar one, publishes, and finds it."""

from __future__ import annotations

from io import StringIO

import pytest

from community import demo as community_demo
from community.demo import DEMO_PASSWORD
from projects.models import Project
from tests.projects.factories import ProjectFactory


@pytest.mark.browser
def test_staff_register_a_project_see_the_similar_one_publish_and_find_it(ui):
    community_demo.seed(StringIO())
    ProjectFactory(
        title="Frailty virtual ward",
        aim="Hospital-level care at home for older people living with frailty",
    )

    ui.sign_in("staff@ghft.example.org", DEMO_PASSWORD)
    ui.goto("/projects/")
    ui.click("text=Register a project")
    ui.fill(
        {
            "#id_title": "Virtual ward for frail older people",
            "#id_problem": "Frail older people in Stroud are admitted when they could stay at home.",
            "#id_aim": "Care for 20 people a day at home by March 2027",
        }
    )
    ui.submit("Check for similar projects")
    assert "Frailty virtual ward" in ui.text(".app-similar")
    assert ui.page.input_value("#id_title") == "Virtual ward for frail older people"

    ui.submit("Save as draft")
    assert "This project is a draft" in ui.text()
    assert "Frailty virtual ward" in ui.text(".app-similar")

    ui.submit("Publish this project")
    assert "Your project is published" in ui.text()
    assert Project.objects.get(title="Virtual ward for frail older people").published_at is not None

    ui.goto("/projects/?q=" + "20 people a day")
    ui.click("text=Virtual ward for frail older people")
    assert "Care for 20 people a day at home by March 2027" in ui.text()


@pytest.mark.browser
def test_the_lead_builds_the_team_adds_a_poster_and_shares_the_story(ui, tmp_path):
    community_demo.seed(StringIO())
    from community.models import User

    lead = User.objects.get(email="staff@ghft.example.org")
    project = ProjectFactory(
        title="Warmth on Prescription",
        lead=lead,
        status="completed",
        results="Fewer GP visits among people helped to heat their homes.",
    )
    coach = User.objects.get(email="steering@ghc.example.org")

    ui.sign_in(lead.email, DEMO_PASSWORD)
    ui.goto(f"/projects/{project.pk}/")
    ui.click("text=Manage the team")
    ui.fill({"#id_q": "Hughes"})
    ui.submit("Find people")
    ui.page.select_option(f"#role-{coach.pk}", "coach")
    ui.submit("Add to the team")
    assert "is on the team as qi coach" in ui.text()

    ui.goto(f"/projects/{project.pk}/attachments/new/")
    renamed = tmp_path / "poster.pdf"
    renamed.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    ui.page.set_input_files("#id_file", str(renamed))
    ui.submit("Upload")
    assert "must be a PDF, PNG, JPEG" in ui.text()
    poster = tmp_path / "real-poster.pdf"
    poster.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    ui.page.set_input_files("#id_file", str(poster))
    ui.fill({"#id_title": "Showcase poster"})
    ui.submit("Upload")
    assert "Showcase poster" in ui.text()

    ui.goto("/projects/showcase/")
    ui.click("text=Warmth on Prescription")
    assert "What changed" in ui.text() and "Priya Hughes (qi coach)" in ui.text()
