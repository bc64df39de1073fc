"""Emails speak as the portal and link to its configured address, never to the host a request used."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_password_reset_email_is_the_portals_own_with_an_absolute_link():
    UserFactory(email="ana@partner.example", first_name="Ana")
    Client().post("/accounts/password/reset/", {"email": "ana@partner.example"}, HTTP_HOST="127.0.0.1")
    message = mail.outbox[-1]
    assert message.body.startswith("Hello Ana,")
    assert "Hello from" not in message.body and "127.0.0.1" not in message.body
    assert "https://portal.example.org/accounts/password/reset/key/" in message.body
    assert "Improvement Community" in message.subject


def test_a_sign_up_confirmation_links_to_the_configured_address():
    Client().post(
        "/accounts/signup/",
        {
            "first_name": "Jo",
            "last_name": "Bloggs",
            "email": "new.person@partner.example",
            "job_title": "Physiotherapist",
            "password1": "a-long-passphrase-9",
            "password2": "a-long-passphrase-9",
        },
        HTTP_HOST="127.0.0.1",
    )
    body = mail.outbox[-1].body
    assert "https://portal.example.org/accounts/confirm-email/" in body
    assert "127.0.0.1" not in body and "Hello from" not in body
    assert body.startswith("Hello Jo,")
