"""Reading measure data typed, pasted or uploaded by people: periods, values, annotations, row by row.

Plain Python (no Django), so the parsing rules are unit-tested on their own. Every problem names the row
as people see it (the line of the paste, or the spreadsheet row with the header as row 1) and the column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_ROWS = 5000
MAX_ANNOTATION = 200

PERIOD_HEADERS = ("period", "date", "week", "week commencing", "week ending", "month", "day", "quarter")
VALUE_HEADERS = ("value", "values", "count", "number", "rate", "result", "measure")
ANNOTATION_HEADERS = ("annotation", "note", "notes", "comment", "comments")

_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y")
_MONTH_ONLY = ("%Y-%m", "%b %Y", "%B %Y", "%b-%Y", "%b-%y", "%m/%Y", "%b %y")


@dataclass(frozen=True)
class Row:
    row: int
    period: dt.date
    value: float
    annotation: str = ""


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str
    value: str = ""


def parse_period(text: str) -> dt.date | None:
    """A date in the forms spreadsheets produce: 2026-01-05, 05/01/2026 (day first), 5 Jan 2026,
    2026-01-05 00:00:00 (Excel through pandas); or a month (2026-01, Jan 2026), taken as its first day."""
    text = " ".join(text.strip().split())
    if not text:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    for fmt in _DAY_FIRST + _MONTH_ONLY:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_value(text: str) -> float | None:
    """A number, allowing thousands separators, a trailing % and surrounding spaces."""
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_rows(records: Iterable[tuple[int, str, str, str]]) -> tuple[list[Row], list[Problem]]:
    """(row number, period text, value text, annotation text) to rows, or problems for every bad row;
    a period given twice is a problem on its second row."""
    rows: list[Row] = []
    problems: list[Problem] = []
    seen: dict[dt.date, int] = {}
    for number, period_text, value_text, annotation in records:
        period = parse_period(period_text)
        value = parse_value(value_text)
        if not period_text.strip():
            problems.append(Problem(number, "period", "Enter the period (a date, such as 05/01/2026)"))
        elif period is None:
            problems.append(
                Problem(
                    number,
                    "period",
                    "Enter the period as a date, such as 05/01/2026 or 2026-01-05",
                    period_text,
                )
            )
        elif period in seen:
            problems.append(
                Problem(number, "period", f"This period is already given in row {seen[period]}", period_text)
            )
        if not value_text.strip():
            problems.append(Problem(number, "value", "Enter a value"))
        elif value is None:
            problems.append(
                Problem(number, "value", "Enter the value as a number, such as 42 or 3.5", value_text)
            )
        if len(annotation) > MAX_ANNOTATION:
            problems.append(
                Problem(number, "annotation", f"Annotations must be {MAX_ANNOTATION} characters or fewer")
            )
        if period is not None and period not in seen:
            seen[period] = number
        if period is not None and value is not None and len(annotation) <= MAX_ANNOTATION:
            rows.append(Row(number, period, value, annotation.strip()))
    if len(rows) + len(problems) > MAX_ROWS:
        return [], [Problem(0, "", f"Give at most {MAX_ROWS} rows at a time")]
    if problems:
        return [], problems
    return sorted(rows, key=lambda r: r.period), []


def _split(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if ";" in line:
        return [c.strip() for c in line.split(";")]
    if re.search(r"\s{2,}", line.strip()):
        return [c.strip() for c in re.split(r"\s{2,}", line.strip())]
    if "," in line and parse_value(line) is None:
        cells = [c.strip() for c in line.split(",")]
        if len(cells) == 2 or parse_period(cells[0]) is not None:
            return cells
    parts = line.strip().rsplit(None, 1)  # "5 Jan 2026 42": the value is the last word
    return parts if len(parts) == 2 else [line.strip()]


def _is_header(cells: Sequence[str]) -> bool:
    return (
        bool(cells) and parse_period(cells[0]) is None and (len(cells) < 2 or parse_value(cells[1]) is None)
    )


def parse_paste(text: str) -> tuple[list[Row], list[Problem]]:
    """Two columns copied from a spreadsheet (period, value; an optional third for an annotation),
    separated by tabs, semicolons, commas or spaces; a header line is skipped."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        return [], [Problem(0, "", "Paste at least one row: a period and a value")]
    records: list[tuple[int, str, str, str]] = []
    problems: list[Problem] = []
    for index, (number, line) in enumerate(lines):
        cells = _split(line)
        if index == 0 and _is_header(cells):
            continue
        if len(cells) < 2:
            problems.append(Problem(number, "value", "Give a period and a value on each line", line.strip()))
            continue
        if len(cells) > 3:
            cells = [cells[0], cells[1], " ".join(cells[2:])]
        records.append((number, cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    rows, row_problems = check_rows(records)
    problems = sorted(problems + row_problems, key=lambda p: p.row)
    return ([], problems) if problems else (rows, [])


def find_columns(headers: Sequence[str]) -> tuple[int, int, int | None] | Problem:
    """Where the period, value and (optional) annotation columns are in an uploaded table."""
    names = [h.strip().lower() for h in headers]

    def find(candidates: Sequence[str]) -> int | None:
        for i, name in enumerate(names):
            if name in candidates:
                return i
        return None

    period, value, annotation = find(PERIOD_HEADERS), find(VALUE_HEADERS), find(ANNOTATION_HEADERS)
    if period is None or value is None:
        return Problem(
            1,
            "",
            "The first row must name the columns: a 'period' (or 'date') column and a 'value' column, "
            "with an optional 'annotation' column",
        )
    return period, value, annotation


def table_records(
    headers: Sequence[str], numbered: Iterable[tuple[int, Sequence[str]]]
) -> tuple[list[Row], list[Problem]]:
    """Rows of an uploaded table: the header names, then (spreadsheet row number, cells) pairs."""
    columns = find_columns(headers)
    if isinstance(columns, Problem):
        return [], [columns]
    period, value, annotation = columns
    records = [
        (number, row[period], row[value], row[annotation] if annotation is not None else "")
        for number, row in numbered
    ]
    return check_rows(records)
