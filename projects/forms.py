"""Forms of the project register. They only parse input; projects.services validates the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from community.models import Place, User
from core.widgets import DateField
from projects import rules, selectors
from projects.models import Benefit, Project, TeamMember

TEXT_FIELDS = ("problem", "aim", "how_we_will_know", "change_ideas", "results", "learning")

# Sections of the form, in the order a busy clinician fills them in.
SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("about", "About the project", ("title", "problem")),
    (
        "mfi",
        "The Model for Improvement",
        ("aim", "how_we_will_know", "change_ideas"),
    ),
    ("where", "Where and who", ("lead", "organisations", "places", "priorities")),
    (
        "progress",
        "Methods and progress",
        ("methods", "status", "progress_score", "start_date", "end_date"),
    ),
    ("people", "People and fairness", ("co_production", "health_inequalities")),
    ("results", "Results and learning", ("results", "learning", "tags")),
]


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if obj.kind in (Place.Kind.SYSTEM, Place.Kind.PLACE):
            return f"{obj.name} ({obj.get_kind_display().lower()})"
        return f"{obj.name}, {obj.parent.name}" if obj.parent else obj.name


class ProjectForm(forms.ModelForm):
    # A draft may leave these empty; publishing needs them (projects.rules.missing_for_publication).
    needed_to = {name: "publish" for name in rules.PUBLISH_MESSAGES}
    start_date = DateField(label="Start date", required=False, help_text="For example, 15 3 2026")
    end_date = DateField(
        label="End date (planned or actual)", required=False, help_text="For example, 31 3 2027"
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=500,
        help_text="Keywords that help others find the project, separated by commas",
    )
    places = PlaceChoiceField(
        queryset=selectors.places_in_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Places",
        help_text="The localities, primary care networks or neighbourhoods the project serves",
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "problem",
            "aim",
            "how_we_will_know",
            "change_ideas",
            "organisations",
            "places",
            "priorities",
            "methods",
            "status",
            "progress_score",
            "start_date",
            "end_date",
            "co_production",
            "health_inequalities",
            "results",
            "learning",
        ]
        labels = {
            "title": "Project title",
            "problem": "What is the problem?",
            "aim": "What are you trying to accomplish?",
            "how_we_will_know": "How will you know that a change is an improvement?",
            "change_ideas": "What changes can you make that will result in improvement?",
            "organisations": "Organisations involved",
            "priorities": "System priorities",
            "methods": "Methods and tools",
            "status": "Status",
            "progress_score": "IHI progress score",
            "co_production": "Co-produced with patients, service users or carers",
            "health_inequalities": "Addresses health inequalities",
            "results": "Results",
            "learning": "Learning",
        }
        help_texts = {
            "title": "A short name others will recognise, for example “Frailty virtual ward”",
            "problem": "Who is affected, how often, and what it costs them",
            "aim": "What, how much, by when: for example “Reduce falls on Ward 3 by 30% by March 2027”",
            "how_we_will_know": "The outcome, process and balancing measures you will track",
            "change_ideas": "The ideas you will test, one per line",
            "organisations": "Tick every partner taking part",
            "status": "Stopping is a legitimate outcome: record what you learned",
            "progress_score": "From 0.5 (intent to take part) to 5.0 (outstanding, sustained results)",
            "results": "What changed, with figures. Needed before marking the project completed",
            "learning": "What you would tell another team. Needed before marking the project stopped",
        }
        widgets = {
            "organisations": forms.CheckboxSelectMultiple,
            "priorities": forms.CheckboxSelectMultiple,
            "methods": forms.CheckboxSelectMultiple,
            "problem": forms.Textarea(attrs={"rows": 4}),
            "aim": forms.Textarea(attrs={"rows": 3}),
            "how_we_will_know": forms.Textarea(attrs={"rows": 3}),
            "change_ideas": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "learning": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"title": {"required": "Enter a title for the project"}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = self.fields["organisations"].queryset.filter(  # type: ignore[attr-defined]
            is_active=True
        )
        self.fields["priorities"].queryset = self.fields["priorities"].queryset.filter(is_active=True)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
            team = [m.user for m in self.instance.memberships.all()]
            self.fields["lead"] = forms.ModelChoiceField(
                queryset=User.objects.filter(pk__in=[u.pk for u in team]),
                initial=self.instance.lead_id,
                label="Project lead",
                help_text="Add people to the team first to make one of them the lead",
                empty_label=None,
            )
            self.order_fields([name for _, _, names in SECTIONS for name in names])

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return cleaned

    def sections(self) -> list[tuple[str, str, list[Any]]]:
        return [
            (key, heading, [self[n] for n in names if n in self.fields]) for key, heading, names in SECTIONS
        ]

    def values(self) -> dict[str, Any]:
        """What projects.services takes: model fields, related objects and tag text."""
        values = dict(self.cleaned_data)
        values["tags"] = values.get("tags") or ""
        return values


class TeamSearchForm(forms.Form):
    q = forms.CharField(label="Find a person by name or email", max_length=100, required=False)


class TeamAddForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.filter(is_active=True), widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label="Role",
        choices=[(v, label) for v, label in TeamMember.Role.choices if v != TeamMember.Role.LEAD],
        initial=TeamMember.Role.MEMBER,
    )


class ProjectUpdateForm(forms.Form):
    date = DateField(label="Date", required=False, help_text="Leave blank for today. For example, 15 3 2026")
    text = forms.CharField(
        label="What has happened?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter what has happened"},
    )


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = [
            "type",
            "description",
            "value",
            "unit",
            "period",
            "money_kind",
            "how_measured",
            "confidence",
        ]
        widgets = {
            "type": forms.RadioSelect,
            "period": forms.RadioSelect,
            "confidence": forms.RadioSelect,
            "money_kind": forms.RadioSelect,
            "how_measured": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"value": "How much", "description": "What the benefit is"}
        help_texts = {
            "how_measured": "For example, “Falls per 1,000 bed days before and after, from Datix”.",
            "value": "A number only: put the unit in the next box.",
        }
        error_messages = {
            "type": {"required": "Choose the type of benefit"},
            "description": {"required": "Say what the benefit is"},
            "value": {
                "required": "Enter how much, as a number",
                "invalid": "Enter how much as a number, like 12 or 4.5",
            },
            "unit": {"required": "Enter the unit, like hours, falls or £"},
            "period": {"required": "Choose how often the benefit happens"},
            "how_measured": {"required": "Say how the benefit was measured"},
            "confidence": {"required": "Choose how sure the team is"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["money_kind"].choices = list(Benefit.Money.choices)  # type: ignore[attr-defined]
        self.fields["money_kind"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("type") == Benefit.Type.MONEY and not data.get("money_kind"):
            self.add_error("money_kind", "Choose the kind of saving: a board reads each kind apart")
        if data.get("type") and data.get("type") != Benefit.Type.MONEY:
            data["money_kind"] = ""
        value = data.get("value")
        if value is not None and value <= 0:
            self.add_error("value", "Enter an amount greater than 0")
        return data


class NominationForm(forms.Form):
    reason = forms.CharField(
        label="Why does this project deserve celebrating?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="What it achieved and for whom. The community's admins read every nomination.",
        error_messages={"required": "Say why the project deserves celebrating"},
    )


class CelebrateForm(forms.Form):
    award = forms.CharField(
        label="Award",
        max_length=100,
        help_text="Shown on the badge, for example “Showcase 2026”",
        error_messages={"required": "Name the award, for example “Showcase 2026”"},
    )


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, required=False, help_text="For example, “Poster for the QI showcase”"
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, PNG or JPEG, smaller than 10 MB",
        error_messages={"required": "Select a file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
