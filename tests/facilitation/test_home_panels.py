"""Each person's home page shows their own work first: their projects, requests and bookings, and what
waits for the steering group and admins, with counts; the features register these panels themselves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from facilitation.models import ScoreSheet
from facilitation.status import Status
from tests.facilitation.factories import in_status
from tests.projects.factories import ProjectFactory
from tests.training.factories import CohortFactory, RecordFactory, TraineeFactory

pytestmark = pytest.mark.django_db


def _panels(client):  # type: ignore[no-untyped-def]
    response = client.get(reverse("community:home"))
    return {p.title: p for p in response.context["panels"]}, response.content.decode()


def test_staff_see_their_projects_requests_and_bookings_first(member, client_for):
    ProjectFactory(lead=member, title="Falls huddles")
    ProjectFactory(title="Someone else's project")
    in_status(Status.QUEUED, requester=member, title="Help with our run charts")
    RecordFactory(
        trainee=TraineeFactory(email=member.email), cohort=CohortFactory(name="Shire Hall"), status="booked"
    )

    panels, html = _panels(client_for(member))

    assert [i.text for i in panels["Your projects"].items] == ["Falls huddles"]
    assert panels["Your projects"].count == "1 project"
    assert [(i.text, i.meta) for i in panels["Your facilitation requests"].items] == [
        ("Help with our run charts", "In the queue")
    ]
    assert panels["Your training bookings"].items[0].meta.startswith("Shire Hall, starts ")
    assert "Waiting for you" not in panels
    assert html.index("Your projects") < html.index("Everything in the portal")


def test_the_steering_group_sees_the_queue_and_admins_triage_too(
    steering, admin_user, client_for, framework, django_assert_max_num_queries
):
    scored = in_status(Status.QUEUED)
    in_status(Status.QUEUED)
    in_status(Status.SUBMITTED)
    ScoreSheet.objects.create(request=scored, scorer=steering, version=framework, score=2)

    panels, _ = _panels(client_for(steering))
    assert [(i.text, i.meta) for i in panels["Waiting for you"].items] == [
        ("Prioritisation queue", "2 waiting for a decision, 1 not yet scored by you")
    ]
    client = client_for(admin_user)
    client.get(reverse("community:home"))
    with django_assert_max_num_queries(16):
        panels, _ = _panels(client)
    assert [i.text for i in panels["Waiting for you"].items] == ["Prioritisation queue", "Triage"]
    assert panels["Waiting for you"].items[1].meta == "1 new request to check"


def test_someone_with_nothing_yet_is_told_how_to_start(outsider, client_for):
    panels, html = _panels(client_for(outsider))
    assert panels["Your projects"].items == []
    assert "You are not on a project" in html and "Register one, or ask a lead to add you." in html
