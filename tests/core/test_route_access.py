"""Walk every route as every persona and check the access table (core.access) is what they get."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from core.access import PUBLIC, routes, table
from tests.conftest import PERSONAS
from tests.route_samples import SAMPLES


def _outcome(response) -> str:  # type: ignore[no-untyped-def]
    if response.status_code == 403:
        return "forbidden"
    if response.status_code == 401:
        return "sign-in"
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return "sign-in"
    return "allowed"


def test_every_route_has_an_access_rule():
    missing = sorted(r.name for r in routes() if r.name not in table())
    assert missing == [], f"Routes with no access rule (add them to their urls module's `access`): {missing}"


def test_every_route_with_arguments_has_a_sample():
    missing = sorted(
        r.name
        for r in routes()
        if r.has_arguments and not r.name.startswith("admin:") and r.name not in SAMPLES
    )
    assert missing == [], f"Add sample URL arguments to tests/route_samples.py for: {missing}"


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_each_persona_reaches_exactly_the_routes_their_roles_allow(persona, make_persona, client_for, db):
    user = None if persona == "anonymous" else make_persona(persona)
    client = client_for(user)
    wrong = []
    visited = 0
    for route in routes():
        # The admin site is one gate (admin:index stands for it); its model pages check model permissions.
        if route.name.startswith("admin:") and route.name != "admin:index":
            continue
        kwargs = SAMPLES[route.name]() if route.has_arguments else {}
        response = client.get(reverse(route.name, kwargs=kwargs or None))
        visited += 1
        access = table()[route.name]
        outcome = _outcome(response)
        if access.allows(user):
            expected = {"allowed", "sign-in"} if access is PUBLIC else {"allowed"}
        else:
            expected = {"sign-in"} if user is None else {"forbidden"}
        if outcome not in expected:
            wrong.append(f"{route.name} ({access.describe()}): {outcome}, HTTP {response.status_code}")
        assert response.status_code < 500, f"{route.name} failed with HTTP {response.status_code}"
    assert visited > 20
    assert wrong == [], f"{persona} got the wrong answer from: " + "; ".join(wrong)


@override_settings(ROOT_URLCONF="tests.core.undeclared_urls")
def test_a_route_nobody_declared_is_refused_even_to_admins(admin_user, client_for):
    response = client_for(admin_user).get("/undeclared/")

    assert response.status_code == 403


@override_settings(ROOT_URLCONF="tests.core.undeclared_urls")
def test_an_undeclared_api_route_is_refused(admin_user, client_for):
    response = client_for(admin_user).get("/undeclared-api/")

    assert response.status_code == 403
