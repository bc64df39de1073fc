"""Forms for the training pages; each field is drawn by the NHS.UK components (core.form_fields)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from community.models import Organisation
from core.periods import figures_period
from training import figures, signposting
from training.importing import TARGETS
from training.ladder import LEVEL_LABELS, Level, Status
from training.models import Cohort, Programme, Provider, TrainingRecord

STATUS_CHOICES = [(s.value, s.label) for s in Status]
LEVEL_CHOICES = [(level.value, LEVEL_LABELS[level]) for level in Level]


class UploadForm(forms.Form):
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.none(),
        label="Faculty",
        empty_label="Choose the faculty the records come from",
        error_messages={"required": "Choose the faculty the records come from"},
    )
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV file or an Excel workbook (.xlsx) with one row per person and programme, and "
        "column headings in the first row.",
        error_messages={"required": "Choose a CSV or Excel file to upload"},
    )

    def __init__(self, *args: Any, providers: QuerySet[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]


class MappingForm(forms.Form):
    """One select per field: which column of the file holds it."""

    # Chosen on this page, checked by training.importing.mapping_problems before the import can run.
    needed_to = {target.key: "import" for target in TARGETS if target.required}

    def __init__(self, *args: Any, columns: list[str], initial_mapping: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file"), *[(c, c) for c in columns]]
        for target in TARGETS:
            self.fields[target.key] = forms.ChoiceField(
                label=target.label,
                choices=choices,
                required=False,
                initial=initial_mapping.get(target.key, ""),
                help_text=target.hint,
            )


class FindForm(forms.Form):
    role = forms.ChoiceField(
        label="Which best describes your role?",
        choices=signposting.ROLES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the description that best fits your role"},
    )
    knowledge = forms.ChoiceField(
        label="How much do you know about quality improvement?",
        choices=signposting.KNOWLEDGE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much you know about quality improvement"},
    )
    time = forms.ChoiceField(
        label="How much time can you give to training?",
        choices=signposting.TIME,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much time you can give"},
    )


class RegisterForm(forms.Form):
    """The cohort register: a status for each person booked on it."""

    def __init__(self, *args: Any, records: Iterable[TrainingRecord], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records = list(records)
        for record in self.records:
            self.fields[f"status_{record.pk}"] = forms.ChoiceField(
                label=f"Status of {record.trainee}",
                choices=STATUS_CHOICES,
                initial=record.status,
            )

    def statuses(self) -> dict[int, str]:
        return {record.pk: self.cleaned_data[f"status_{record.pk}"] for record in self.records}


class RecordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or email", method="search")
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation", field_name="trainee__organisation", queryset=Organisation.objects.all()
    )
    provider = django_filters.ModelChoiceFilter(
        label="Faculty", field_name="programme__provider", queryset=Provider.objects.all()
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme", queryset=Programme.objects.select_related("provider")
    )
    level = django_filters.ChoiceFilter(label="Level", field_name="programme__level", choices=LEVEL_CHOICES)
    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES)
    period = django_filters.ChoiceFilter(
        label="Completed",
        choices=[(k, v) for k, v in figures.PERIODS.items() if k != "all"],
        method="in_period",
    )
    cohort = django_filters.ModelChoiceFilter(
        label="Cohort", queryset=Cohort.objects.select_related("programme")
    )

    class Meta:
        model = TrainingRecord
        fields: list[str] = []

    def search(self, queryset: QuerySet[TrainingRecord], name: str, value: str) -> QuerySet[TrainingRecord]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(trainee__name__icontains=value) | Q(trainee__email__icontains=value.lower()))

    def in_period(
        self, queryset: QuerySet[TrainingRecord], name: str, value: str
    ) -> QuerySet[TrainingRecord]:
        from django.utils import timezone

        start, end = figures_period(value, timezone.localdate())
        return queryset.filter(completed_on__gte=start, completed_on__lte=end)


class FiguresForm(forms.Form):
    period = forms.ChoiceField(label="Period", choices=list(figures.PERIODS.items()), required=False)
