"""Hostile input at the API: a NUL character or a non-numeric id is a clear 4xx, never a server error."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from projects.models import Project

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("fmt", ["json", "multipart"])
def test_a_nul_character_in_a_related_slug_is_refused_with_a_field_message(member, fmt):
    response = _api(member).post("/api/v1/projects/", {"title": "Falls", "methods": ["pd\x00sa"]}, format=fmt)
    assert response.status_code == 400
    assert "NUL" in response.json()["methods"][0]
    assert not Project.objects.exists()


def test_a_nul_character_nested_in_json_names_its_field(member):
    response = _api(member).post("/api/v1/projects/", {"title": "Falls\x00"}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()


def test_a_non_numeric_id_is_not_found(admin_user):
    client = _api(admin_user)
    assert client.patch("/api/v1/champions/abc/", {"notes": "x"}, format="json").status_code == 404
    assert client.get("/api/v1/projects/abc/").status_code == 404
