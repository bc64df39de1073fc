"""Export any list as CSV or XLSX: columns are (header, function of a row) pairs.

CSV streams row by row; XLSX is written by openpyxl in write-only mode. Cells that a spreadsheet would
read as a formula are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def cell(value: Any) -> Any:
    """A value safe and readable in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date | int | float | Decimal):
        return value
    if isinstance(value, list | tuple | set):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterable[Any], columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel reads UTF-8
    yield writer.writerow([c.header for c in columns])
    for row in rows:
        yield writer.writerow([_csv_text(cell(c.value(row))) for c in columns])


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


WIDTH_SAMPLE = 500  # rows read to size the columns
MAX_WIDTH = 60


def column_width(values: list[Any], header: str) -> float:
    """A column wide enough for its header and the longest of the first rows' values, within reason."""
    longest = len(header)
    for value in values:
        if isinstance(value, datetime.datetime):
            longest = max(longest, 16)
        elif isinstance(value, datetime.date):
            longest = max(longest, 11)
        else:
            longest = max(longest, len(str(value)))
    return min(longest + 2, MAX_WIDTH)


def xlsx_bytes(rows: Iterable[Any], columns: list[Column], sheet_title: str = "Export") -> bytes:
    """A workbook people can scan: a bold, frozen header row with filters, columns sized to their
    contents, and dates and numbers as dates and numbers (not text)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    values_of = ([cell(c.value(row)) for c in columns] for row in rows)
    sample = list(itertools.islice(values_of, WIDTH_SAMPLE))
    for index, column in enumerate(columns, start=1):
        width = column_width([r[index - 1] for r in sample], column.header)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        heading = WriteOnlyCell(sheet, value=column.header)
        heading.font = Font(bold=True)
        header.append(heading)
    sheet.append(header)
    count = 0
    for values in itertools.chain(sample, values_of):
        count += 1
        cells = []
        for value in values:
            item = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.datetime):
                item.number_format = "d mmm yyyy hh:mm"
            elif isinstance(value, datetime.date):
                item.number_format = "d mmm yyyy"
            cells.append(item)
        sheet.append(cells)
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    rows: Iterable[Any], columns: list[Column], *, filename: str, fmt: str, sheet_title: str = "Export"
) -> HttpResponse | StreamingHttpResponse:
    """`fmt` is "csv" or "xlsx"; `filename` has no extension."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(rows, columns, sheet_title), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    if fmt != "csv":
        raise ValueError(f"Unknown export format {fmt!r}")
    streaming = StreamingHttpResponse(_csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    streaming["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return streaming
