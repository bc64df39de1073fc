"""Reading measure data typed, pasted or uploaded by people: periods, values, annotations, row by row.

Plain Python (no Django), so the parsing rules are unit-tested on their own. Every problem names the row
as people see it (the line of the paste, or the spreadsheet row with the header as row 1) and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.parsing import RowError, parse_date, parse_number

MAX_ROWS = 5000
MAX_ANNOTATION = 200

PERIOD_HEADERS = ("period", "date", "week", "week commencing", "week ending", "month", "day", "quarter")
VALUE_HEADERS = ("value", "values", "count", "number", "rate", "result", "measure")
ANNOTATION_HEADERS = ("annotation", "note", "notes", "comment", "comments")


@dataclass(frozen=True)
class Row:
    row: int
    period: dt.date
    value: float
    annotation: str = ""


# A bad row: the portal's one row-error type (row as the person numbers it, column, message, value).
Problem = RowError


def parse_period(text: str) -> dt.date | None:
    """The first day of the period a cell names: any date, month, quarter (calendar or NHS financial
    year), ISO week or Excel serial that `core.parsing` reads."""
    return parse_date(text)


def parse_value(text: str) -> float | None:
    """A number, allowing thousands separators, a trailing %, a Unicode minus and surrounding spaces."""
    return parse_number(text)


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
    if not records and not problems:
        number, line = lines[0]
        return [], [
            Problem(
                number,
                "period",
                "No data found: the only line looks like column names. Give a period and a value on "
                "each line, such as 05/01/2026 and 42",
                line.strip(),
            )
        ]
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
    numbered = list(numbered)
    columns = find_columns(headers)
    if isinstance(columns, Problem):
        if len(headers) < 2 or parse_period(headers[0]) is None or parse_value(headers[1]) is None:
            return [], [columns]
        # No header row: the first row is data, in the order a paste takes (period, value, annotation).
        first = min((n for n, _ in numbered), default=2) - 1
        numbered = [(first, list(headers)), *numbered]
        columns = (0, 1, 2 if len(headers) > 2 else None)
    period, value, annotation = columns
    records = [
        (number, row[period], row[value], row[annotation] if annotation is not None else "")
        for number, row in numbered
    ]
    if not records:
        return [], [Problem(1, "", "The file has no rows of data under its column names")]
    return check_rows(records)
