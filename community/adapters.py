"""django-allauth adapter: new users join the partner organisation their email domain belongs to."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from community import domains


def absolute(path: str) -> str:
    """A link on the portal's own address (SITE_URL), whatever host a request came in on."""
    return f"{settings.SITE_URL}{path}"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "There have been too many failed attempts to sign in to this account, so passwords are not "
            "accepted for it for a few minutes. You can sign in now with a code sent to your email."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {
            "site_url": settings.SITE_URL,
            "service_name": settings.SERVICE_NAME,
            "signup_url": absolute(reverse("account_signup")),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return absolute(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth's opaque key is "<uidb36>-<token>", put where the route's two parts go.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute(path.replace("UID-KEY", quote(key)))

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        if user.organisation_id is None:
            user.organisation = domains.organisation_for(user.email)
        if commit:
            user.save()
        return user
