"""Reading the dates and numbers people paste and upload, in every common spreadsheet form.

One parser for every paste and import in the portal (measure data, training records), so that a format
accepted in one place is accepted everywhere. Plain Python, no Django; `RowError` is the one type every
importer reports a bad row with.

Dates are read day first (UK: 03/04/2024 is 3 April). A period longer than a day is taken as its first
day, and `period_kind` says which kind it was, so charts can say so:
- ISO dates (2024-04-03, with or without a midnight time), day-first dates (03/04/2024, 3.4.24,
  3 April 2024, 03-Apr-2024), Python and openpyxl dates and datetimes;
- months: 2024-04, Apr-24, April 2024, 04/2024;
- quarters: Q1 2024, 2024 Q1, 2024-Q1 (calendar quarters: Q1 starts in January) and NHS financial-year
  quarters 2024/25 Q1, Q1 2024/25, 2024-25 Q1 (Q1 starts in April);
- ISO weeks: 2024-W14, 2024 W14, 2024-W14-1 (the week's Monday);
- Excel date serials: 45383 or 45383.0 (days since 30 December 1899), between 1 January 1990 and
  31 December 2100, so that an ordinary count is never taken for a date.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DAY = "day"
WEEK = "week"
MONTH = "month"
QUARTER = "quarter"

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (32874, 73415)  # 1 January 1990 to 31 December 2100

_DAY_FIRST = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%Y/%m/%d",
)
_MONTH_ONLY = ("%Y-%m", "%b %Y", "%B %Y", "%b-%Y", "%B-%Y", "%b-%y", "%m/%Y", "%b %y", "%Y/%m")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST_TIME = re.compile(r"(.+?)\s+\d{1,2}:\d{2}(?::\d{2})?")
_QUARTER = (
    re.compile(r"(?P<fy>\d{4})\s*[/-]\s*(?P<fy2>\d{2}|\d{4})\s*[- ]?\s*Q(?P<q>[1-4])", re.I),
    re.compile(r"Q(?P<q>[1-4])\s*[- ]?\s*(?P<fy>\d{4})\s*[/-]\s*(?P<fy2>\d{2}|\d{4})", re.I),
    re.compile(r"(?P<year>\d{4})\s*[- ]?\s*Q(?P<q>[1-4])", re.I),
    re.compile(r"Q(?P<q>[1-4])\s*[- ]?\s*(?P<year>\d{4})", re.I),
)
_WEEK = re.compile(r"(\d{4})\s*-?\s*W(\d{1,2})(?:-?([1-7]))?", re.I)


@dataclass(frozen=True)
class RowError:
    """A problem with one row of a paste or file, named as the person sees it: the row number in their
    file (a spreadsheet's header is row 1; a paste's first line is line 1), the column's label, what is
    wrong, and the text they gave."""

    row: int
    column: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class Period:
    start: dt.date
    kind: str  # DAY, WEEK, MONTH or QUARTER


def parse_period(value: object) -> Period | None:
    """The date or period a cell stands for, with its kind; None when it is not one."""
    if isinstance(value, dt.datetime):
        return Period(value.date(), DAY)
    if isinstance(value, dt.date):
        return Period(value, DAY)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().split())
    if not text:
        return None
    for parse in (_iso, _quarter, _week, _serial_text, _day_first, _month):
        period = parse(text)
        if period is not None:
            return period
    return None


def parse_date(value: object) -> dt.date | None:
    """The first day of the date or period a cell stands for (see the module's list of forms)."""
    period = parse_period(value)
    return period.start if period else None


def period_kind(value: object) -> str | None:
    period = parse_period(value)
    return period.kind if period else None


def parse_number(value: object) -> float | None:
    """A finite number: 1,234.5, 12%, (spaces), a Unicode minus; None when blank or not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    cleaned = value.strip().replace(",", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace("\u2212", "-").removesuffix("%")
    if not cleaned or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", cleaned):
        return None
    try:
        number = float(Decimal(cleaned))
    except (InvalidOperation, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _iso(text: str) -> Period | None:
    match = _ISO.fullmatch(text)
    if not match:
        return None
    try:
        return Period(dt.date(int(match[1]), int(match[2]), int(match[3])), DAY)
    except ValueError:
        return None


def _quarter(text: str) -> Period | None:
    for pattern in _QUARTER:
        match = pattern.fullmatch(text)
        if not match:
            continue
        quarter = int(match["q"])
        groups = match.groupdict()
        if groups.get("fy"):
            start_year = int(groups["fy"])
            end = groups["fy2"]
            end_year = int(end) if len(end) == 4 else (start_year // 100) * 100 + int(end)
            if len(end) == 2 and end_year < start_year:  # 1999/00
                end_year += 100
            if end_year != start_year + 1:
                return None
            # The NHS financial year starts in April: Q1 is April to June, Q4 January to March.
            month = 4 + 3 * (quarter - 1)
            year = start_year + (month > 12)
            return Period(dt.date(year, (month - 1) % 12 + 1, 1), QUARTER)
        return Period(dt.date(int(groups["year"]), 3 * (quarter - 1) + 1, 1), QUARTER)
    return None


def _week(text: str) -> Period | None:
    match = _WEEK.fullmatch(text)
    if not match:
        return None
    try:
        return Period(dt.date.fromisocalendar(int(match[1]), int(match[2]), int(match[3] or 1)), WEEK)
    except ValueError:
        return None


def _serial(number: float) -> Period | None:
    if not math.isfinite(number) or number != int(number):
        return None
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        return None
    return Period(EXCEL_EPOCH + dt.timedelta(days=int(number)), DAY)


def _serial_text(text: str) -> Period | None:
    if not re.fullmatch(r"\d{5}(\.0+)?", text):
        return None
    return _serial(float(text))


def _strptime(text: str, formats: tuple[str, ...]) -> dt.date | None:
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _day_first(text: str) -> Period | None:
    date = _strptime(text, _DAY_FIRST)
    if date is None:
        timed = _DAY_FIRST_TIME.fullmatch(text)  # 03/04/2024 09:30, as some exports write it
        date = _strptime(timed[1], _DAY_FIRST) if timed else None
    return Period(date, DAY) if date and date.year >= 1900 else None


def _month(text: str) -> Period | None:
    date = _strptime(text, _MONTH_ONLY)
    return Period(date, MONTH) if date and date.year >= 1900 else None
