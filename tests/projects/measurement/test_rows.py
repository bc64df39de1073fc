"""Parsing pasted and uploaded measure data (plain functions, no database)."""

import datetime as dt

import pytest

from projects.measurement.rows import Problem, parse_paste, parse_period, parse_value, table_records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-05", dt.date(2026, 1, 5)),
        ("05/01/2026", dt.date(2026, 1, 5)),
        ("5/1/26", dt.date(2026, 1, 5)),
        ("5 Jan 2026", dt.date(2026, 1, 5)),
        ("05-Jan-2026", dt.date(2026, 1, 5)),
        ("2026-01-05 00:00:00", dt.date(2026, 1, 5)),
        ("2026-01", dt.date(2026, 1, 1)),
        ("Jan 2026", dt.date(2026, 1, 1)),
        ("January 2026", dt.date(2026, 1, 1)),
        ("31/02/2026", None),
        ("next week", None),
        ("", None),
    ],
)
def test_periods_are_read_in_the_forms_spreadsheets_use(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42.0),
        ("3.5", 3.5),
        ("1,234", 1234.0),
        (" 12% ", 12.0),
        ("-2", -2.0),
        ("abc", None),
        ("nan", None),
        ("inf", None),
        ("", None),
    ],
)
def test_values_are_numbers(text, expected):
    assert parse_value(text) == expected


def test_two_tab_separated_columns_with_a_header_are_read_in_period_order():
    rows, problems = parse_paste("Week\tFalls\n12/01/2026\t7\n05/01/2026\t5\tPDSA 1 started\n")
    assert problems == []
    assert [(r.period, r.value, r.annotation) for r in rows] == [
        (dt.date(2026, 1, 5), 5.0, "PDSA 1 started"),
        (dt.date(2026, 1, 12), 7.0, ""),
    ]


def test_commas_semicolons_and_spaces_separate_columns_too():
    for text in ("2026-01-05,5\n2026-01-12,7", "2026-01-05;5\n2026-01-12;7", "5 Jan 2026 5\n12 Jan 2026 7"):
        rows, problems = parse_paste(text)
        assert problems == [] and [r.value for r in rows] == [5.0, 7.0], text


def test_every_bad_line_is_reported_and_nothing_is_returned():
    rows, problems = parse_paste(
        "2026-01-05\t5\nnot a date\t6\n2026-01-19\tlots\n2026-01-05\t8\n2026-01-26\n"
    )
    assert rows == []
    assert problems == [
        Problem(2, "period", "Enter the period as a date, such as 05/01/2026 or 2026-01-05", "not a date"),
        Problem(3, "value", "Enter the value as a number, such as 42 or 3.5", "lots"),
        Problem(4, "period", "This period is already given in row 1", "2026-01-05"),
        Problem(5, "value", "Give a period and a value on each line", "2026-01-26"),
    ]


def test_an_empty_paste_says_what_to_give():
    assert parse_paste("  \n") == ([], [Problem(0, "", "Paste at least one row: a period and a value")])


def test_uploaded_tables_find_their_columns_by_name_and_number_rows_as_the_spreadsheet_does():
    rows, problems = table_records(
        ["Notes", "Date", "Value"], [(2, ["", "2026-01-05", "5"]), (4, ["Go live", "2026-01-12", "x"])]
    )
    assert rows == []
    assert problems == [Problem(4, "value", "Enter the value as a number, such as 42 or 3.5", "x")]


def test_an_upload_without_named_columns_is_refused_as_a_whole():
    rows, problems = table_records(["a", "b"], [(2, ["2026-01-05", "5"])])
    assert rows == [] and problems[0].row == 1 and "'period'" in problems[0].message
