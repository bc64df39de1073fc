"""Forms for PDSA cycles, measures and their data; the parsing rules are in `rows`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core import uploads
from core.spreadsheets import UnreadableFile, file_row, read_table
from core.widgets import DateField
from projects.spc import CHART_NAMES, rulesets
from projects.spc.advisor import CHARTS_FOR, advise, allowed

from . import rows as row_rules
from .models import Measure, PDSACycle
from .services import MEASURE_FIELDS

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class MeasureForm(forms.ModelForm):
    target = forms.FloatField(
        required=False,
        label="Target",
        help_text="Leave empty if there is no target. "
        "The assurance icon compares it with the process limits.",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    class Meta:
        model = Measure
        fields = list(MEASURE_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "value_kind": forms.RadioSelect,
            "improvement": forms.RadioSelect,
            "chart_type": forms.RadioSelect,
            "multiplier": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        labels = {"name": "Measure name", "kind": "Type of measure"}
        error_messages = {
            "name": {"required": "Enter the measure's name"},
            "kind": {"required": "Choose the type of measure"},
            "improvement": {"required": "Choose which direction is an improvement"},
            "frequency": {"required": "Choose how often the measure is recorded"},
            "chart_type": {"required": "Choose the chart"},
            "value_kind": {"required": "Choose what is recorded for each period"},
            "multiplier": {
                "invalid": "Enter a whole number, such as 100 or 1000",
                "min_value": "Enter a whole number of 1 or more",
            },
        }
        help_texts = {
            "kind": "Outcome: the result for patients or people. "
            "Process: whether the change is being carried out. Balancing: what might get worse elsewhere.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_set: Any = self.fields["rule_set"]
        rule_set.choices = [("", "The community's default"), *rule_set.choices[1:]]
        # Kept as they are when left out (a client from before measures had kinds, or the API).
        for name in ("value_kind", "multiplier"):
            self.fields[name].required = False
        self.advice = {kind: advise(kind).sentence for kind in CHARTS_FOR}
        self.charts_for = {kind: list(charts) for kind, charts in CHARTS_FOR.items()}

    def clean_value_kind(self) -> str:
        return self.cleaned_data.get("value_kind") or self.instance.value_kind

    def clean_multiplier(self) -> int:
        value = self.cleaned_data.get("multiplier")
        return self.instance.multiplier if value is None else value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, chart = data.get("value_kind"), data.get("chart_type")
        if kind and chart and not allowed(kind, chart):
            suits = ", ".join(CHART_NAMES[c] for c in CHARTS_FOR[kind])
            self.add_error("chart_type", f"A {CHART_NAMES[chart]} does not suit this measure: choose {suits}")
        if data.get("multiplier") is not None and data["multiplier"] < 1:
            self.add_error("multiplier", "Enter a whole number of 1 or more")
        return data


class PDSACycleForm(forms.ModelForm):
    """The dates use the NHS.UK date input; the rest are the model's fields."""

    start_date = DateField(label="Start date")
    end_date = DateField(label="End date", required=False)

    class Meta:
        model = PDSACycle
        fields = [
            "change_idea",
            "title",
            "plan",
            "prediction",
            "start_date",
            "end_date",
            "do",
            "study",
            "act",
            "act_notes",
            "measures",
        ]
        widgets = {"act": forms.RadioSelect, "measures": forms.CheckboxSelectMultiple}
        labels = {"act": "Act: what will you do next?"}
        error_messages = {
            "change_idea": {"required": "Enter the change idea this cycle tests"},
            "title": {"required": "Enter what this cycle tests"},
        }

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        act: Any = self.fields["act"]
        act.choices = [("", "Not decided yet"), *PDSACycle.Act.choices]
        measures: Any = self.fields["measures"]
        measures.queryset = project.measures.order_by("kind", "name", "id")
        if not measures.queryset.exists():
            del self.fields["measures"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data


class PointForm(forms.Form):
    period = DateField(
        label="Period", help_text="The date the value is for, for example the week's first day."
    )
    value = forms.FloatField(
        label="Value",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Enter a value",
            "invalid": "Enter the value as a number, such as 42 or 3.5",
        },
    )
    denominator = forms.FloatField(
        label="Denominator",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": "Enter the denominator as a number, such as 120"},
    )
    annotation = forms.CharField(
        label="Annotation",
        required=False,
        max_length=row_rules.MAX_ANNOTATION,
        help_text='Shown on the chart, for example "PDSA 2 started".',
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = measure.value_kind
        if measure.is_ratio:
            value: Any = self.fields["value"]
            value.label = "Numerator"
            value.help_text = "The count, for example patients screened or falls."
            value.error_messages["required"] = "Enter the numerator"
            denominator: Any = self.fields["denominator"]
            denominator.required = True
            denominator.help_text = "What it is out of, for example patients seen or bed days."
            denominator.error_messages["required"] = "Enter the denominator"
        else:
            del self.fields["denominator"]

    @staticmethod
    def _finite(value: float | None, message: str) -> float | None:
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            raise ValidationError(message)
        return None if value is None else float(value)

    def clean_value(self) -> float | None:
        return self._finite(self.cleaned_data["value"], "Enter the value as a number, such as 42 or 3.5")

    def clean_denominator(self) -> float | None:
        return self._finite(
            self.cleaned_data.get("denominator"), "Enter the denominator as a number, such as 120"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("value") is not None and not self.errors.get("denominator"):
            wrong = row_rules.value_problem(self.kind, data["value"], data.get("denominator"))
            if wrong:
                self.add_error(wrong[0], wrong[1])
        return data

    def row(self) -> row_rules.Row:
        data = self.cleaned_data
        return row_rules.Row(
            1, data["period"], data["value"], data.get("annotation", ""), data.get("denominator")
        )


class _RowsForm(forms.Form):
    """A form whose input becomes rows; `problems` lists every bad row for the page's error table."""

    problems: list[row_rules.Problem]
    rows: list[row_rules.Row]

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems, self.rows = [], []
        self.kind = measure.value_kind

    def _fail(self, field: str, problems: list[row_rules.Problem]) -> None:
        self.problems = problems
        count = len(problems)
        if count == 1 and problems[0].row in (0, 1) and not problems[0].column:
            raise ValidationError({field: problems[0].message})
        raise ValidationError(
            {
                field: f"{count} problem{'s' if count != 1 else ''} found: nothing has been saved. "
                "Fix the rows listed below and try again"
            }
        )


class PasteForm(_RowsForm):
    pasted = forms.CharField(
        label="Paste the period and value columns",
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Copy two columns from a spreadsheet: the period and the value, one period a line. "
        "A period can be a date (05/01/2026), a month (Jan 2026), a quarter (Q1 2026, or 2026/27 Q1 "
        "for the financial year), an ISO week (2026-W02) or an Excel date number; a month, quarter or "
        "week is recorded as its first day. A third column is kept as an annotation. "
        "A header line is skipped.",
        error_messages={"required": "Paste at least one row: a period and a value"},
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, measure=measure, **kwargs)
        if measure.is_ratio:
            field: Any = self.fields["pasted"]
            field.label = "Paste the period, numerator and denominator columns"
            field.help_text = field.help_text.replace(
                "two columns from a spreadsheet: the period and the value",
                "three columns from a spreadsheet: the period, the numerator and the denominator",
            ).replace("A third column", "A fourth column")
            field.error_messages["required"] = (
                "Paste at least one row: a period, a numerator and a denominator"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "pasted" in data:
            self.rows, problems = row_rules.parse_paste(data["pasted"], self.kind)
            if problems:
                self._fail("pasted", problems)
        return data


class UploadForm(_RowsForm):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="The first row names the columns: 'period' (or 'date'), 'value' and, if you like, "
        "'annotation'; without names, the first column is the period and the second the value. "
        "Periods are read as in the paste box. Up to 2 MB.",
        error_messages={"required": "Select a CSV or Excel file"},
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        super().__init__(*args, measure=measure, **kwargs)
        if measure.is_ratio:
            field: Any = self.fields["file"]
            field.help_text = (
                "The first row names the columns: 'period' (or 'date'), 'numerator', 'denominator' and, if "
                "you like, 'annotation'; without names, the columns are the period, the numerator and the "
                "denominator, in that order. Periods are read as in the paste box. Up to 2 MB."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload: UploadedFile | None = data.get("file")
        if upload is None:
            return data
        try:
            kind = uploads.check_upload(upload, [uploads.CSV, uploads.XLSX], MAX_UPLOAD_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        try:
            table = read_table(upload.file, "data.xlsx" if kind is uploads.XLSX else "data.csv")  # type: ignore[arg-type]
        except UnreadableFile as error:
            raise ValidationError({"file": str(error)}) from error
        numbered = [
            (file_row(index), [str(v) for v in row])
            for index, row in zip(table.index, table.values, strict=True)
        ]
        self.rows, problems = row_rules.table_records(list(table.columns), numbered, self.kind)
        if problems:
            self._fail("file", problems)
        return data


class RebaselineForm(forms.Form):
    period = forms.ChoiceField(
        label="Recalculate the limits from",
        help_text="Choose the first period after a change that has shifted the process.",
    )
    cycle = forms.ChoiceField(
        label="Which change does the shift follow?", required=False, help_text="Said on the chart."
    )

    def __init__(self, *args: Any, periods: list[Any], cycles: list[PDSACycle] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        period: Any = self.fields["period"]
        period.choices = [(p.isoformat(), f"{p:%d %b %Y}") for p in periods]
        cycle: Any = self.fields["cycle"]
        if cycles:
            cycle.choices = [("", "Not a tested change")] + [
                (str(c.pk), f"{c.change_idea}: {c.title}") for c in cycles
            ]
        else:
            del self.fields["cycle"]


class DriverDiagramForm(forms.Form):
    text = forms.CharField(
        label="Driver diagram",
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true", "class": "driver-text"}),
        help_text="The aim on the first line; then each primary driver on a line starting with a dash, its "
        "secondary drivers indented two spaces under it, and their change ideas two spaces further. "
        "Tabs work too. A change idea with the same words as a PDSA cycle's change idea links to it.",
        error_messages={"required": "Type the aim on the first line"},
    )


class MeasurementSettingsForm(forms.Form):
    default_rule_set = forms.ChoiceField(
        label="Which rules should find special cause on control charts?",
        widget=forms.RadioSelect,
        help_text="For every measure that does not choose its own. Run charts always use Anhøj's rules.",
        error_messages={"required": "Choose the community's rules"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["default_rule_set"]
        field.choices = [
            (r.key, f"{r.name}: {r.statement.split(': ', 1)[1]}") for r in rulesets.RULE_SETS.values()
        ]
