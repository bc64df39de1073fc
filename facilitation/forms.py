"""Forms for requests, triage, scoring, decisions, the framework and meetings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from community import selectors as community_selectors
from core.widgets import DateField
from facilitation import choices
from facilitation.models import Criterion
from facilitation.selectors import related_project_choices
from facilitation.services import SUBMIT_MESSAGES


def selectors_related_projects() -> Any:

    return related_project_choices()


class RequestForm(forms.Form):
    """A request can be saved as a draft with only a title; submitting needs the rest (services check)."""

    # A draft may leave these empty; submitting needs them (services.missing_for_submission).
    needed_to = {name: "submit" for name in SUBMIT_MESSAGES}

    title = forms.CharField(
        label="Title", max_length=200, help_text="A short name for the work, e.g. “Falls on ward 7”."
    )
    team = forms.CharField(label="Your team", max_length=200, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations involved",
        queryset=community_selectors.organisations(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place = forms.ModelChoiceField(
        label="Place",
        queryset=community_selectors.places(),
        required=False,
        help_text="The locality, primary care network or neighbourhood the work is in.",
    )
    challenge = forms.CharField(
        label="The challenge",
        widget=forms.Textarea,
        required=False,
        help_text="What is the problem, and who does it affect?",
    )
    aim = forms.CharField(
        label="Your aim",
        widget=forms.Textarea,
        required=False,
        help_text="What do you want to achieve, by when, and how will you know?",
    )
    related_project = forms.ModelChoiceField(
        label="Related project",
        queryset=selectors_related_projects(),
        required=False,
        help_text="Pick it from the project register if this request is for a registered project.",
    )
    system_priority = forms.ModelChoiceField(
        label="System priority", queryset=community_selectors.priorities(), required=False
    )
    direction = forms.ChoiceField(
        label="Tight or loose", choices=choices.DIRECTIONS, widget=forms.RadioSelect, required=False
    )
    support_wanted = forms.MultipleChoiceField(
        label="Support you would like",
        choices=choices.SUPPORT_WANTED,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    timescale = forms.ChoiceField(
        label="Timescale", choices=choices.TIMESCALES, widget=forms.RadioSelect, required=False
    )
    success_factors = forms.MultipleChoiceField(
        label="Improvement success factors already in place",
        choices=choices.SUCCESS_FACTORS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick each that is true today. None of them is needed to ask for help.",
    )

    @classmethod
    def initial_from(cls, request: Any) -> dict[str, Any]:
        return {
            "title": request.title,
            "team": request.team,
            "organisations": list(request.organisations.all()),
            "place": request.place,
            "related_project": request.related_project,
            "challenge": request.challenge,
            "aim": request.aim,
            "system_priority": request.system_priority,
            "direction": request.direction,
            "support_wanted": request.support_wanted,
            "timescale": request.timescale,
            "success_factors": request.success_factors,
        }


class TriageForm(forms.Form):
    message = forms.CharField(
        label="Message to the requester",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed to return a request or to signpost it: say what is missing, or where to go.",
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Decision", choices=choices.OUTCOMES, widget=forms.RadioSelect)
    support_level = forms.ChoiceField(
        label="Support level (when accepting)",
        choices=choices.SUPPORT_LEVELS,
        widget=forms.RadioSelect,
        required=False,
    )
    review_date = DateField(label="Review date (when deferring)", required=False)
    rationale = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="The requester sees this. Needed to signpost, defer or decline.",
    )


SCORE_CHOICES = [("0", "0 (not met)"), ("1", "1 (partly)"), ("2", "2 (largely)"), ("3", "3 (fully)")]


class ScoreForm(forms.Form):
    """One 0 to 3 score and a comment for each criterion of the framework version."""

    def __init__(self, data: Any = None, *, criteria: list[Criterion], initial_sheet: Any = None) -> None:
        initial: dict[str, Any] = {}
        if initial_sheet is not None:
            for item in initial_sheet.items.all():
                initial[f"criterion_{item.criterion_id}"] = str(item.value)
                initial[f"comment_{item.criterion_id}"] = item.comment
        super().__init__(data, initial=initial)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.name} (weight {criterion.weight})",
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                error_messages={"required": f"Score “{criterion.name}” from 0 to 3"},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name.lower()}",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def values(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (int(self.cleaned_data[f"criterion_{c.pk}"]), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }

    def pairs(self) -> list[tuple[Any, Any]]:
        return [(self[f"criterion_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]


class CriterionForm(forms.Form):
    name = forms.CharField(label="Criterion", max_length=120, required=False)
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    weight = forms.DecimalField(
        label="Weight",
        min_value=Decimal("0.1"),
        max_value=Decimal(10),
        decimal_places=1,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("name") and data.get("weight") is None:
            self.add_error("weight", "Give the criterion a weight from 0.1 to 10")
        if data.get("weight") is not None and not data.get("name"):
            self.add_error("name", "Name the criterion, or clear its weight to remove it")
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2)


class FrameworkNoteForm(forms.Form):
    note = forms.CharField(label="What changed and why", max_length=300, required=False)


class CloseForm(forms.Form):
    outcome = forms.CharField(label="What the work achieved", widget=forms.Textarea(attrs={"rows": 4}))


class MeetingForm(forms.Form):
    held_on = DateField(label="Date of the meeting")
    title = forms.CharField(label="Title", max_length=200, required=False)


class AssignForm(forms.Form):
    champion = forms.ChoiceField(
        label="Champion", required=False, help_text="The best matches first, with their free hours."
    )
    other_email = forms.EmailField(
        label="Or another listed champion, by email",
        required=False,
        help_text="For a champion not among the suggestions (the champion directory shows their email).",
    )
    hours_per_month = forms.DecimalField(
        label="Hours per month",
        min_value=Decimal("0.5"),
        max_value=Decimal(160),
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
    )
    start = DateField(label="From")
    end = DateField(label="Until")
    override_reason = forms.CharField(
        label="Reason to exceed the champion's agreed capacity",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Community admins only. Leave empty unless the portal refused the hours.",
    )

    def __init__(
        self, *args: Any, champions: list[tuple[str, str]], may_override: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["champion"].choices = [("", "Choose a champion"), *champions]  # type: ignore[attr-defined]
        if not may_override:
            del self.fields["override_reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end must be on or after the start")
        if "champion" in data and not data.get("champion") and not data.get("other_email"):
            self.add_error("champion", "Choose a champion, or give another listed champion's email")
        return data
