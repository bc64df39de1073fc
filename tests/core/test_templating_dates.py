"""The `date` filter's own writing of the usual format is Django's `date_format` of it."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format

from core.templating import format_date


def test_the_usual_format_is_written_as_django_writes_it():
    day = datetime.date(2024, 1, 1)
    while day < datetime.date(2025, 1, 1):
        assert format_date(day) == date_format(day, "j F Y")
        day += datetime.timedelta(days=13)
    assert format_date(datetime.date(2026, 12, 31)) == "31 December 2026"


def test_a_moment_is_dated_where_the_portal_is():
    late = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 1 July in London
    assert format_date(late) == date_format(timezone.localtime(late), "j F Y") == "1 July 2026"
    assert format_date(late, "j F Y, H:i") == "1 July 2026, 00:30"
    assert format_date(None) == ""
