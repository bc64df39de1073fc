"""The board pack as a workbook: a contents sheet that links to every sheet, readable sheet names, a bold
frozen header row with filters on every table, numbers and dates as numbers and dates, and a native
Excel chart beside each dashboard table that has figures to chart. Pure: plain data in, bytes out.
"""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from core.exports import cell, column_width
from dashboards.shape import has_figures

SHEET_NAME_LIMIT = 31  # Excel's own


def sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel accepts, cut at a word rather than mid-word, and unique in the workbook."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip().strip("'")
    clean = re.sub(r"\s+", " ", clean) or "Sheet"
    name = clean
    if len(name) > SHEET_NAME_LIMIT:
        cut = name[: SHEET_NAME_LIMIT + 1].rsplit(" ", 1)[0]
        name = cut if len(cut) >= 12 else name[:SHEET_NAME_LIMIT]
    base, n = name, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name)
    return name


def _table(sheet: Worksheet, columns: list[str], rows: list[list[Any]]) -> None:
    sheet.append(columns)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
    for row in rows:
        sheet.append([cell(v) for v in row])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column_width([r[index - 1] for r in rows], column)
        for item in sheet[letter][1:]:
            if isinstance(item.value, datetime.date):
                item.number_format = "d mmm yyyy"
            elif isinstance(item.value, float):
                item.number_format = "#,##0.0"
            elif isinstance(item.value, int):
                item.number_format = "#,##0"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _chart(sheet: Worksheet, chart: dict[str, Any]) -> None:
    """A native chart of the table's series, placed to the right of the table."""
    kind = chart.get("type", "bar")
    drawn: Any = LineChart() if kind == "line" else BarChart()
    if kind == "stacked-bar":
        drawn.grouping, drawn.overlap = "stacked", 100
    drawn.title = chart["title"]
    drawn.y_axis.title = chart["series"][0] if len(chart["series"]) == 1 else None
    drawn.x_axis.title = chart["columns"][0]
    drawn.height, drawn.width = 9, 18
    last = len(chart["rows"]) + 1
    for name in chart["series"]:
        column = chart["columns"].index(name) + 1
        drawn.add_data(Reference(sheet, min_col=column, min_row=1, max_row=last), titles_from_data=True)
    drawn.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    sheet.add_chart(drawn, f"{get_column_letter(len(chart['columns']) + 2)}2")


def render_xlsx(content: dict[str, Any]) -> bytes:
    workbook = Workbook()
    contents = workbook.active
    assert contents is not None
    contents.title = "Contents"
    contents.append([content["title"]])
    contents["A1"].font = Font(bold=True, size=14)
    contents.append([f"Prepared {content['prepared']}"])
    contents.append([])
    contents.append(["Sheet", "What it holds", "Figures as at"])
    for heading in contents[4]:
        heading.font = Font(bold=True)
    contents.column_dimensions["A"].width = 34
    contents.column_dimensions["B"].width = 60
    contents.column_dimensions["C"].width = 22
    used: set[str] = {"Contents"}

    def sheet(title: str, columns: list[str], rows: list[list[Any]], as_at: str | None = None) -> Worksheet:
        name = sheet_name(title, used)
        ws = workbook.create_sheet(name)
        _table(ws, columns, rows)
        contents.append([name, title, as_at or ""])
        link = contents.cell(row=contents.max_row, column=1)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(name)}!A1")
        link.style = "Hyperlink"
        return ws

    summary = content["summary"]
    sheet(
        "Summary",
        ["Dashboard", "Figure", "Now", "Change since the last pack", "Status"],
        [[r.dashboard, r.label, r.value, r.change, r.status] for r in summary["rows"]],
        content["prepared"],
    )
    for d in content["dashboards"]:
        if d["headline"]:
            sheet(
                f"{d['title']} figures",
                ["Figure", "Value"],
                [[h["label"], h["value"]] for h in d["headline"]],
                d["as_at"],
            )
        for chart in d["charts"]:
            ws = sheet(chart["title"], chart["columns"], chart["rows"], d["as_at"])
            if has_figures(chart):
                _chart(ws, chart)
    sheet("Delivery plan", content["plan"]["columns"], content["plan"]["rows"], content["prepared"])
    a = content["assessment"]
    if a:
        rows = [*a["components"], ["Overall", a["overall"]], ["Rating", a["rating"]]]
        sheet("Self-assessment", ["Component", "Score"], rows, f"assessed {a['assessed_on']:%-d %B %Y}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
