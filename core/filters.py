"""django-filter filters whose form fields the NHS.UK components draw well."""

from __future__ import annotations

import django_filters

from core.widgets import DateField


class DateFilter(django_filters.DateFilter):
    """A date typed as day, month and year (the NHS.UK date input)."""

    field_class = DateField
