"""Which periods of a measure are due and missing. Pure: no Django.

A measure's periods run from its first recorded period at its frequency (a day, a week, a month or a
quarter later each time), so they line up with how the team records them. A period is due once it has
ended; it is missing when it is due and has no value. Measures recorded at another frequency ("other")
have no schedule and are never due.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

SCHEDULED = ("daily", "weekly", "monthly", "quarterly")  # "other" has no schedule
STEP_MONTHS = {"monthly": 1, "quarterly": 3}
STEP_DAYS = {"daily": 1, "weekly": 7}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_period(frequency: str, start: datetime.date) -> datetime.date | None:
    if frequency in STEP_DAYS:
        return start + datetime.timedelta(days=STEP_DAYS[frequency])
    if frequency in STEP_MONTHS:
        return _add_months(start, STEP_MONTHS[frequency])
    return None


def ended_periods(frequency: str, first: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The start of every period from `first` that has ended by `today` (none without a schedule)."""
    starts = []
    start = first
    while (following := next_period(frequency, start)) is not None and following <= today:
        starts.append(start)
        start = following
    return starts


def missing_periods(
    frequency: str, recorded: Iterable[datetime.date], today: datetime.date, limit: int = 400
) -> list[datetime.date]:
    """The start of every period after the first recorded one that has ended by `today` without a value,
    oldest first (at most `limit` periods are looked at, the most recent ones)."""
    have = set(recorded)
    if not have:
        return []
    return [s for s in ended_periods(frequency, min(have), today)[-limit:] if s not in have]


def describe(frequency: str, missing: list[datetime.date], shown: int = 6) -> str:
    """ "No value yet for the weeks of 2 November 2026 and 9 November 2026." """
    if not missing:
        return ""
    prefix = {"daily": "", "weekly": "the weeks of ", "monthly": "", "quarterly": "the quarters from "}[
        frequency
    ]
    dates = [f"{d:%-d %B %Y}" if frequency != "monthly" else f"{d:%B %Y}" for d in missing[-shown:]]
    listed = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + " and " + dates[-1]
    more = f" ({len(missing)} in all; the latest {shown} are named)" if len(missing) > shown else ""
    return f"No value yet for {prefix}{listed}{more}."
