"""Forms of the champion register. Plain forms: services, not forms, write to the register."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from champions.models import Champion, Level, Method
from community.models import Place, SystemPriority, User
from core.widgets import DateField


def _places() -> Any:
    return Place.objects.exclude(kind=Place.Kind.SYSTEM).order_by("name")


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class ChampionDetailsForm(forms.Form):
    """What a champion offers and the capacity agreed for them: shared by nomination and admin edits."""

    level = forms.ChoiceField(
        label="Level",
        choices=Level.choices,
        widget=forms.RadioSelect,
        help_text="Practitioners lead their own work; coaches support teams; experts and faculty train "
        "and coach coaches.",
    )
    methods = forms.MultipleChoiceField(
        label="Methods they can support", choices=Method.choices, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics (system priorities)",
        queryset=SystemPriority.objects.filter(is_active=True).order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    places = PlaceChoiceField(
        label="Places they can help in",
        queryset=_places(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave blank to help anywhere in the system.",
    )
    offer = forms.CharField(
        label="What they offer",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text="For example “Process mapping workshops for ward teams, and coaching on run charts”.",
    )
    hours_per_month = forms.DecimalField(
        label="Agreed hours per month",
        min_value=Decimal("0"),
        max_value=Decimal("160"),
        decimal_places=1,
        initial=Decimal("0"),
        widget=forms.NumberInput(attrs={"min": "0", "max": "160", "step": "0.5"}),
        help_text="Time their line manager has agreed they can give to the community.",
    )
    # Checked in clean(): agreed hours need a start date and the manager who agreed them.
    needed_when = {"capacity_start": "hours are agreed", "capacity_agreed_by": "hours are agreed"}
    capacity_start = DateField(label="Agreed from", required=False, help_text="For example 1 4 2026")
    capacity_end = DateField(
        label="Agreed until", required=False, help_text="Leave blank if the agreement has no end date."
    )
    capacity_agreed_by = forms.CharField(
        label="Line manager who agreed it", max_length=200, required=False, help_text="Name and job title."
    )
    training_evidence = forms.CharField(
        label="Training that backs the level",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="Programmes completed and when, for example “QSIR Practitioner, March 2024”.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hours = data.get("hours_per_month") or Decimal("0")
        if hours > 0 and not data.get("capacity_start") and "capacity_start" not in self.errors:
            self.add_error("capacity_start", "Enter the date the agreed hours start")
        if hours > 0 and not (data.get("capacity_agreed_by") or "").strip():
            self.add_error("capacity_agreed_by", "Enter the line manager who agreed the hours")
        start, end = data.get("capacity_start"), data.get("capacity_end")
        if start and end and end < start:
            self.add_error("capacity_end", "The agreed period must end on or after the date it starts")
        return self.cleaned_data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "level": data["level"],
            "methods": list(data["methods"]),
            "topics": list(data["topics"]),
            "places": list(data["places"]),
            "offer": data.get("offer", ""),
            "hours_per_month": data.get("hours_per_month") or Decimal("0"),
            "capacity_start": data.get("capacity_start"),
            "capacity_end": data.get("capacity_end"),
            "capacity_agreed_by": data.get("capacity_agreed_by", ""),
            "training_evidence": data.get("training_evidence", ""),
        }

    @classmethod
    def initial_for(cls, champion: Champion) -> dict[str, Any]:
        return {
            "level": champion.level,
            "methods": champion.methods,
            "topics": [t.pk for t in champion.topics.all()],
            "places": [p.pk for p in champion.places.all()],
            "offer": champion.offer,
            "hours_per_month": champion.hours_per_month,
            "capacity_start": champion.capacity_start,
            "capacity_end": champion.capacity_end,
            "capacity_agreed_by": champion.capacity_agreed_by,
            "training_evidence": champion.training_evidence,
        }


class NominationForm(ChampionDetailsForm):
    who = forms.ChoiceField(
        label="Who are you nominating?",
        choices=[("self", "Myself"), ("other", "Someone else")],
        widget=forms.RadioSelect,
        initial="self",
    )
    person_email = forms.EmailField(
        label="Their work email address",
        required=False,
        help_text="Only if you are nominating someone else. They must have signed in to the portal once.",
    )
    consent_to_list = forms.BooleanField(
        label="I agree to be listed in the champions directory",
        required=False,
        help_text="Only if you are nominating yourself. Someone you nominate is asked for their own consent.",
    )

    field_order = ["who", "person_email", "consent_to_list"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("who") == "other":
            email = (data.get("person_email") or "").strip().lower()
            if not email and "person_email" not in self.errors:
                self.add_error("person_email", "Enter the work email address of the person you nominate")
            elif email:
                person = User.objects.filter(email=email, is_active=True).first()
                if person is None:
                    self.add_error(
                        "person_email",
                        "Nobody with that email address has signed in to the portal yet: ask them to "
                        "sign in once, or to nominate themselves",
                    )
                data["person"] = person
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Champion.Status.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
        help_text="Needed to pause, retire or reinstate; kept in the entry's history.",
    )


class EditForm(ChampionDetailsForm):
    override_reason = forms.CharField(
        label="Reason for over-committing (admins only)",
        max_length=1000,
        required=False,
        help_text="Only needed if the new capacity is less than the hours already committed.",
    )


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label="Do you agree to be listed in the champions directory?",
        choices=[("yes", "Yes, list me"), ("no", "No, do not list me")],
        widget=forms.RadioSelect,
    )
