"""A request's related project, and the similar registered projects shown once it is submitted."""

from __future__ import annotations

from django.urls import reverse

from facilitation.models import FacilitationRequest
from facilitation.status import Status
from tests.community.factories import OrganisationFactory
from tests.facilitation.factories import RequestFactory
from tests.projects.factories import ProjectFactory


def _answers(**extra):  # type: ignore[no-untyped-def]
    return {
        "title": "Frailty virtual ward step-up referrals",
        "team": "Frailty virtual ward",
        "organisations": [str(OrganisationFactory().pk)],
        "challenge": "Few step-up referrals from primary care reach the frailty virtual ward.",
        "aim": "Double virtual ward step-up referrals by June.",
        "direction": "tight",
        "support_wanted": ["workshop"],
        "timescale": "quarter",
        "intent": "submit",
        **extra,
    }


def test_a_request_names_its_related_project(member, client_for):
    project = ProjectFactory(title="Frailty virtual ward")

    client_for(member).post(reverse("facilitation:new"), _answers(related_project=str(project.pk)))

    item = FacilitationRequest.objects.get()
    assert item.related_project == project
    page = client_for(member).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
    assert reverse("projects:detail", kwargs={"pk": project.pk}) in page.content.decode()


def test_a_draft_project_cannot_be_named(member, client_for):
    draft = ProjectFactory(title="Secret draft", published_at=None)

    response = client_for(member).post(reverse("facilitation:new"), _answers(related_project=str(draft.pk)))

    assert response.status_code == 200
    assert "related_project" in response.context["form"].errors


def test_similar_registered_projects_are_shown_on_submit(member, client_for):
    ProjectFactory(
        title="Frailty virtual ward referrals",
        problem="Step-up referrals from primary care to the virtual ward are rare.",
    )
    ProjectFactory(title="Theatre utilisation", problem="Late starts in orthopaedic theatres.")
    ProjectFactory(title="Virtual ward draft", problem="Virtual ward step-up referrals.", published_at=None)
    client = client_for(member)

    submitted = client.post(reverse("facilitation:new"), _answers())
    page = client.get(submitted["Location"])

    titles = [p["title"] for p in page.context["similar_projects"]]
    assert titles == ["Frailty virtual ward referrals"]
    assert page.context["similar_projects"][0]["reasons"]
    assert "Frailty virtual ward referrals" in page.content.decode()


def test_drafts_do_not_look_for_similar_projects(member, client_for):
    ProjectFactory(title="Delayed discharges on ward 1")
    item = RequestFactory(requester=member, status=Status.DRAFT)

    page = client_for(member).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))

    assert page.context["similar_projects"] == []
