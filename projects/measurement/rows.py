"""Reading measure data typed, pasted or uploaded by people: periods, values (or a numerator and a
denominator), annotations, row by row.

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
NUMERATOR_HEADERS = ("numerator", "value", "count", "events", "number", "yes", "met")
DENOMINATOR_HEADERS = (
    "denominator",
    "total",
    "out of",
    "of",
    "size",
    "n",
    "exposure",
    "bed days",
    "population",
)
ANNOTATION_HEADERS = ("annotation", "note", "notes", "comment", "comments")


@dataclass(frozen=True)
class Row:
    row: int
    period: dt.date
    value: float  # for a proportion or rate, the numerator
    annotation: str = ""
    denominator: float | None = None


# What a measure records decides which values make sense (models.Measure.ValueKind).
RATIO_KINDS = ("proportion", "rate")
COUNT_KINDS = ("proportion", "rate", "count", "cases_between")


def value_problem(kind: str, value: float, denominator: float | None) -> tuple[str, str] | None:
    """(column, message) when a value (and denominator) cannot be right for what the measure records."""
    if kind in RATIO_KINDS:
        if denominator is None:
            return "denominator", "Enter the denominator"
        if denominator <= 0:
            return "denominator", "The denominator must be more than 0"
    if kind in COUNT_KINDS and value < 0:
        return "value", "A count cannot be less than 0"
    if kind == "proportion" and denominator is not None and value > denominator:
        return "value", "The numerator cannot be more than the denominator"
    if kind == "time_between" and value <= 0:
        return "value", "The time between events must be more than 0"
    return None


# A bad row: the portal's one row-error type (row as the person numbers it, column, message, value).
Problem = RowError


def parse_period(text: str) -> dt.date | None:
    """The first day of the period a cell names: any date, month, quarter (calendar or NHS financial
    year), ISO week or Excel serial that `core.parsing` reads."""
    return parse_date(text)


def parse_value(text: str) -> float | None:
    """A number, allowing thousands separators, a trailing %, a Unicode minus and surrounding spaces."""
    return parse_number(text)


def check_rows(
    records: Iterable[tuple[int, str, str, str] | tuple[int, str, str, str, str]], kind: str = "value"
) -> tuple[list[Row], list[Problem]]:
    """(row number, period text, value text, annotation text[, denominator text]) to rows, or problems for
    every bad row; a period given twice is a problem on its second row. A proportion or rate (`kind`)
    needs a denominator on every row."""
    rows: list[Row] = []
    problems: list[Problem] = []
    seen: dict[dt.date, int] = {}
    ratio = kind in RATIO_KINDS
    for number, period_text, value_text, annotation, *rest in records:
        denominator_text = rest[0] if rest else ""
        period = parse_period(period_text)
        value = parse_value(value_text)
        denominator = parse_value(denominator_text) if ratio else None
        before = len(problems)
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
        name = "numerator" if ratio else "value"
        if not value_text.strip():
            problems.append(Problem(number, "value", f"Enter the {name}"))
        elif value is None:
            problems.append(
                Problem(number, "value", f"Enter the {name} as a number, such as 42 or 3.5", value_text)
            )
        if ratio and denominator_text.strip() and denominator is None:
            problems.append(
                Problem(
                    number, "denominator", "Enter the denominator as a number, such as 120", denominator_text
                )
            )
        elif value is not None and (wrong := value_problem(kind, value, denominator)):
            column, message = wrong
            shown = denominator_text if column == "denominator" else value_text
            problems.append(Problem(number, column, message, shown.strip()))
        if len(annotation) > MAX_ANNOTATION:
            problems.append(
                Problem(number, "annotation", f"Annotations must be {MAX_ANNOTATION} characters or fewer")
            )
        if period is not None and period not in seen:
            seen[period] = number
        if len(problems) == before and period is not None and value is not None:
            rows.append(Row(number, period, value, annotation.strip(), denominator))
    if len(rows) + len(problems) > MAX_ROWS:
        return [], [Problem(0, "", f"Give at most {MAX_ROWS} rows at a time")]
    if problems:
        return [], problems
    return sorted(rows, key=lambda r: r.period), []


def _split(line: str, numbers: int = 1) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if ";" in line:
        return [c.strip() for c in line.split(";")]
    if re.search(r"\s{2,}", line.strip()):
        return [c.strip() for c in re.split(r"\s{2,}", line.strip())]
    if "," in line and parse_value(line) is None:
        cells = [c.strip() for c in line.split(",")]
        if len(cells) == numbers + 1 or parse_period(cells[0]) is not None:
            return cells
    parts = line.strip().rsplit(None, numbers)  # "5 Jan 2026 42": the value is the last word
    return parts if len(parts) == numbers + 1 else [line.strip()]


def _is_header(cells: Sequence[str]) -> bool:
    return (
        bool(cells) and parse_period(cells[0]) is None and (len(cells) < 2 or parse_value(cells[1]) is None)
    )


def parse_paste(text: str, kind: str = "value") -> tuple[list[Row], list[Problem]]:
    """Columns copied from a spreadsheet (period, value; or for a proportion or rate, period, numerator,
    denominator; then an optional annotation), separated by tabs, semicolons, commas or spaces; a header
    line is skipped."""
    ratio = kind in RATIO_KINDS
    numbers = 2 if ratio else 1
    wanted = "a period, a numerator and a denominator" if ratio else "a period and a value"
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        return [], [Problem(0, "", f"Paste at least one row: {wanted}")]
    records: list[tuple[int, str, str, str, str]] = []
    problems: list[Problem] = []
    for index, (number, line) in enumerate(lines):
        cells = _split(line, numbers)
        if index == 0 and _is_header(cells):
            continue
        if len(cells) < numbers + 1:
            column = "denominator" if ratio and len(cells) == 2 else "value"
            problems.append(Problem(number, column, f"Give {wanted} on each line", line.strip()))
            continue
        if len(cells) > numbers + 2:
            cells = [*cells[: numbers + 1], " ".join(cells[numbers + 1 :])]
        annotation = cells[numbers + 1] if len(cells) > numbers + 1 else ""
        records.append((number, cells[0], cells[1], annotation, cells[2] if ratio else ""))
    if not records and not problems:
        number, line = lines[0]
        example = "05/01/2026, 42 and 50" if ratio else "05/01/2026 and 42"
        return [], [
            Problem(
                number,
                "period",
                f"No data found: the only line looks like column names. Give {wanted} on each line, such "
                f"as {example}",
                line.strip(),
            )
        ]
    rows, row_problems = check_rows(records, kind)
    problems = sorted(problems + row_problems, key=lambda p: p.row)
    return ([], problems) if problems else (rows, [])


def find_columns(
    headers: Sequence[str], kind: str = "value"
) -> tuple[int, int, int | None, int | None] | Problem:
    """Where the period, value (or numerator), denominator and (optional) annotation columns are in an
    uploaded table."""
    names = [h.strip().lower() for h in headers]
    ratio = kind in RATIO_KINDS

    def find(candidates: Sequence[str], taken: Sequence[int | None] = ()) -> int | None:
        for candidate in candidates:  # in order of preference
            for i, name in enumerate(names):
                if name == candidate and i not in taken:
                    return i
        return None

    period = find(PERIOD_HEADERS)
    value = find(NUMERATOR_HEADERS if ratio else VALUE_HEADERS, [period])
    denominator = find(DENOMINATOR_HEADERS, [period, value]) if ratio else None
    annotation = find(ANNOTATION_HEADERS, [period, value, denominator])
    if period is None or value is None or (ratio and denominator is None):
        needed = "a 'numerator' column and a 'denominator' column" if ratio else "a 'value' column"
        return Problem(
            1,
            "",
            f"The first row must name the columns: a 'period' (or 'date') column and {needed}, with an "
            "optional 'annotation' column",
        )
    return period, value, denominator, annotation


def table_records(
    headers: Sequence[str], numbered: Iterable[tuple[int, Sequence[str]]], kind: str = "value"
) -> tuple[list[Row], list[Problem]]:
    """Rows of an uploaded table: the header names, then (spreadsheet row number, cells) pairs."""
    numbered = list(numbered)
    ratio = kind in RATIO_KINDS
    columns = find_columns(headers, kind)
    if isinstance(columns, Problem):
        numbers = 2 if ratio else 1
        if (
            len(headers) < numbers + 1
            or parse_period(headers[0]) is None
            or any(parse_value(h) is None for h in headers[1 : numbers + 1])
        ):
            return [], [columns]
        # No header row: the first row is data, in the order a paste takes.
        first = min((n for n, _ in numbered), default=2) - 1
        numbered = [(first, list(headers)), *numbered]
        columns = (0, 1, 2 if ratio else None, numbers + 1 if len(headers) > numbers + 1 else None)
    period, value, denominator, annotation = columns
    records = [
        (
            number,
            row[period],
            row[value],
            row[annotation] if annotation is not None else "",
            row[denominator] if denominator is not None else "",
        )
        for number, row in numbered
    ]
    if not records:
        return [], [Problem(1, "", "The file has no rows of data under its column names")]
    return check_rows(records, kind)
