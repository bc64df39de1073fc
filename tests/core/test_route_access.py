"""Walk every route with every method as every persona, and check each answer against the access table
(core.access, the first gate) and the declared outcome behind it (tests/route_outcomes.py).

Pages are asked GET and POST; API routes every verb. An answer is one of: allowed (the view ran: 2xx or
a redirect), invalid (the view ran and refused the empty input: 400), sign-in, forbidden, not found
(the object is hidden from this person) or method not allowed. A persona the gate refuses must get sign-in
(anonymous) or forbidden, whatever the method; every other answer must be the declared one, so a 404 or
405 is never mistaken for "allowed", and a route or method with no declared outcome fails.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from core.access import PUBLIC, routes, table
from tests.conftest import PERSONAS
from tests.route_outcomes import ALLOWED, FORBIDDEN, INVALID, NOT_ALLOWED, NOT_FOUND, OUTCOMES, SIGN_IN
from tests.route_samples import SAMPLES

PAGE_METHODS = ("get", "post")
API_METHODS = ("get", "put", "patch", "post", "delete")  # delete last: it may remove the sample
# Signing out would end the walk's session; its POST is covered by the sign-in tests.
SKIPPED = {("account_logout", "post")}
RECORD = os.environ.get("ROUTE_OUTCOMES_RECORD")  # a directory: write what was seen, to review


def _outcome(response: Any) -> str:
    status = response.status_code
    if status == 401 or (status == 302 and response["Location"].startswith(reverse("account_login"))):
        return SIGN_IN
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED, 400: INVALID}.get(status, ALLOWED)


def _walked() -> list[Any]:
    # The admin site is one gate (admin:index stands for it); its model pages check model permissions.
    return [r for r in routes() if not r.name.startswith("admin:") or r.name == "admin:index"]


def _methods(name: str) -> tuple[str, ...]:
    return API_METHODS if name.startswith("api:") else PAGE_METHODS


def _declared(name: str, method: str, persona: str) -> str | None:
    declared = OUTCOMES.get(name, {}).get(method.upper())
    if isinstance(declared, dict):
        return declared.get(persona, declared.get("*"))
    return declared


def test_every_route_has_an_access_rule():
    missing = sorted(r.name for r in routes() if r.name not in table())
    assert missing == [], f"Routes with no access rule (add them to their urls module's `access`): {missing}"


def test_every_route_with_arguments_has_a_sample():
    missing = sorted(r.name for r in _walked() if r.has_arguments and r.name not in SAMPLES)
    assert missing == [], f"Add sample URL arguments to tests/route_samples.py for: {missing}"


def test_every_route_and_method_has_a_declared_outcome_and_nothing_else_is_declared():
    expected = {
        (r.name, m.upper()) for r in _walked() for m in _methods(r.name) if (r.name, m) not in SKIPPED
    }
    declared = {(name, method) for name, methods in OUTCOMES.items() for method in methods}
    assert sorted(expected - declared) == [], "Declare these outcomes in tests/route_outcomes.py"
    assert sorted(declared - expected) == [], "tests/route_outcomes.py names routes or methods that are gone"


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_each_persona_gets_the_declared_answer_from_every_route_and_method(
    persona, make_persona, client_for, db
):
    user = None if persona == "anonymous" else make_persona(persona)
    client = client_for(user)
    wrong, seen, asked = [], {}, 0
    for route in _walked():
        access = table()[route.name]
        gate_allows = access.allows(user)
        url = reverse(route.name, kwargs=(SAMPLES[route.name]() if route.has_arguments else None) or None)
        for method in _methods(route.name):
            if (route.name, method) in SKIPPED:
                continue
            extra = (
                {"content_type": "application/json"}
                if method != "get" and route.name.startswith("api:")
                else {}
            )
            response = getattr(client, method)(url, **extra)
            asked += 1
            assert response.status_code < 500, f"{method.upper()} {route.name} failed: {response.status_code}"
            outcome = _outcome(response)
            key = f"{route.name} {method.upper()}"
            if not gate_allows:
                expected = SIGN_IN if user is None else FORBIDDEN
            elif access is PUBLIC and outcome == SIGN_IN:
                expected = SIGN_IN  # public pages that need a session of their own send people to sign in
            else:
                seen[key] = outcome
                expected = _declared(route.name, method, persona)
            if outcome != expected:
                wrong.append(f"{key} ({access.describe()}): {outcome}, declared {expected}")
    if RECORD:
        with open(os.path.join(RECORD, f"{persona}.json"), "w") as out:
            json.dump(seen, out, indent=0)
    assert asked > 400 and seen  # every route and method was asked; some answered past the gate
    assert wrong == [], f"{persona} got a different answer from {len(wrong)}: " + "; ".join(wrong)


@override_settings(ROOT_URLCONF="tests.core.undeclared_urls")
def test_a_route_nobody_declared_is_refused_even_to_admins(admin_user, client_for):
    response = client_for(admin_user).get("/undeclared/")

    assert response.status_code == 403


@override_settings(ROOT_URLCONF="tests.core.undeclared_urls")
def test_an_undeclared_api_route_is_refused(admin_user, client_for):
    response = client_for(admin_user).get("/undeclared-api/")

    assert response.status_code == 403
