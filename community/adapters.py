"""django-allauth adapters: new users join the partner organisation their email domain belongs to."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.userkit import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.http import Http404, HttpRequest
from django.shortcuts import render
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


MULTI_TENANT = frozenset({"common", "organizations", "consumers"})


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in with the organisation's Microsoft account (Entra ID): only addresses on a partner's domain,
    and a new person joins the partner organisation their domain belongs to."""

    def _email(self, sociallogin: Any) -> str:
        return str(sociallogin.user.email or "").strip().lower()

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return domains.allowed_for_signup(self._email(sociallogin))

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        email = self._email(sociallogin)
        if not email or not domains.allowed_for_signup(email):
            raise ImmediateHttpResponse(
                render(request, "socialaccount/not_a_partner.jinja", {"email": email}, status=403)
            )

    def get_app(self, request: HttpRequest | None, provider: str, client_id: str | None = None) -> Any:
        """A provider that is not configured is not there: its sign-in address answers 404, not an error."""
        try:
            return super().get_app(request, provider, client_id)
        except SocialApp.DoesNotExist:
            raise Http404("Sign-in with this provider is not set up here") from None

    def _directory_vouches(self) -> bool:
        """Whether the configured Microsoft tenant is one directory (NHSmail's, a trust's), whose addresses
        its admins control. "common" and "organizations" let any directory answer, so addresses from them
        never open an existing account."""
        app = self.get_app(self.request, provider="microsoft")
        tenant = str(app.settings.get("tenant", "common")).lower()
        return tenant not in MULTI_TENANT

    def authenticate_by_email(self, sociallogin: Any) -> Any:
        email = self._email(sociallogin)
        if (
            sociallogin.account.provider == "microsoft"
            and email
            and domains.allowed_for_signup(email)
            and self._directory_vouches()
        ):
            users = filter_users_by_email(email, prefer_verified=True, for_login=True)
            if users:
                return users[0], email
        return super().authenticate_by_email(sociallogin)

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        user.email = self._email(sociallogin) or user.email
        if getattr(user, "organisation_id", None) is None:
            user.organisation = domains.organisation_for(user.email)
        job_title = (sociallogin.account.extra_data or {}).get("jobTitle")
        if job_title and not getattr(user, "job_title", ""):
            user.job_title = str(job_title)[:150]
        return user
