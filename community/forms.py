from __future__ import annotations

from typing import Any

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms

from community import domains
from community.models import Organisation, Place, User

PARTNER_EMAIL_ONLY = (
    "Use your work email address from a partner organisation. "
    "If your organisation is a partner but its address is refused, contact the community admins."
)


class PartnerEmailMixin:
    """Only addresses on a partner's domain may be added to the portal (at sign-up or later)."""

    def clean_email(self) -> str:
        email: str = super().clean_email().strip().lower()  # type: ignore[misc]
        if not domains.allowed_for_signup(email):
            raise forms.ValidationError(PARTNER_EMAIL_ONLY)
        return email


class SignupForm(PartnerEmailMixin, AllauthSignupForm):
    first_name = forms.CharField(
        label="First name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    job_title = forms.CharField(label="Job title", max_length=150, required=False)

    field_order = ["first_name", "last_name", "email", "job_title", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Work email address"
        self.fields[
            "email"
        ].help_text = "The address your organisation gave you. We will send you a link to confirm it."
        self.fields["password1"].help_text = "At least 10 characters. Not a common password or all numbers."
        self.fields["password2"].label = "Confirm password"
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
            self.fields[name].widget.attrs["autocomplete"] = "new-password"
        self.fields["email"].widget.attrs.pop("placeholder", None)

    def save(self, request: Any) -> User:
        user: User = super().save(request)
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.job_title = self.cleaned_data.get("job_title", "")
        user.save(update_fields=["first_name", "last_name", "job_title"])
        return user


class ProfileForm(forms.Form):
    """What a user says about themselves. A plain form: the service, not the form, changes the user."""

    first_name = forms.CharField(
        label="First name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True),
        label="Organisation",
        empty_label="Choose your organisation",
    )
    job_title = forms.CharField(
        label="Job title",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    place = forms.ModelChoiceField(
        queryset=Place.objects.exclude(kind=Place.Kind.SYSTEM).order_by("name"),
        label="Place",
        required=False,
        empty_label="Not set",
        help_text="Where you mostly work. Used to show you projects, training and champions near you.",
    )

    @classmethod
    def for_user(cls, user: User, data: Any = None) -> ProfileForm:
        initial = {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": user.organisation_id,
            "job_title": user.job_title,
            "place": user.place_id,
        }
        return cls(data, initial=initial)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Work email address"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["password"].help_text = ""  # the page links to password reset itself
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"


class AddEmailForm(PartnerEmailMixin, AllauthAddEmailForm):
    pass
