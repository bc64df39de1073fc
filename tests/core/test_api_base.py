from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.community.factories import OrganisationFactory


def test_an_api_client_reads_reference_data_with_a_token(member, organisation):
    token = Token.objects.create(user=member)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get(reverse("api:organisation-list"))

    assert response.status_code == 200
    names = [o["name"] for o in response.json()["results"]]
    assert organisation.name in names


def test_anonymous_api_requests_are_told_to_authenticate(db):
    response = APIClient().get(reverse("api:organisation-list"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_reference_data_is_read_only(member):
    client = APIClient()
    client.force_authenticate(member)

    response = client.post(reverse("api:organisation-list"), {"name": "New"}, format="json")

    assert response.status_code == 405


def test_the_schema_documents_the_reference_endpoints(member):
    client = APIClient()
    client.force_authenticate(member)

    response = client.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/organisations/", "/api/v1/places/", "/api/v1/priorities/"} <= set(paths)


def test_the_reference_page_lists_every_operation_with_its_parameters_and_shapes(member, client_for):
    response = client_for(member).get(reverse("api-docs"))

    assert response.status_code == 200
    html = response.content.decode()
    schema = client_for(member).get(reverse("api:schema"), {"format": "json"}).json()
    operations = [
        (m.upper(), p)
        for p, item in schema["paths"].items()
        for m in item
        if m in ("get", "post", "put", "patch", "delete")
    ]
    for method, path in operations:
        assert f"{method}</span> <code>{path}</code>" in html, (method, path)
    assert "<dt><code>progress_min (query)</code></dt>" in html  # a filter of the projects list
    assert 'Send <a href="#shape-ProjectInputRequest">ProjectInputRequest</a> as JSON.' in html
    assert 'id="shape-ProjectInputRequest"' in html and 'id="shape-FieldErrors"' in html
    assert "<script" not in html.split('id="contents"')[1].split("</main>")[0]  # no script draws the page


def test_the_reference_page_is_for_signed_in_people(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_organisations_can_be_filtered_by_kind(member):
    OrganisationFactory(name="Borough Council", kind="local_authority")
    client = APIClient()
    client.force_authenticate(member)

    response = client.get(reverse("api:organisation-list"), {"kind": "local_authority"})

    assert [o["name"] for o in response.json()["results"]] == ["Borough Council"]
