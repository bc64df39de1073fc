"""Paging, exports, upload checks and spreadsheet reading that every app uses."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from openpyxl import load_workbook

from core.exports import Column, export_response
from core.paging import page_numbers, paginate
from core.spreadsheets import RowError, error_report_csv, file_row, read_table
from core.uploads import CSV, JPEG, PDF, PNG, check_upload

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def test_page_numbers_show_the_ends_and_the_neighbourhood():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 5) == [1, 2, 3, 4, 5]
    assert page_numbers(10, 20) == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_paginate_keeps_the_filters_in_the_links_and_survives_bad_page_numbers():
    request = RequestFactory().get("/x/", {"q": "frailty", "page": "99"})
    paged = paginate(request, list(range(45)), per_page=20)

    assert paged.page.number == 3
    assert paged.count == 45
    assert paged.pagination["previous"]["href"] == "?q=frailty&page=2"
    assert "next" not in paged.pagination
    assert paginate(RequestFactory().get("/x/", {"page": "abc"}), [1, 2], 20).page.number == 1
    assert paginate(RequestFactory().get("/x/"), [1, 2], 20).pagination == {}


COLUMNS = [
    Column("Title", lambda r: r["title"]),
    Column("Date", lambda r: r["date"]),
    Column("Count", lambda r: r["n"]),
    Column("Tags", lambda r: r["tags"]),
]
ROWS = [
    {"title": "=HYPERLINK(evil)", "date": datetime.date(2026, 1, 2), "n": 3, "tags": ["a", "b"]},
    {"title": "Frailty ward", "date": None, "n": -1, "tags": []},
]


def test_csv_export_has_headers_values_and_defuses_formulas():
    response = export_response(ROWS, COLUMNS, filename="projects", fmt="csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[union-attr]

    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    assert rows[0] == ["Title", "Date", "Count", "Tags"]
    assert rows[1] == ["'=HYPERLINK(evil)", "2026-01-02", "3", "a; b"]
    assert rows[2] == ["Frailty ward", "", "-1", ""]


def test_xlsx_export_keeps_dates_and_numbers_typed():
    response = export_response(ROWS, COLUMNS, filename="projects", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active

    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Title", "Date", "Count", "Tags")
    assert values[1][0] == "'=HYPERLINK(evil)"
    assert values[1][1] == datetime.datetime(2026, 1, 2)
    assert values[1][2] == 3


def test_xlsx_export_freezes_and_filters_its_header_sizes_its_columns_and_shows_dates_in_words():
    rows = [*ROWS, {"title": "A much longer project title than the header", "date": None, "n": 1, "tags": []}]
    sheet = load_workbook(io.BytesIO(export_response(rows, COLUMNS, filename="p", fmt="xlsx").content)).active

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == len("A much longer project title than the header") + 2
    assert sheet.column_dimensions["B"].width == 13  # a date, "2 Jan 2026"
    assert sheet["B2"].number_format == "d mmm yyyy" and sheet["B2"].is_date


@pytest.mark.parametrize(
    ("name", "content", "kind"), [("poster.pdf", PDF_BYTES, PDF), ("p.png", PNG_BYTES, PNG)]
)
def test_uploads_are_recognised_by_content(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content), [PDF, PNG, JPEG], 1024 * 1024) is kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("poster.pdf", EXE_BYTES, "must be a PDF, PNG, JPEG"),  # a renamed program
        ("poster.png", PDF_BYTES, "must be a PDF, PNG, JPEG"),  # content and name disagree
        ("poster.pdf", b"", "is empty"),
        ("poster.pdf", PDF_BYTES + b"\x00" * 2048, "smaller than"),
    ],
)
def test_bad_uploads_are_refused_with_the_reason(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content), [PDF, PNG, JPEG], 1024)


def test_a_csv_is_accepted_only_when_it_is_text():
    assert check_upload(SimpleUploadedFile("d.csv", b"period,value\n2026-01-05,3\n"), [CSV], 1000) is CSV
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("d.csv", EXE_BYTES), [CSV], 1000)


def test_read_table_gives_text_cells_and_the_file_row_numbers():
    data = "Name , Email\nAnn,ann@x.example\n\nBob, bob@x.example \n".encode("cp1252")
    frame = read_table(io.BytesIO(data), "people.csv")

    assert list(frame.columns) == ["Name", "Email"]
    assert [file_row(i) for i in frame.index] == [2, 4]
    assert frame.iloc[1]["Email"] == "bob@x.example"


def test_error_report_lists_rows_in_order():
    report = error_report_csv(
        [RowError(5, "Email", "Not an email address", "bob"), RowError(2, "Date", "Not a date")]
    )

    assert report.splitlines() == [
        "Row,Column,Problem,Value",
        "2,Date,Not a date,",
        "5,Email,Not an email address,bob",
    ]
