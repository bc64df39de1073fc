"""Export any list as CSV or XLSX: columns are (header, function of a row) pairs.

CSV streams row by row; XLSX is written by openpyxl in write-only mode. Cells that a spreadsheet would
read as a formula are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import datetime
import io
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


def xlsx_bytes(rows: Iterable[Any], columns: list[Column], sheet_title: str = "Export") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    header = []
    for column in columns:
        heading = WriteOnlyCell(sheet, value=column.header)
        heading.font = Font(bold=True)
        header.append(heading)
    sheet.append(header)
    for row in rows:
        values = []
        for column in columns:
            value = cell(column.value(row))
            item = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.datetime):
                item.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                item.number_format = "yyyy-mm-dd"
            values.append(item)
        sheet.append(values)
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
