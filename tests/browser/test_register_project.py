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
