"""The project page, its team, progress notes, attachments, story and the showcase."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from markupsafe import escape

from core.audit import audit_trail
from projects.measurement.models import DriverDiagram
from projects.models import Attachment
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory, UserFactory
from tests.projects.factories import (
    AttachmentFactory,
    MethodFactory,
    ProjectFactory,
    ProjectUpdateFactory,
    TagFactory,
)
from tests.projects.measurement.factories import MeasureFactory, PDSACycleFactory

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def test_the_page_shows_everything_about_the_project(member, client_for):
    project = ProjectFactory(
        title="Frailty virtual ward",
        aim="Care for 40 people a day at home",
        organisations=[OrganisationFactory(name="Community Trust")],
        priorities=[SystemPriorityFactory(name="Frailty", slug="frailty")],
        places=[PlaceFactory(name="Forest of Dean")],
    )
    ProjectUpdateFactory(project=project, text="Started taking referrals from GPs.")
    AttachmentFactory(project=project, title="Showcase poster")
    similar = ProjectFactory(title="Virtual ward for frail people")

    body = client_for(member).get(f"/projects/{project.pk}/").content.decode()

    for text in (
        "Care for 40 people a day at home",
        "Community Trust",
        "Forest of Dean",
        "Started taking referrals from GPs.",
        "Showcase poster",
        "PDSA cycles",
        "Measures",
        "Similar projects",
        similar.title,
        "History",
        project.lead.display_name,
    ):
        assert escape(text) in body, text  # names like O'Brien are HTML-escaped
    assert "Edit the project" not in body  # a reader, not on the team


def test_the_page_names_what_the_project_is_linked_to_in_each_list_s_order(member, client_for):
    project = ProjectFactory(
        organisations=[OrganisationFactory(name="Zeta Trust"), OrganisationFactory(name="Alpha Council")],
        places=[PlaceFactory(name="Stroud"), PlaceFactory(name="Cheltenham")],
        priorities=[
            SystemPriorityFactory(name="Frailty", order=2),
            SystemPriorityFactory(name="Urgent", order=1),
        ],
    )
    project.methods.set([MethodFactory(name="SPC", order=1), MethodFactory(name="5S", order=2)])
    project.tags.set([TagFactory(name="wards"), TagFactory(name="discharge")])
    story = client_for(member).get(f"/projects/{project.pk}/story/").content.decode()

    body = client_for(member).get(f"/projects/{project.pk}/").content.decode()

    for names in (
        "Alpha Council, Zeta Trust",
        "Cheltenham, Stroud",
        "Urgent, Frailty",
        "SPC, 5S",
        "discharge, wards",
    ):
        assert names in body, names
    assert "Alpha Council, Zeta Trust" in story


def test_similar_projects_are_found_by_the_project_s_priorities_and_places(member, client_for):
    frailty, stroud = SystemPriorityFactory(name="Frailty"), PlaceFactory(name="Stroud")
    project = ProjectFactory(title="Hospital at home", priorities=[frailty], places=[stroud])
    ProjectFactory(title="Night sitting service", priorities=[frailty], places=[stroud])

    page = client_for(member).get(f"/projects/{project.pk}/")

    [found] = page.context["similar"]
    assert found.project.title == "Night sitting service"
    assert any("Frailty" in reason for reason in found.reasons) and any("Stroud" in r for r in found.reasons)


def test_the_team_sees_the_editing_links(member, client_for):
    project = ProjectFactory(team=[member])

    body = client_for(member).get(f"/projects/{project.pk}/").content.decode()

    assert "Edit the project" in body and "Manage the team" in body


def test_the_project_page_queries_do_not_grow(member, client_for, django_assert_max_num_queries):
    project = ProjectFactory(team=[UserFactory() for _ in range(12)])
    project.organisations.set([OrganisationFactory() for _ in range(4)])
    project.places.set([PlaceFactory() for _ in range(4)])
    for _ in range(10):
        ProjectUpdateFactory(project=project)
        AttachmentFactory(project=project)
    for n in range(10):
        ProjectFactory(title=f"Improvement project similar {n}", places=list(project.places.all()))
    for n in range(5):
        PDSACycleFactory(project=project, change_idea=f"Idea {n}", act="adopt")
        MeasureFactory(project=project)
    DriverDiagram.objects.create(project=project, text="Aim\n- Driver\n  - Secondary\n    - Idea 1\n")
    client = client_for(member)
    client.get(f"/projects/{project.pk}/")
    # The session and person, the project with its linked names and driver diagram, its team, notes and
    # files, similar projects (kept) read afresh, the history, cycles and their measures, measures and
    # their points, the rule set, when it was last worked on, comments, following and benefits.
    with django_assert_max_num_queries(19):
        response = client.get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    assert len(response.context["project"].memberships.all()) == 13
    assert response.context["diagram"] is not None and len(response.context["measure_cards"]) == 5

    lead = client_for(project.lead)  # the team sees the suggested score too, from what the page has read
    lead.get(f"/projects/{project.pk}/")
    with django_assert_max_num_queries(19):
        response = lead.get(f"/projects/{project.pk}/")
    assert response.context["suggestion"].score > 0


def test_a_draft_is_hidden_from_others_but_not_from_admins(member, outsider, admin_user, client_for):
    draft = ProjectFactory(team=[member], published_at=None)

    assert client_for(outsider).get(f"/projects/{draft.pk}/").status_code == 404
    assert client_for(member).get(f"/projects/{draft.pk}/").status_code == 200
    assert client_for(admin_user).get(f"/projects/{draft.pk}/").status_code == 200


def test_team_members_are_found_by_name_and_added_with_a_role(member, client_for):
    project = ProjectFactory(lead=member)
    coach = UserFactory(first_name="Priya", last_name="Hughes", email="priya.hughes@ghc.example.org")
    client = client_for(member)

    found = client.get(f"/projects/{project.pk}/team/", {"q": "hughes"})
    assert coach in found.context["found"]

    response = client.post(f"/projects/{project.pk}/team/", {"user": coach.pk, "role": "coach"})
    assert response.status_code == 302
    assert project.memberships.get(user=coach).role == "coach"
    assert audit_trail(project).filter(action="team_member_added").exists()

    member_row = project.memberships.get(user=coach)
    client.post(f"/projects/{project.pk}/team/{member_row.pk}/remove/")
    assert not project.memberships.filter(user=coach).exists()


def test_the_lead_cannot_be_removed_or_added_twice(member, client_for):
    project = ProjectFactory(lead=member)
    lead_row = project.memberships.get(user=member)
    client = client_for(member)

    client.post(f"/projects/{project.pk}/team/{lead_row.pk}/remove/")
    assert project.memberships.filter(user=member).exists()
    response = client.post(f"/projects/{project.pk}/team/", {"user": member.pk, "role": "member"})
    assert response.status_code == 200
    assert "already leads this project" in response.content.decode()


def test_others_may_not_manage_the_team(member, outsider, client_for):
    project = ProjectFactory(lead=member)

    assert client_for(outsider).get(f"/projects/{project.pk}/team/").status_code == 403
    response = client_for(outsider).post(
        f"/projects/{project.pk}/team/", {"user": outsider.pk, "role": "member"}
    )
    assert response.status_code == 403
    assert not project.memberships.filter(user=outsider).exists()


def test_a_progress_note_is_added_and_a_future_date_refused(member, client_for):
    project = ProjectFactory(lead=member)
    client = client_for(member)

    bad = client.post(
        f"/projects/{project.pk}/updates/new/",
        {"text": "Later", "date_day": "1", "date_month": "1", "date_year": "2099"},
    )
    assert "today or in the past" in bad.content.decode()
    client.post(f"/projects/{project.pk}/updates/new/", {"text": "PDSA 2 started on ward 4"})
    assert [u.text for u in project.updates.all()] == ["PDSA 2 started on ward 4"]


def test_a_poster_is_uploaded_and_served_only_to_those_who_may_see_the_project(member, outsider, client_for):
    project = ProjectFactory(lead=member, published_at=None)
    client = client_for(member)

    response = client.post(
        f"/projects/{project.pk}/attachments/new/",
        {"title": "Poster", "file": SimpleUploadedFile("poster.png", PNG_BYTES, content_type="image/png")},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"
    url = f"/projects/{project.pk}/attachments/{attachment.pk}/"

    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG_BYTES
    assert client_for(outsider).get(url).status_code == 404  # a draft: the outsider cannot see it
    other = ProjectFactory()
    assert client.get(f"/projects/{other.pk}/attachments/{attachment.pk}/").status_code == 404


def test_a_renamed_program_is_refused_and_nothing_is_stored(member, client_for):
    project = ProjectFactory(lead=member)

    response = client_for(member).post(
        f"/projects/{project.pk}/attachments/new/",
        {"file": SimpleUploadedFile("poster.pdf", EXE_BYTES, content_type="application/pdf")},
    )

    assert response.status_code == 200
    assert "must be a PDF, PNG, JPEG" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_ten_megabytes_is_refused(member, client_for):
    project = ProjectFactory(lead=member)
    big = PDF_BYTES + b"0" * (10 * 1024 * 1024)

    response = client_for(member).post(
        f"/projects/{project.pk}/attachments/new/",
        {"file": SimpleUploadedFile("poster.pdf", big, content_type="application/pdf")},
    )

    assert "smaller than 10 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_attachment_is_removed_by_the_team_only(member, outsider, client_for):
    project = ProjectFactory(lead=member)
    attachment = AttachmentFactory(project=project)
    url = f"/projects/{project.pk}/attachments/{attachment.pk}/remove/"

    assert client_for(outsider).post(url).status_code == 403
    assert client_for(member).post(url).status_code == 302
    assert not Attachment.objects.exists()


def test_the_showcase_lists_projects_with_results_and_the_story_shares_them(member, client_for):
    done = ProjectFactory(
        title="Warmth on Prescription",
        status="completed",
        results="Fewer GP visits among those helped to heat their homes.",
    )
    ProjectFactory(title="Still testing", status="testing", results="")
    ProjectFactory(title="Draft success", status="completed", results="Good", published_at=None)

    showcase = client_for(member).get("/projects/showcase/")
    assert [p.title for p in showcase.context["paged"].items] == ["Warmth on Prescription"]

    story = client_for(member).get(f"/projects/{done.pk}/story/").content.decode()
    assert "What changed" in story and "Fewer GP visits" in story
