"""`/api/v1/projects/`: the same filters, search, rules and audit as the pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.audit import audit_trail
from projects.models import Project
from tests.community.factories import PlaceFactory, SystemPriorityFactory, UserFactory
from tests.projects.factories import MethodFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_list_searches_and_filters_like_the_browse_page(member):
    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    ward = ProjectFactory(title="Frailty virtual ward", priorities=[frailty], start_date="2025-06-01")
    ProjectFactory(title="Hospital at home", aim="Care for frail people", start_date="2024-01-01")
    ProjectFactory(title="Glaucoma service")
    ProjectFactory(title="Frail draft", published_at=None)

    found = _api(member).get("/api/v1/projects/", {"q": "frail"}).json()
    assert [p["title"] for p in found["results"]] == ["Frailty virtual ward", "Hospital at home"]
    assert found["count"] == 2

    filtered = (
        _api(member).get("/api/v1/projects/", {"priority": frailty.pk, "started_after": "2025-01-01"}).json()
    )
    assert [p["id"] for p in filtered["results"]] == [ward.pk]
    assert filtered["results"][0]["lead"]["name"] == ward.lead.display_name


def test_a_search_reads_its_page_ids_by_rank_first_as_the_browse_page_does(member):
    ProjectFactory(title="Hospital at home", aim="Care for frail people")
    ProjectFactory(title="Frailty virtual ward")
    api = _api(member)

    with CaptureQueriesContext(connection) as searched:
        found = api.get("/api/v1/projects/", {"q": "frail"}).json()
    with CaptureQueriesContext(connection) as listed:
        api.get("/api/v1/projects/")

    assert [p["title"] for p in found["results"]] == ["Frailty virtual ward", "Hospital at home"]
    assert any("ORDER BY COALESCE((ts_rank(" in q["sql"] for q in searched.captured_queries)
    assert not any("COALESCE" in q["sql"] for q in listed.captured_queries)


def test_a_project_is_created_as_a_draft_by_default_and_audited(member):
    priority = SystemPriorityFactory()
    MethodFactory(name="PDSA", slug="pdsa")

    response = _api(member).post(
        "/api/v1/projects/",
        {
            "title": "Virtual ward for frail older people",
            "aim": "30 people a day at home by March",
            "priorities": [priority.pk],
            "methods": ["pdsa"],
            "tags": ["virtual wards"],
            "progress_score": "1.5",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["is_published"] is False
    assert body["team"][0]["role"] == "lead" and body["team"][0]["user"]["id"] == member.pk
    assert body["methods"] == ["pdsa"] and body["tags"] == ["virtual wards"]
    project = Project.objects.get(pk=body["id"])
    assert audit_trail(project).get().action == "created"


def test_bad_input_comes_back_as_field_messages(member):
    response = _api(member).post(
        "/api/v1/projects/",
        {"title": "", "progress_score": "7", "priorities": [999999]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) >= {"title", "progress_score", "priorities"}

    closing = _api(member).post("/api/v1/projects/", {"title": "Done", "status": "completed"}, format="json")
    assert closing.status_code == 400
    assert closing.json() == {"results": ["Enter the results of the project before marking it completed"]}
    assert not Project.objects.exists()


def test_only_the_team_and_admins_update(member, outsider, admin_user):
    project = ProjectFactory(team=[member], title="Old title")

    assert (
        _api(outsider).patch(f"/api/v1/projects/{project.pk}/", {"title": "X"}, format="json").status_code
        == 403
    )
    response = _api(member).patch(f"/api/v1/projects/{project.pk}/", {"title": "New title"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "New title"
    assert (
        _api(admin_user)
        .patch(f"/api/v1/projects/{project.pk}/", {"status": "spreading"}, format="json")
        .status_code
        == 200
    )
    project.refresh_from_db()
    assert (project.title, project.status) == ("New title", "spreading")


def test_drafts_are_not_found_by_others(member, outsider):
    draft = ProjectFactory(lead=member, published_at=None)

    assert _api(outsider).get(f"/api/v1/projects/{draft.pk}/").status_code == 404
    assert _api(member).get(f"/api/v1/projects/{draft.pk}/").status_code == 200


def test_team_and_updates_are_sub_resources(member, outsider):
    project = ProjectFactory(lead=member)
    partner = UserFactory()
    api = _api(member)

    added = api.post(f"/api/v1/projects/{project.pk}/team/", {"user": partner.pk, "role": "patient_partner"})
    assert added.status_code == 201
    assert {m["role"] for m in api.get(f"/api/v1/projects/{project.pk}/team/").json()} == {
        "lead",
        "patient_partner",
    }
    assert (
        _api(outsider)
        .post(f"/api/v1/projects/{project.pk}/team/", {"user": outsider.pk, "role": "member"})
        .status_code
        == 403
    )
    lead_row = project.memberships.get(user=member)
    refused = api.delete(f"/api/v1/projects/{project.pk}/team/{lead_row.pk}/")
    assert refused.status_code == 400 and "user" in refused.json()
    assert api.delete(f"/api/v1/projects/{project.pk}/team/{added.json()['id']}/").status_code == 204

    note = api.post(f"/api/v1/projects/{project.pk}/updates/", {"text": "PDSA 1 done"})
    assert note.status_code == 201
    assert [n["text"] for n in _api(outsider).get(f"/api/v1/projects/{project.pk}/updates/").json()] == [
        "PDSA 1 done"
    ]
    assert _api(outsider).post(f"/api/v1/projects/{project.pk}/updates/", {"text": "x"}).status_code == 403


def test_the_list_queries_do_not_grow(member, django_assert_max_num_queries):
    priority = SystemPriorityFactory()
    for _ in range(30):
        ProjectFactory(priorities=[priority], team=[UserFactory()])
    api = _api(member)
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/projects/", {"q": "improvement"})
    assert len(response.json()["results"]) == 30


def test_the_schema_documents_the_project_endpoints(member):
    schema = _api(member).get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert {
        "/api/v1/projects/",
        "/api/v1/projects/{id}/",
        "/api/v1/projects/{id}/team/",
        "/api/v1/projects/{id}/team/{member_id}/",
        "/api/v1/projects/{id}/updates/",
    } <= set(paths)
    assert "post" in paths["/api/v1/projects/"] and "patch" in paths["/api/v1/projects/{id}/"]


def test_the_overlap_check_is_offered_to_other_systems(member):
    ward = ProjectFactory(title="Frailty virtual ward")
    ProjectFactory(title="Frail draft ward", published_at=None)

    response = _api(member).get("/api/v1/projects/similar/", {"title": "Virtual ward for frail older people"})

    assert response.status_code == 200
    found = response.json()
    assert [f["project"]["id"] for f in found] == [ward.pk]
    assert found[0]["reasons"] and 0 < found[0]["score"] <= 1
    missing = _api(member).get("/api/v1/projects/similar/")
    assert missing.status_code == 400 and "title" in missing.json()


def test_the_overlap_check_reads_its_projects_in_queries_that_do_not_grow(member):
    def queries_for(count: int) -> tuple[int, int]:
        for n in range(count):
            ProjectFactory(title=f"Frailty virtual ward {n}", places=[PlaceFactory(), PlaceFactory()])
        client = _api(member)
        client.get("/api/v1/projects/similar/", {"title": "Frailty virtual ward"})  # found and kept
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/projects/similar/", {"title": "Frailty virtual ward"})
        return len(response.json()), len(queries)

    one, five = queries_for(1), queries_for(5)
    assert one[0] == 1 and five[0] == 5
    assert one[1] == five[1]
