"""The API against its own OpenAPI schema, as each role: schemathesis generates requests (valid and not)
for every operation, with a fixed seed and a bounded number of cases, and every answer must be no server
error, a status code the schema declares, and a body the schema describes.

Run by CI (`make fuzz`); FUZZ_EXAMPLES sets the cases per operation and role (default 10)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, seed
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.projects.factories import ProjectFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
ROLES = ("outsider", "member", "steering", "board", "admin_user")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

pytestmark = pytest.mark.fuzz


def _schema() -> Any:
    raw = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(raw, cls=DjangoJSONEncoder)))
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture
def tokens(request, db) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    people = {role: request.getfixturevalue(role) for role in ROLES}
    ProjectFactory(team=[people["member"]])  # something to find, so that not every id is a 404
    # The WSGI application is called directly: keep the test's connection (and transaction) open across
    # requests, as Django's test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {role: Token.objects.get_or_create(user=person)[0].key for role, person in people.items()}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@seed(20261204)
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(case, tokens):  # type: ignore[no-untyped-def]
    for role, key in tokens.items():
        response = case.call(headers={"Authorization": f"Token {key}"})
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as error:
            raise AssertionError(f"as {role}: {error}") from error
