"""Two-factor authentication: admins must set up an authenticator app, and then sign in with its code."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from core.mfa import must_use_mfa
from tests.community.factories import verified

PASSWORD = "a-good-password-123"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("required")]


@pytest.fixture
def required():  # type: ignore[no-untyped-def]
    cache.clear()  # allauth remembers used codes in the cache
    with override_settings(MFA_REQUIRED_FOR_ADMINS=True):
        yield


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def _set_up_app(client: Client) -> str:
    page = client.get(reverse("mfa_activate_totp"))
    if page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate")):
        # Turning on a second factor asks for the password again first.
        assert client.post(page["Location"], {"password": PASSWORD}).status_code == 302
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()
    return str(secret)


def test_the_rule_asks_it_of_admins_and_no_one_else(admin_user, member, steering):
    assert must_use_mfa(admin_user)
    assert not must_use_mfa(member) and not must_use_mfa(steering)
    with override_settings(MFA_REQUIRED_FOR_ADMINS=False):
        assert not must_use_mfa(admin_user)


def test_an_admin_without_an_app_is_sent_to_set_one_up_everywhere(admin_user, member, client_for):
    client = client_for(admin_user)
    for path in ("/projects/", "/admin/", reverse("community:home")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp")), path
    api = client.get("/api/v1/projects/")
    assert api.status_code == 403 and "two-factor" in api.json()["detail"]
    assert client_for(member).get("/projects/").status_code == 200


def test_an_admin_sets_up_the_app_and_then_signs_in_with_its_code(admin_user):
    verified(admin_user)
    admin_user.set_password(PASSWORD)
    admin_user.save()
    client = _sign_in(admin_user)
    secret = _set_up_app(client)
    assert Authenticator.objects.filter(user=admin_user, type="totp").exists()
    assert Authenticator.objects.filter(user=admin_user, type="recovery_codes").exists()
    assert client.get("/projects/").status_code == 200
    codes = client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"]
    assert len(codes) == 10
    assert client.get(reverse("mfa_index")).status_code == 200
    client.post(reverse("account_logout"))

    fresh = Client()
    response = fresh.post(reverse("account_login"), {"login": admin_user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")  # the password alone is not enough
    assert fresh.get("/projects/").status_code == 302
    wrong = fresh.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
    cache.clear()  # the code just used to set up the app may not be used again within its window
    response = fresh.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert fresh.get("/projects/").status_code == 200

    # Without the phone: a recovery code, once.
    other = Client()
    other.post(reverse("account_login"), {"login": admin_user.email, "password": PASSWORD})
    assert other.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    again = Client()
    again.post(reverse("account_login"), {"login": admin_user.email, "password": PASSWORD})
    assert again.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 200


def test_every_two_factor_page_renders(admin_user):
    verified(admin_user)
    admin_user.set_password(PASSWORD)
    admin_user.save()
    client = _sign_in(admin_user)
    assert "Set up an authenticator app" in client.get(reverse("mfa_index")).content.decode()
    _set_up_app(client)
    for name in (
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_deactivate_totp",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "<h1>" in response.content.decode()
