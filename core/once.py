"""Every create form acts once, however often it is posted.

Each create form carries a one-time token (`once_input()` in its template). `@once` claims the token when
the form is posted, in its own row with a unique constraint, before the view saves anything: a second
post of the same token (a double click, a re-sent request) waits for the first to finish and is sent to
what it created. A post that does not create anything (the form is shown again with its errors) gives its
claim back, so the corrected form can be posted with the same token; a view that saved something yet
shows its form again (a draft saved, then refused for submission) names it with `created(request, url)`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from markupsafe import Markup

from core.models import FormSubmission

FIELD = "form_token"
WAIT_SECONDS = 10.0  # how long a repeat post waits for the first one to finish
ABANDONED_AFTER = timedelta(minutes=5)  # a claim with no result by then belongs to a request that died


def token_from(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(request.POST.get(FIELD, "")))
    except ValueError:
        return None


def once_input(request: HttpRequest | None) -> Markup:
    """The hidden field: the posted token when the form is shown again, or a new one."""
    token = token_from(request) if request is not None and request.method == "POST" else None
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, token or uuid.uuid4())


def created(request: HttpRequest, url: str) -> None:
    """Tell `@once` that this post created the object at `url`, though the view answers with a page."""
    request.once_result = url  # type: ignore[attr-defined]


def _user_id(request: HttpRequest) -> int:
    return int(request.user.pk or 0)  # `@once` acts only for signed-in people


def _claim(token: uuid.UUID, request: HttpRequest) -> bool:
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user_id=_user_id(request), path=request.path[:300])
        return True
    except IntegrityError:
        return False


def _earlier_result(token: uuid.UUID, request: HttpRequest) -> str | None:
    """Where the first post of this token went; waits while it is still being saved."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim = FormSubmission.objects.filter(token=token, user_id=_user_id(request)).first()
        if claim is None:
            return None
        if claim.result_url:
            return claim.result_url
        if timezone.now() - claim.created_at > ABANDONED_AFTER:
            claim.delete()
            return None
        if time.monotonic() > deadline:
            return request.path
        time.sleep(0.1)


def once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a create view's POST at most once per form token."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = token_from(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not _claim(token, request):
            earlier = _earlier_result(token, request)
            if earlier is not None:
                messages.info(request, "This form had already been sent: nothing was saved twice.")
                return redirect(earlier)
            if not _claim(token, request):
                return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            FormSubmission.objects.filter(token=token, result_url="").delete()
            raise
        result = getattr(request, "once_result", None)
        if result is None and response.status_code in (301, 302, 303):
            result = response.get("Location")
        if result:
            FormSubmission.objects.filter(token=token).update(result_url=str(result)[:300])
        else:
            FormSubmission.objects.filter(token=token, result_url="").delete()
        return response

    return wrapper
