"""An API client that sends a POST again with the same Idempotency-Key creates nothing twice."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from projects.models import Project
from tests.concurrency import at_once


def _client(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(user)
    return client


BODY = {"title": "Virtual ward for frail older people", "aim": "30 people a day at home by March"}


@pytest.mark.django_db
def test_the_same_key_replays_the_first_response_and_creates_one_project(member):
    client = _client(member)
    first = client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == 201 and again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Project.objects.count() == 1
    other = client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="abc-2")
    assert other.status_code == 201 and Project.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused(member):
    client = _client(member)
    client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k")
    response = client.post(
        "/api/v1/projects/", {**BODY, "title": "Something else"}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 422 and "different request" in response.json()["detail"]
    assert Project.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_request_can_be_corrected_and_sent_with_its_key(member):
    client = _client(member)
    bad = client.post("/api/v1/projects/", {"title": ""}, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert bad.status_code == 400
    good = client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert good.status_code == 201 and Project.objects.count() == 1


@pytest.mark.django_db
def test_token_clients_are_told_apart_by_their_credentials(member, outsider):
    mine, theirs = APIClient(), APIClient()
    mine.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")
    theirs.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=outsider).key}")
    mine.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="same")
    theirs.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="same")
    assert Project.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_posts_with_one_key_at_the_same_moment_create_one_project(member):
    def post() -> int:
        client = _client(member)
        return client.post("/api/v1/projects/", BODY, format="json", HTTP_IDEMPOTENCY_KEY="race").status_code

    statuses = at_once(post, post)
    assert sorted(statuses) == [201, 201]
    assert Project.objects.count() == 1
