"""Widgets whose HTML the NHS.UK components draw (see core.form_fields); Django only parses their data."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms


class DateInput(forms.MultiWidget):
    """Day, month and year boxes: the NHS.UK date input pattern, posted as `<name>_day` etc."""

    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            try:
                parsed = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
            return [parsed.day, parsed.month, parsed.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = [data.get(f"{name}_{part}", "").strip() for part in ("day", "month", "year")]
        if not any(parts):
            return None
        return parts


class DateField(forms.Field):
    """A date typed as day, month and year, with the NHS.UK style's error messages."""

    widget = DateInput
    default_error_messages = {
        "incomplete": "%(label)s must include a day, month and year",
        "invalid": "%(label)s must be a real date",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in (None, "", [None, None, None]):
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"] % {"label": self.label or "Date"}
                ) from None
        label = self.label or "Date"
        day, month, year = value
        if not (day and month and year):
            raise forms.ValidationError(
                self.error_messages["incomplete"] % {"label": label}, code="incomplete"
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except (TypeError, ValueError):
            raise forms.ValidationError(
                self.error_messages["invalid"] % {"label": label}, code="invalid"
            ) from None

    def prepare_value(self, value: Any) -> Any:
        return value
