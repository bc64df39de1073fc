"""django-allauth adapter: new users join the partner organisation their email domain belongs to."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from community import domains


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=False)
        if user.organisation_id is None:
            user.organisation = domains.organisation_for(user.email)
        if commit:
            user.save()
        return user
