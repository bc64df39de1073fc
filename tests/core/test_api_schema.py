"""The schema declares every status the API's shared plumbing can answer, and API errors are JSON even when
Django answers before the API does."""

from __future__ import annotations

from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator

from core.api_schema import document_errors


def test_every_operation_declares_the_shared_errors():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404"} <= codes, (method, path)
            if method in ("put", "patch"):
                assert {"409", "412", "413"} <= codes, (method, path)
            if method == "post":
                assert "422" in codes, (method, path)


def test_decimal_choices_are_listed_as_numbers():
    result = {"components": {"schemas": {"Score": {"type": "number", "enum": [Decimal("0.5"), "1.0"]}}}}
    document_errors(result, None, None, True)
    assert result["components"]["schemas"]["Score"]["enum"] == [0.5, 1.0]


@pytest.mark.django_db
def test_an_api_address_that_matches_no_route_answers_json(member, client_for):
    response = client_for(member).get("/api/v1/champions/abc/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    page = client_for(member).get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
