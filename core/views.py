from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator

from core import api_reference, health


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    body, status = health.report()
    return JsonResponse(body, status=status)


API_PREFIX = "/api/"


def _api_error(status: int, detail: str) -> JsonResponse:
    """API clients get JSON for the errors Django answers before DRF sees the request (an id that is not
    a number matches no route, for example), as the schema declares."""
    return JsonResponse({"detail": detail}, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(403, "You do not have permission to perform this action.")
    return render(request, "errors/403.jinja", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(404, "Not found.")
    return render(request, "errors/404.jinja", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(500, "Server error.")
    return render(request, "errors/500.jinja", status=500)


@functools.cache
def _api_reference() -> dict[str, Any]:
    """The schema changes only with the code: read it once per process."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        "info": schema["info"],
        "groups": api_reference.operations(schema),
        "shapes": api_reference.shapes(schema),
    }


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API reference, drawn from the OpenAPI schema with the design system's own components."""
    context = {**_api_reference(), "base_url": request.build_absolute_uri("/api/v1/")}
    return render(request, "core/api_reference.jinja", context)
