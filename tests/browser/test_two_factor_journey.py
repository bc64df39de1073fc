"""An admin who has no second factor is sent to set up an authenticator app, does so, and next time
signs in with its code; every page on the way passes the accessibility check."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache

from tests.community.factories import verified

PASSWORD = "a-good-password-123"


def _code(secret: str, step: int = 0) -> str:
    """The app's current code; near the end of its 30-second window, the next window's, once it starts, so
    that the code is still current when the form reaches the server on a busy machine."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def test_an_admin_sets_up_an_authenticator_app_and_signs_in_with_it(ui, admin_user, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    cache.clear()
    verified(admin_user)

    ui.sign_in(admin_user.email, PASSWORD)
    ui.goto("/projects/")
    if "/reauthenticate/" in ui.page.url:  # turning on a second factor asks for the password again
        ui.fill({"#id_password": PASSWORD})
        ui.submit("Continue")
    assert "/2fa/totp/activate/" in ui.page.url
    assert "Community admins must use two-factor authentication" in ui.text()
    secret = ui.text("#authenticator-secret").strip()
    ui.fill({"#id_code": _code(secret)})
    ui.submit("Turn on")
    ui.goto("/accounts/2fa/")
    assert "On: signing in asks for a code" in ui.text()

    ui.page.context.clear_cookies()
    cache.clear()  # the setup code may not be used twice within its window
    ui.sign_in(admin_user.email, PASSWORD)
    assert "/2fa/authenticate/" in ui.page.url
    ui.fill({"#id_code": _code(secret)})
    ui.submit("Sign in")
    ui.goto("/projects/")
    assert ui.page.url.endswith("/projects/")
