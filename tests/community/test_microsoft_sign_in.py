"""Sign-in with a Microsoft work account (Entra ID): off unless configured; partner domains only; a new
person joins their organisation. Microsoft's token and Graph endpoints are answered at the HTTP boundary
(requests' transport adapter), so allauth's own OAuth code runs for real."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client, override_settings
from django.urls import reverse

from community.models import User
from tests.community.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CONFIGURED = {
    "microsoft": {
        "APPS": [
            {"client_id": "portal-client", "secret": "portal-secret", "settings": {"tenant": "nhs-tenant"}}
        ],
        "SCOPE": ["User.Read"],
    }
}


@pytest.fixture
def configured() -> Iterator[None]:
    with override_settings(SOCIALACCOUNT_PROVIDERS=CONFIGURED):
        yield


class MicrosoftEndpoints:
    """What login.microsoftonline.com and graph.microsoft.com answer; records what was asked of them."""

    def __init__(self, profile: dict[str, Any]) -> None:
        self.profile = profile
        self.calls: list[str] = []

    def send(self, _adapter: Any, prepared: requests.PreparedRequest, **_kwargs: Any) -> requests.Response:
        self.calls.append(f"{prepared.method} {prepared.url}")
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        response.url = str(prepared.url)
        url = urlsplit(str(prepared.url))
        if url.netloc == "login.microsoftonline.com" and url.path.endswith("/oauth2/v2.0/token"):
            body = {"access_token": "access-123", "token_type": "Bearer", "expires_in": 3600}
        elif str(prepared.url).startswith("https://graph.microsoft.com/v1.0/me"):
            assert prepared.headers["Authorization"] == "Bearer access-123"
            body = self.profile
        else:
            response.status_code = 404
            body = {"error": "unexpected"}
        response._content = json.dumps(body).encode()
        return response


def _sign_in_with_microsoft(
    client: Client, profile: dict[str, Any], tenant: str = "nhs-tenant"
) -> tuple[Any, MicrosoftEndpoints]:
    start = client.post(reverse("microsoft_login"))
    assert start.status_code == 302
    location = urlsplit(start["Location"])
    assert location.netloc == "login.microsoftonline.com" and location.path.startswith(f"/{tenant}/")
    state = parse_qs(location.query)["state"][0]
    endpoints = MicrosoftEndpoints(profile)

    def send(adapter: Any, prepared: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        return endpoints.send(adapter, prepared, **kwargs)

    with mock.patch.object(requests.adapters.HTTPAdapter, "send", send):
        response = client.get(reverse("microsoft_callback"), {"code": "code-from-microsoft", "state": state})
    return response, endpoints


def _profile(email: str) -> dict[str, Any]:
    return {
        "id": "00000000-1111-2222-3333-444444444444",
        "displayName": "Sam Patel",
        "givenName": "Sam",
        "surname": "Patel",
        "mail": email,
        "userPrincipalName": email,
        "jobTitle": "Ward manager",
    }


def test_the_button_is_there_only_when_configured(client, configured):
    assert "Sign in with your Microsoft work account" in client.get(reverse("account_login")).content.decode()
    with override_settings(SOCIALACCOUNT_PROVIDERS={"microsoft": {"APPS": []}}):
        assert "work account" not in client.get(reverse("account_login")).content.decode()


def test_a_new_person_from_a_partner_signs_in_and_joins_their_organisation(client, configured):
    trust = OrganisationFactory(name="Riverside NHS Trust", email_domains=["riverside.nhs.uk"])

    response, endpoints = _sign_in_with_microsoft(client, _profile("Sam.Patel@Riverside.nhs.uk"))

    assert response.status_code == 302, response.content.decode()
    user = User.objects.get(email="sam.patel@riverside.nhs.uk")
    assert (user.first_name, user.last_name, user.organisation, user.job_title) == (
        "Sam",
        "Patel",
        trust,
        "Ward manager",
    )
    assert client.get(reverse("community:home")).context["request"].user == user
    assert [c.split(" ")[0] for c in endpoints.calls] == ["POST", "GET"]


def test_a_person_with_an_account_signs_in_to_it(client, configured):
    trust = OrganisationFactory(name="Riverside NHS Trust", email_domains=["riverside.nhs.uk"])
    existing = UserFactory(email="sam.patel@riverside.nhs.uk", organisation=trust)

    response, _ = _sign_in_with_microsoft(client, _profile("sam.patel@riverside.nhs.uk"))

    assert response.status_code == 302
    assert User.objects.filter(email="sam.patel@riverside.nhs.uk").count() == 1
    assert client.get(reverse("community:home")).context["request"].user == existing


def test_with_any_directory_allowed_an_existing_account_is_not_opened_by_its_address(client):
    """Under "organizations" any Entra directory may answer and could claim any address."""
    multi = {"microsoft": {**CONFIGURED["microsoft"], "APPS": [{**CONFIGURED["microsoft"]["APPS"][0]}]}}
    multi["microsoft"]["APPS"][0]["settings"] = {"tenant": "organizations"}
    trust = OrganisationFactory(name="Riverside NHS Trust", email_domains=["riverside.nhs.uk"])
    existing = UserFactory(email="sam.patel@riverside.nhs.uk", organisation=trust)
    with override_settings(SOCIALACCOUNT_PROVIDERS=multi):
        response, _ = _sign_in_with_microsoft(client, _profile(existing.email), tenant="organizations")
        assert response.status_code == 302
        client.get(response["Location"])
    assert "_auth_user_id" not in client.session
    assert list(User.objects.filter(email__iexact=existing.email)) == [existing]
    existing.refresh_from_db()
    assert existing.has_usable_password()


def test_an_account_outside_the_partners_is_refused(client, configured):
    response, _ = _sign_in_with_microsoft(client, _profile("someone@elsewhere.example.com"))

    assert response.status_code == 403
    assert "not an address of a partner organisation" in response.content.decode()
    assert not User.objects.filter(email="someone@elsewhere.example.com").exists()


def test_an_error_from_microsoft_shows_a_page_and_signs_no_one_in(client, configured):
    start = client.post(reverse("microsoft_login"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]

    response = client.get(reverse("microsoft_callback"), {"error": "access_denied", "state": state})

    assert response.status_code in (200, 302)
    follow = client.get(response["Location"]) if response.status_code == 302 else response
    assert "cancelled" in follow.content.decode().lower() or "did not work" in follow.content.decode()
    assert "_auth_user_id" not in client.session


def test_without_configuration_the_sign_in_address_is_not_found(client):
    with override_settings(SOCIALACCOUNT_PROVIDERS={"microsoft": {"APPS": []}}):
        assert client.post(reverse("microsoft_login")).status_code == 404
        assert client.get(reverse("microsoft_callback"), {"code": "x", "state": "y"}).status_code == 404
