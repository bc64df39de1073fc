"""Forms for the governance pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from community import selectors as community_selectors
from community.models import Place, User
from core import menus
from core.periods import dashboard_period_choices
from core.widgets import DateField
from governance import selectors
from governance.models import AgendaItem, AssessmentComponent, DeliveryAction, GovernanceBody, Meeting
from governance.plan import THEME_OF


def _organisations() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in community_selectors.organisations().values_list("pk", "name")]


def _places() -> list[tuple[str, str]]:
    kinds = dict(Place.Kind.choices)
    rows = community_selectors.places().exclude(kind="neighbourhood").values_list("pk", "name", "kind")
    return [(str(pk), f"{name} ({str(kinds.get(kind, kind)).lower()})") for pk, name, kind in rows]


class DashboardFilterForm(forms.Form):
    """Filters passed to dashboard builders as snapshot parameters (a GET form)."""

    organisation = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    place = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    period = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every organisation and place in England on every dashboard view: held a while (core.menus).
        cast(forms.ChoiceField, self.fields["organisation"]).choices = menus.held_choices(
            "dashboard-filter:organisations", _organisations, ("", "All organisations")
        )
        cast(forms.ChoiceField, self.fields["place"]).choices = menus.held_choices(
            "dashboard-filter:places", _places, ("", "All places")
        )
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            ("", "All time"),
            *dashboard_period_choices(timezone.localdate()),
        ]

    def parameters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class DeliveryActionForm(forms.ModelForm):
    due_on = DateField(label="Due date")

    class Meta:
        model = DeliveryAction
        fields = ["strand", "title", "description", "owner", "due_on", "rag"]
        labels = {"rag": "RAG status", "strand": "Strand of the plan"}
        help_texts = {"owner": "The person accountable for the action."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.people()  # type: ignore[attr-defined]
        cast(forms.ChoiceField, self.fields["strand"]).choices = [
            (strand, f"{THEME_OF[strand]}: {label}") for strand, label in DeliveryAction.Strand.choices
        ]


class ProgressNoteForm(forms.Form):
    text = forms.CharField(label="Progress since the last note", widget=forms.Textarea(attrs={"rows": 4}))
    rag = forms.ChoiceField(
        label="RAG status now", choices=DeliveryAction.Rag.choices, widget=forms.RadioSelect
    )
    written_on = DateField(label="Date of the note", required=False, help_text="Leave blank for today.")


SCORE_CHOICES = [
    ("1", "1: not in place"),
    ("2", "2: early steps"),
    ("3", "3: in place in parts"),
    ("4", "4: in place across the system"),
    ("5", "5: exemplary"),
]


class AssessmentForm(forms.Form):
    """Title, date and a 1 to 5 score for every question of every component."""

    title = forms.CharField(label="Title", max_length=200)
    assessed_on = DateField(label="Date of the assessment")
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, components: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[Any, list[str]]] = []
        for component in components:
            names = []
            for question in component.questions.all():
                name = f"q{question.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=question.text, choices=SCORE_CHOICES, widget=forms.RadioSelect
                )
                names.append(name)
            self.groups.append((component, names))

    def scores(self) -> dict[int, int]:
        return {
            int(name[1:]): int(value) for name, value in self.cleaned_data.items() if name.startswith("q")
        }


class RecommendationForm(forms.Form):
    component = forms.ModelChoiceField(label="Component", queryset=AssessmentComponent.objects.none())
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}))
    action = forms.ModelChoiceField(
        label="Delivery plan action that carries it out",
        queryset=DeliveryAction.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = selectors.components()  # type: ignore[attr-defined]
        self.fields["action"].queryset = selectors.delivery_actions_plain()  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    body = forms.ModelChoiceField(label="Body", queryset=GovernanceBody.objects.none())
    title = forms.CharField(label="Title", max_length=200)
    held_on = DateField(label="Date")
    location = forms.CharField(label="Where", max_length=200, required=False)

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Meeting.Status.choices, widget=forms.RadioSelect)
    minutes = forms.CharField(label="Minutes", required=False, widget=forms.Textarea(attrs={"rows": 6}))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label="Agenda item", max_length=200)
    presenter = forms.CharField(label="Presented by", max_length=120, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label="Decision", widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(
        label="Agenda item", queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, meeting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.all()  # type: ignore[attr-defined]


class MeetingActionForm(forms.Form):
    description = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label="Owner", queryset=User.objects.none(), required=False)
    due_on = DateField(label="Due date", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.people()  # type: ignore[attr-defined]
