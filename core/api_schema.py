"""The OpenAPI schema says every answer an endpoint can give, errors included.

drf-spectacular documents each operation's success; this post-processing hook adds the errors the API's
shared plumbing produces everywhere (core.api, core.limits, core.idempotency, core.versioning), so that a
client, and the schema fuzzing in CI, can rely on every status code being declared.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")
DETAIL = {"$ref": "#/components/schemas/ErrorDetail"}
FIELDS = {"$ref": "#/components/schemas/FieldErrors"}


def _response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors_for(path: str, method: str) -> dict[str, dict[str, Any]]:
    errors = {
        "400": _response(
            "The request's fields or query parameters are not valid: a message per field", FIELDS
        ),
        "401": _response("No valid credentials (token authentication)", DETAIL),
        "403": _response("Not signed in, or not allowed to do this", DETAIL),
    }
    errors["404"] = _response(
        "No such record (or not one this person may see), or a page beyond the last", DETAIL
    )
    if method in ("post", "put", "patch"):
        errors["413"] = _response("The body is larger than the portal accepts", DETAIL)
        errors["415"] = _response("The body is not in a media type the endpoint reads", DETAIL)
    if method == "post":
        errors["422"] = _response("The Idempotency-Key was used before with another body", DETAIL)
    if method in ("put", "patch"):
        errors["409"] = _response(
            "The `version` sent is not the record's version: someone changed it", DETAIL
        )
        errors["412"] = _response("The `If-Match` version is not the record's version", DETAIL)
    return errors


def _numeric_enums(schemas: dict[str, Any]) -> None:
    """Decimal choices (the IHI progress score) come out as an enum of Decimals (strings once rendered as
    JSON) on a number: the API sends numbers, so the enum lists numbers."""
    for component in schemas.values():
        values = component.get("enum", [])
        if component.get("type") == "number" and all(isinstance(v, str | Decimal) for v in values):
            component["enum"] = [float(v) for v in values]


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    _numeric_enums(schemas)
    schemas["ErrorDetail"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    schemas["FieldErrors"] = {
        "type": "object",
        "description": "Field name (or non_field_errors) to its messages",
        "additionalProperties": True,
    }
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in _errors_for(path, method).items():
                responses.setdefault(code, response)
    return result
