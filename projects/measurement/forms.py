"""Forms for PDSA cycles, measures and their data; the parsing rules are in `rows`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from core import uploads
from core.spreadsheets import UnreadableFile, file_row, read_table
from core.widgets import DateField

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
            "improvement": forms.RadioSelect,
            "chart_type": forms.RadioSelect,
        }
        labels = {"name": "Measure name", "kind": "Type of measure"}
        error_messages = {
            "name": {"required": "Enter the measure's name"},
            "kind": {"required": "Choose the type of measure"},
            "improvement": {"required": "Choose which direction is an improvement"},
            "frequency": {"required": "Choose how often the measure is recorded"},
            "chart_type": {"required": "Choose the chart"},
        }
        help_texts = {
            "kind": "Outcome: the result for patients or people. "
            "Process: whether the change is being carried out. Balancing: what might get worse elsewhere.",
        }


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
        ]
        widgets = {"act": forms.RadioSelect}
        labels = {"act": "Act: what will you do next?"}
        error_messages = {
            "change_idea": {"required": "Enter the change idea this cycle tests"},
            "title": {"required": "Enter what this cycle tests"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        act: Any = self.fields["act"]
        act.choices = [("", "Not decided yet"), *PDSACycle.Act.choices]

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
    annotation = forms.CharField(
        label="Annotation",
        required=False,
        max_length=row_rules.MAX_ANNOTATION,
        help_text='Shown on the chart, for example "PDSA 2 started".',
    )

    def clean_value(self) -> float:
        value = self.cleaned_data["value"]
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError("Enter the value as a number, such as 42 or 3.5")
        return float(value)

    def row(self) -> row_rules.Row:
        data = self.cleaned_data
        return row_rules.Row(1, data["period"], data["value"], data.get("annotation", ""))


class _RowsForm(forms.Form):
    """A form whose input becomes rows; `problems` lists every bad row for the page's error table."""

    problems: list[row_rules.Problem]
    rows: list[row_rules.Row]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems, self.rows = [], []

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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "pasted" in data:
            self.rows, problems = row_rules.parse_paste(data["pasted"])
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
        self.rows, problems = row_rules.table_records(list(table.columns), numbered)
        if problems:
            self._fail("file", problems)
        return data


class RebaselineForm(forms.Form):
    period = forms.ChoiceField(
        label="Recalculate the limits from",
        help_text="Choose the first period after a change that has shifted the process.",
    )

    def __init__(self, *args: Any, periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period: Any = self.fields["period"]
        period.choices = [(p.isoformat(), f"{p:%d %b %Y}") for p in periods]
