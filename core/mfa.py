"""Two-factor authentication (allauth.mfa: an authenticator app with recovery codes).

Community admins, and anyone who may open the admin site, must have an authenticator app set up when
MFA_REQUIRED_FOR_ADMINS is on (the default in production): until they do, every page sends them to set one
up and the API refuses their session. Once it is set up, allauth asks for its code at every sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.permissions import is_admin

# Pages a person who must set up two-factor authentication can still reach.
OPEN_WHILE_SETTING_UP = frozenset({"account_logout", "account_reauthenticate", "healthz"})
MESSAGE = "Community admins must use two-factor authentication. Set up an authenticator app to carry on."


def must_use_mfa(user: Any) -> bool:
    """The rule: admins (by role, or by the staff and superuser flags the admin site knows) need a second
    factor."""
    if not getattr(settings, "MFA_REQUIRED_FOR_ADMINS", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(is_admin(user) or user.is_superuser or user.is_staff)


def has_authenticator_app(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def needs_setting_up(user: Any) -> bool:
    return must_use_mfa(user) and not has_authenticator_app(user)


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if name.startswith("mfa_") or name in OPEN_WHILE_SETTING_UP:
            return None
        if not needs_setting_up(request.user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": MESSAGE}, status=403)
        messages.warning(request, MESSAGE)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse("mfa_activate_totp") + (f"?{query}" if query else ""))
