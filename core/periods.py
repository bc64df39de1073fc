"""Reporting periods, defined once for every app: the NHS financial year (1 April to 31 March) and the
named periods people filter figures and dashboards by.

Every range here is inclusive at both ends, (first day, last day), as people say them ("1 April 2026 to
31 March 2027"); a query on a timestamp adds a day to the last one itself.
"""

from __future__ import annotations

import datetime

FIRST_MONTH = 4  # April


def financial_year_of(day: datetime.date) -> int:
    """The starting year of the financial year that contains the day (2026 for 2026/27)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def financial_year(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the financial year that contains the day."""
    start = financial_year_of(day)
    return datetime.date(start, FIRST_MONTH, 1), datetime.date(start + 1, FIRST_MONTH - 1, 31)


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def month_label(day: datetime.date) -> str:
    """A month as people read it in a chart or a table: "Nov 2026"."""
    return f"{day:%b %Y}"


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months up to and including today."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + datetime.timedelta(days=1), today


# The dashboards' period filter: the last twelve months, or a financial year ("fy2025").
def dashboard_period_choices(today: datetime.date, years: int = 4) -> list[tuple[str, str]]:
    """Periods offered as dashboard filters: the last 12 months, then financial years, newest first."""
    first = financial_year_of(today)
    return [("last-12-months", "Last 12 months")] + [
        (f"fy{start}", financial_year_label(start)) for start in range(first, first - years, -1)
    ]


def dashboard_period(name: str, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day of a dashboard period, or None for an unknown name."""
    if name == "last-12-months":
        return last_twelve_months(today)
    if name.startswith("fy") and name[2:].isdigit() and len(name) == 6:
        return financial_year(datetime.date(int(name[2:]), FIRST_MONTH, 1))
    return None


# The training figures' period choice: to date within this year, last year, or everything.
FIGURES_PERIODS = {
    "all": "All time",
    "fytd": "This financial year to date",
    "last_fy": "Last financial year",
    "cytd": "This calendar year to date",
}


def figures_period(name: str, today: datetime.date) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day of a figures period; (None, None) for all time."""
    fy_start, _ = financial_year(today)
    if name == "fytd":
        return fy_start, today
    if name == "last_fy":
        return financial_year(fy_start - datetime.timedelta(days=1))
    if name == "cytd":
        return datetime.date(today.year, 1, 1), today
    if name == "all":
        return None, None
    raise ValueError(f"Unknown period {name!r}")
