"""API plumbing shared by every app: JSON errors with field messages (permissions: core.api_permissions)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, parsers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.versioning import EditConflict, parse_version


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus Django's ValidationError from services turned into field messages, and an edit
    conflict (optimistic locking) into 412 when the client sent `If-Match`, 409 when it sent `version`."""
    if isinstance(exc, EditConflict):
        request = context.get("request")
        code = status.HTTP_412_PRECONDITION_FAILED if request and request.headers.get("If-Match") else 409
        response = Response({"detail": exc.messages[0], "version": exc.current}, status=code)
        response["ETag"] = f'"{exc.current}"'
        return response
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {
                f or "non_field_errors": [str(m) for m in msgs] for f, msgs in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)


def expected_version(request: Request) -> int | None:
    """The version an API client says it started from: `If-Match: "3"`, or `"version": 3` in the body.
    Neither means the client does not ask for the check (the last write wins, as before)."""
    header = request.headers.get("If-Match")
    if header:
        version = parse_version(header)
        if version is None:
            raise exceptions.ValidationError(
                {"If-Match": ['Send the ETag of the record you read, e.g. "3".']}
            )
        return version
    data = request.data
    if hasattr(data, "get") and data.get("version") not in (None, ""):
        version = parse_version(data.get("version"))
        if version is None:
            raise exceptions.ValidationError({"version": ["A valid integer is required."]})
        return version
    return None


class VersionETagMixin:
    """A versioned record's responses carry its version as the ETag, for a later `If-Match`."""

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        data = getattr(response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("version"), int) and "id" in data:
            response["ETag"] = f'"{data["version"]}"'
        return response


NUL_MESSAGE = "Remove the NUL character (\\x00): it cannot be stored."


def _nul_fields(data: Any, path: str = "") -> dict[str, list[str]]:
    """Every field (dotted path for nested data) whose text holds a NUL character."""
    found: dict[str, list[str]] = {}
    if isinstance(data, str):
        if "\x00" in data:
            found[path or "non_field_errors"] = [NUL_MESSAGE]
    elif isinstance(data, dict):
        for key, value in data.items():
            found.update(_nul_fields(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(data, list | tuple):
        for value in data:
            found.update(_nul_fields(value, path))
    if hasattr(data, "lists"):  # a QueryDict of a form or multipart body
        for key, values in data.lists():
            found.update(_nul_fields(list(values), str(key)))
    return found


def _refuse_nul(data: Any) -> Any:
    """PostgreSQL cannot store NUL in text: refuse it with a field message before any field reads it
    (a related field looking up a slug with a NUL would otherwise end in a server error)."""
    found = _nul_fields(data)
    if found:
        raise exceptions.ValidationError(found)
    return data


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        result = super().parse(stream, media_type, parser_context)
        _refuse_nul(result.data)
        return result
