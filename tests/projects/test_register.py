"""Registering and editing a project through its form."""

from __future__ import annotations

import pytest

from core.audit import audit_trail
from projects.models import Project
from tests.community.factories import OrganisationFactory, SystemPriorityFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Virtual ward for frail older people",
        "problem": "Older people are admitted when they could be cared for at home.",
        "aim": "Care for 30 people a day at home by March 2027.",
        "status": "planning",
        "progress_score": "1.0",
        "start_date_day": "1",
        "start_date_month": "4",
        "start_date_year": "2026",
        "tags": "frailty, virtual wards, Frailty",
    }
    data.update(overrides)
    return data


def test_checking_for_similar_projects_shows_the_frailty_ward_and_saves_nothing(member, client_for):
    ward = ProjectFactory(title="Frailty virtual ward", aim="Keep frail people at home")

    response = client_for(member).post("/projects/new/", _form(action="check"))

    assert response.status_code == 200
    assert [r.project for r in response.context["similar"]][:1] == [ward]
    body = response.content.decode()
    assert "Projects like yours" in body and "Frailty virtual ward" in body
    assert 'value="Virtual ward for frail older people"' in body  # what was typed is kept
    assert Project.objects.count() == 1


def test_saving_a_draft_records_the_project_the_lead_and_the_audit(member, client_for):
    priority = SystemPriorityFactory(name="Frailty", slug="frailty")
    org = OrganisationFactory(name="Community Trust")

    response = client_for(member).post(
        "/projects/new/", _form(action="draft", priorities=[priority.pk], organisations=[org.pk])
    )

    project = Project.objects.get(title="Virtual ward for frail older people")
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    assert project.published_at is None
    assert project.lead == member and project.created_by == member
    assert [(m.user, m.role) for m in project.memberships.all()] == [(member, "lead")]
    assert list(project.priorities.all()) == [priority]
    assert sorted(t.name for t in project.tags.all()) == ["frailty", "virtual wards"]
    assert str(project.start_date) == "2026-04-01"
    entry = audit_trail(project).get()
    assert entry.action == "created" and entry.actor == member
    assert entry.changes["title"]["to"] == "Virtual ward for frail older people"


def test_save_and_publish_publishes_at_once(member, client_for):
    client_for(member).post(
        "/projects/new/", _form(action="publish", organisations=[str(member.organisation_id)])
    )

    assert Project.objects.get().published_at is not None


def test_publishing_needs_the_aim_and_an_organisation_and_says_so(member, client_for):
    response = client_for(member).post("/projects/new/", _form(action="publish", aim=""))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "before you publish" in errors["aim"][0] and "before you publish" in errors["organisations"][0]
    assert not Project.objects.exists()


def test_a_draft_without_an_organisation_is_not_published_from_its_page(member, client_for):
    project = ProjectFactory(lead=member, published_at=None)
    response = client_for(member).post(f"/projects/{project.pk}/publish/", {"action": "publish"}, follow=True)
    project.refresh_from_db()
    assert project.published_at is None
    assert "Not published yet" in response.content.decode()


def test_errors_are_shown_by_their_fields_and_nothing_typed_is_lost(member, client_for):
    response = client_for(member).post(
        "/projects/new/",
        _form(
            action="draft",
            title="",
            end_date_day="1",
            end_date_month="1",
            end_date_year="2026",
        ),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a title for the project" in body
    assert "The end date must be the same as or after the start date" in body
    assert "<title>Error:" in body
    assert "Older people are admitted when they could be cared for at home." in body
    assert Project.objects.count() == 0


def test_a_completed_project_needs_its_results(member, client_for):
    response = client_for(member).post("/projects/new/", _form(action="draft", status="completed"))

    assert response.status_code == 200
    assert "Enter the results of the project before marking it completed" in response.content.decode()
    assert Project.objects.count() == 0


def test_the_team_edits_and_the_change_is_audited_and_shown_in_the_history(member, client_for):
    project = ProjectFactory(team=[member], title="Falls on ward 3")
    data = _form(title="Falls on wards 3 and 4", status="testing", progress_score="2.0", tags="")
    data["lead"] = project.lead_id

    response = client_for(member).post(f"/projects/{project.pk}/edit/", data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Falls on wards 3 and 4"
    entry = audit_trail(project).get(action="updated")
    assert entry.changes["title"] == {"from": "Falls on ward 3", "to": "Falls on wards 3 and 4"}
    page = client_for(member).get(f"/projects/{project.pk}/").content.decode()
    assert "Title changed from Falls on ward 3 to Falls on wards 3 and 4" in page
    assert "(blank)" not in page and "→" not in page


def test_the_lead_can_be_handed_to_a_team_member(member, client_for):
    project = ProjectFactory(team=[member])
    old_lead = project.lead
    data = _form(lead=member.pk, tags="")

    client_for(old_lead).post(f"/projects/{project.pk}/edit/", data)

    project.refresh_from_db()
    roles = {m.user: m.role for m in project.memberships.all()}
    assert project.lead == member
    assert roles == {member: "lead", old_lead: "member"}


def test_others_may_not_edit(member, outsider, client_for):
    project = ProjectFactory(team=[member])

    assert client_for(outsider).get(f"/projects/{project.pk}/edit/").status_code == 403
    assert client_for(outsider).post(f"/projects/{project.pk}/edit/", _form()).status_code == 403
    project.refresh_from_db()
    assert project.title != _form()["title"]


def test_admins_may_edit_any_project(admin_user, client_for):
    project = ProjectFactory()
    data = _form(lead=project.lead_id)

    assert client_for(admin_user).post(f"/projects/{project.pk}/edit/", data).status_code == 302


def test_publishing_a_draft_and_returning_it_to_draft(member, outsider, client_for):
    project = ProjectFactory(lead=member, published_at=None, organisations=[member.organisation])
    assert client_for(outsider).get(f"/projects/{project.pk}/").status_code == 404
    assert client_for(outsider).post(f"/projects/{project.pk}/publish/").status_code == 404

    client_for(member).post(f"/projects/{project.pk}/publish/", {"action": "publish"})
    assert client_for(outsider).get(f"/projects/{project.pk}/").status_code == 200
    assert (
        client_for(outsider).post(f"/projects/{project.pk}/publish/", {"action": "unpublish"}).status_code
        == 403
    )

    client_for(member).post(f"/projects/{project.pk}/publish/", {"action": "unpublish"})
    project.refresh_from_db()
    assert project.published_at is None
    assert [e.action for e in audit_trail(project)] == ["unpublished", "published"]


def test_the_new_project_form_ticks_the_persons_own_organisation(member, client_for):
    form = client_for(member).get("/projects/new/").context["form"]
    assert list(form["organisations"].initial) == [member.organisation_id]
