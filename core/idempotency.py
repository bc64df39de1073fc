"""`Idempotency-Key` on the API's POSTs: the same key from the same client gets the first response again.

A client that is unsure whether its POST arrived (a timeout, a dropped connection) sends it again with
the same `Idempotency-Key` header: the first POST's response is replayed (with `Idempotent-Replayed:
true`) and nothing is created twice. The same key with a different body is refused with 422; a repeat
that arrives while the first is still running waits for it. Only successful responses are kept, so a
refused request can be corrected and sent again with its key. The key is claimed in its own row with a
unique constraint before the view runs, as the pages' one-time form tokens are (core.once).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

from core.models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"
WAIT_SECONDS = 10.0


def _identity(request: HttpRequest) -> str | None:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    credentials = request.META.get("HTTP_AUTHORIZATION", "")
    return "auth:" + hashlib.sha256(credentials.encode()).hexdigest()[:64] if credentials else None


def _replay(stored: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        bytes(stored.body), status=stored.status_code or 200, content_type=stored.content_type or None
    )
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get(HEADER, "").strip()
        if request.method != "POST" or not key or not request.path.startswith("/api/"):
            return self.get_response(request)
        identity = _identity(request)
        if identity is None:
            return self.get_response(request)  # anonymous: the API refuses it anyway
        if len(key) > 255:
            return JsonResponse({"detail": "An Idempotency-Key has at most 255 characters."}, status=400)
        fingerprint = hashlib.sha256(request.path.encode() + b"\n" + request.body).hexdigest()
        try:
            with transaction.atomic():
                claim = IdempotencyKey.objects.create(identity=identity, key=key, fingerprint=fingerprint)
        except IntegrityError:
            return self._repeat(identity, key, fingerprint, request)
        response = self.get_response(request)
        if 200 <= response.status_code < 300 and not response.streaming:
            IdempotencyKey.objects.filter(pk=claim.pk).update(
                status_code=response.status_code,
                content_type=response.get("Content-Type", ""),
                body=response.content,
            )
        else:
            IdempotencyKey.objects.filter(pk=claim.pk).delete()
        return response

    def _repeat(self, identity: str, key: str, fingerprint: str, request: HttpRequest) -> HttpResponse:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            stored = IdempotencyKey.objects.filter(identity=identity, key=key).first()
            if stored is None:  # the first attempt failed and gave its key back: this one runs
                return self.__call__(request)
            if stored.fingerprint != fingerprint:
                return JsonResponse(
                    {"detail": "This Idempotency-Key was used for a different request."}, status=422
                )
            if stored.status_code is not None:
                return _replay(stored)
            if time.monotonic() > deadline:
                return JsonResponse(
                    {"detail": "A request with this Idempotency-Key is still being processed."}, status=409
                )
            time.sleep(0.1)
