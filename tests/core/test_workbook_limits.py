"""Workbooks are read within limits: a zip bomb is refused from the zip's directory, before it unpacks."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from core import spreadsheets
from core.spreadsheets import UnreadableFile, read_table


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb(unpacked_bytes: int) -> bytes:
    """A real workbook whose sheet is padded with whitespace to `unpacked_bytes`: tiny zipped, huge open."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["email", "date"], ["a@b.example", "2026-01-05"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            data = source.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * unpacked_bytes, 1)
            bomb.writestr(part.filename, data)
    return out.getvalue()


def test_an_ordinary_workbook_is_read_as_text_cells():
    frame = read_table(
        io.BytesIO(_workbook([["Email", "Count"], ["a@b.example", 5], ["c@d.example", 7.5]])), "x.xlsx"
    )
    assert list(frame.columns) == ["Email", "Count"]
    assert frame.values.tolist() == [["a@b.example", "5"], ["c@d.example", "7.5"]]


def test_a_zip_bomb_is_refused_quickly_and_without_unpacking_it():
    bomb = _bomb(300 * 1024 * 1024)  # 300 MB of sheet in about 300 KB of file
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="unpacks to 300 MB"):
        read_table(io.BytesIO(bomb), "people.xlsx")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Bounds on work, not a timing assertion: the refusal reads the zip directory only.
    assert peak < 5 * 1024 * 1024, f"{peak} bytes allocated in {seconds:.3f} s"


def test_a_part_packed_far_tighter_than_a_spreadsheet_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024)
    with pytest.raises(UnreadableFile, match="packed far more tightly"):
        read_table(io.BytesIO(_bomb(20 * 1024 * 1024)), "people.xlsx")


def test_too_many_rows_or_columns_are_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    with pytest.raises(UnreadableFile, match="more than 3 rows"):
        read_table(io.BytesIO(_workbook([["n"], *[[i] for i in range(5)]])), "x.xlsx")
    monkeypatch.setattr(spreadsheets, "MAX_COLUMNS", 2)
    with pytest.raises(UnreadableFile, match="3 columns"):
        read_table(io.BytesIO(_workbook([["a", "b", "c"], [1, 2, 3]])), "x.xlsx")


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(UnreadableFile):
        read_table(io.BytesIO(b"not a zip at all"), "x.xlsx")
