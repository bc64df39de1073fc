"""Bodies are bounded before they are read.

`BodyGuardMiddleware` answers before Django parses a body: 413 when the declared length is over
`MAX_REQUEST_BODY_BYTES`, and "sign in first" when an anonymous client sends a body to a page that needs
sign-in, so such a body never reaches memory or the temporary folder (the API's permission check already
runs before it parses a body). `LimitedUploadHandler` stops a body without a declared length (chunked)
at the same limit as it streams.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

from core.access import access_for, is_api

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def body_limit() -> int:
    return int(settings.MAX_REQUEST_BODY_BYTES)


def _too_large(request: HttpRequest) -> HttpResponse:
    limit_mb = body_limit() // (1024 * 1024)
    message = f"The request is larger than {limit_mb} MB: send a smaller file."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def _needs_sign_in(request: HttpRequest) -> bool:
    """Whether the page's route refuses anonymous people."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if is_api(match.view_name):
        # API clients sign in inside the view (a token), and DRF checks permissions before it parses a
        # body: the API refuses anonymous bodies unread by itself (401).
        return False
    access = access_for(match.view_name)
    return access is None or not access.allows(request.user)


class BodyGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in BODY_METHODS:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > body_limit():
                return _too_large(request)
            has_body = length > 0 or "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            if has_body and not request.user.is_authenticated and _needs_sign_in(request):
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """First of the upload handlers: counts every file byte as it arrives and stops past the limit."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > body_limit():
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
