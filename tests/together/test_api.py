"""The API for comments, benefits, follows and the feed: the same services, JSON errors per field."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.community.factories import SystemPriorityFactory, UserFactory
from tests.projects.factories import ProjectFactory
from together.models import Follow

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_comments_are_read_and_written_through_the_api(member):
    project = ProjectFactory()
    UserFactory(email="jo.bloggs@ghft.nhs.uk")
    created = api(member).post(
        f"/api/v1/projects/{project.pk}/comments/", {"text": "Hello @jo.bloggs"}, format="json"
    )
    assert created.status_code == 201 and created.json()["author"] == member.display_name
    listed = api(member).get(f"/api/v1/projects/{project.pk}/comments/").json()
    assert [c["text"] for c in listed] == ["Hello @jo.bloggs"]
    refused = api(member).post(f"/api/v1/projects/{project.pk}/comments/", {"text": ""}, format="json")
    assert refused.status_code == 400 and "text" in refused.json()


def test_benefits_through_the_api_check_the_kind_of_money(member):
    project = ProjectFactory()
    lead = api(project.lead)
    body = {
        "type": "money",
        "description": "Agency",
        "value": "200",
        "unit": "£",
        "period": "month",
        "how_measured": "Ledger",
        "confidence": "high",
    }
    refused = lead.post(f"/api/v1/projects/{project.pk}/benefits/", body, format="json")
    assert refused.status_code == 400 and "money_kind" in refused.json()
    created = lead.post(
        f"/api/v1/projects/{project.pk}/benefits/", {**body, "money_kind": "cash_releasing"}, format="json"
    )
    assert created.status_code == 201
    assert api(member).get(f"/api/v1/projects/{project.pk}/benefits/").json()[0]["description"] == "Agency"
    assert (
        api(member).post(f"/api/v1/projects/{project.pk}/benefits/", body, format="json").status_code == 403
    )


def test_each_person_follows_and_reads_only_their_own(member, outsider):
    frailty = SystemPriorityFactory(name="Frailty")
    draft = ProjectFactory(published_at=None)
    created = api(member).post(
        "/api/v1/follows/", {"kind": "programme", "id_followed": frailty.pk}, format="json"
    )
    assert created.status_code == 201 and created.json()["what"]["title"] == "Frailty"
    hidden = api(member).post("/api/v1/follows/", {"kind": "project", "id_followed": draft.pk}, format="json")
    assert hidden.status_code == 400 and "id_followed" in hidden.json()
    follow_id = created.json()["id"]
    assert api(outsider).get("/api/v1/follows/").json()["results"] == []
    assert api(outsider).delete(f"/api/v1/follows/{follow_id}/").status_code == 404
    assert api(member).delete(f"/api/v1/follows/{follow_id}/").status_code == 204
    assert not Follow.objects.exists()
    assert api(member).get("/api/v1/notifications/").status_code == 200
