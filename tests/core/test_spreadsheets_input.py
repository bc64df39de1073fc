"""Reading uploaded tables: what cannot be stored is refused wherever it is in the file, naming the row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from core.spreadsheets import MAX_CELL_CHARACTERS, UnreadableFile, read_table


def _csv(*lines: str) -> io.BytesIO:
    return io.BytesIO("\n".join(lines).encode())


def test_a_nul_far_into_a_csv_is_refused_with_its_row():
    rows = [f"person{i}@ghft.example.org,Person {i}" for i in range(400)]  # well past the first 8 KB
    rows[350] = "late@ghft.example.org,Late\x00 Person"

    with pytest.raises(UnreadableFile, match=r"Row 352 holds a NUL character"):
        read_table(_csv("Email,Name", *rows), "people.csv")


def test_a_nul_in_the_header_is_refused():
    with pytest.raises(UnreadableFile, match="header row holds a NUL"):
        read_table(_csv("Email,Na\x00me", "a@b.org,Ann"), "people.csv")


def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_refused():
    with pytest.raises(UnreadableFile, match=f"Row 3 has a cell longer than {MAX_CELL_CHARACTERS:,}"):
        read_table(_csv("Email,Name", "a@b.org,Ann", "b@b.org," + "x" * (MAX_CELL_CHARACTERS + 1)), "p.csv")


def test_an_ordinary_file_reads_as_text():
    frame = read_table(_csv("Email,Name", " a@b.org , Ann Lee "), "people.csv")
    assert frame.to_dict("records") == [{"Email": "a@b.org", "Name": "Ann Lee"}]


def test_a_workbook_reads_the_same_way():
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Email", "Name"])
    sheet.append(["a@b.org", "Ann Lee"])
    handle = io.BytesIO()
    book.save(handle)
    handle.seek(0)
    assert read_table(handle, "people.xlsx").to_dict("records") == [{"Email": "a@b.org", "Name": "Ann Lee"}]
