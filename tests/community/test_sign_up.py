from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from community.domains import is_allowed
from community.models import User


def _sign_up(client, email: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "email": email,
            "job_title": "Physiotherapist",
            "password1": "a-long-password-42",
            "password2": "a-long-password-42",
        },
    )


def test_staff_of_a_partner_sign_up_join_their_organisation_and_must_confirm(
    client, organisation, mailoutbox
):
    response = _sign_up(client, "Jo.Bloggs@Riverside.example")

    assert response.status_code == 302
    user = User.objects.get(email="jo.bloggs@riverside.example")
    assert (user.first_name, user.last_name, user.job_title) == ("Jo", "Bloggs", "Physiotherapist")
    assert user.organisation == organisation
    assert len(mailoutbox) == 1
    assert "_auth_user_id" not in client.session  # not signed in until the address is confirmed


def test_an_address_outside_the_partners_is_refused_with_a_clear_message(client, organisation):
    response = _sign_up(client, "jo@gmail.com")

    assert response.status_code == 200
    assert "Use your work email address from a partner organisation" in response.content.decode()
    assert not User.objects.filter(email="jo@gmail.com").exists()
    assert response.context["form"]["first_name"].value() == "Jo"  # nothing typed is lost


@override_settings(SIGNUP_EMAIL_DOMAINS=["nhs.net"])
def test_configured_domains_may_sign_up_without_an_organisation(client, db):
    response = _sign_up(client, "someone@nhs.net")

    assert response.status_code == 302
    assert User.objects.get(email="someone@nhs.net").organisation is None


@pytest.mark.parametrize(
    ("domain", "allowed"),
    [
        ("nhs.net", True),
        ("trust.nhs.net", True),
        ("NHS.NET", True),
        ("evilnhs.net", False),
        ("nhs.net.evil.com", False),
        ("gmail.com", False),
    ],
)
def test_the_domain_rule(domain, allowed):
    assert is_allowed(domain, ["nhs.net"], []) is allowed
