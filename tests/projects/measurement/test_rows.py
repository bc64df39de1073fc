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


def test_a_proportion_is_pasted_as_period_numerator_denominator_with_an_annotation():
    rows, problems = parse_paste(
        "Week\tMet\tTotal\n05/01/2026\t12\t40\tPDSA 1\n12/01/2026 15 41\n", "proportion"
    )
    assert problems == []
    assert [(r.period, r.value, r.denominator, r.annotation) for r in rows] == [
        (dt.date(2026, 1, 5), 12.0, 40.0, "PDSA 1"),
        (dt.date(2026, 1, 12), 15.0, 41.0, ""),
    ]


@pytest.mark.parametrize(
    ("kind", "line", "problem"),
    [
        ("rate", "05/01/2026\t3\tmany", ("denominator", "Enter the denominator as a number, such as 120")),
        ("rate", "05/01/2026\t-3\t100", ("value", "A count cannot be less than 0")),
        ("count", "05/01/2026\t-1", ("value", "A count cannot be less than 0")),
        ("time_between", "05/01/2026\t0", ("value", "The time between events must be more than 0")),
        ("proportion", "05/01/2026\t\t40", ("value", "Enter the numerator")),
    ],
)
def test_values_that_cannot_be_right_for_what_a_measure_records_are_named(kind, line, problem):
    rows, problems = parse_paste(line, kind)
    assert rows == [] and [(p.column, p.message) for p in problems] == [problem]


def test_an_upload_of_a_rate_needs_a_denominator_column_and_reads_one_without_headers():
    rows, problems = table_records(["period", "count"], [(2, ["2026-01-05", "5"])], "rate")
    assert rows == [] and "a 'numerator' column and a 'denominator' column" in problems[0].message
    rows, problems = table_records(["2026-01-05", "3", "1200"], [(2, ["2026-01-12", "5", "1150"])], "rate")
    assert problems == [] and [(r.row, r.value, r.denominator) for r in rows] == [
        (1, 3.0, 1200.0),
        (2, 5.0, 1150.0),
    ]


def test_a_single_value_measure_ignores_a_third_column_as_its_annotation():
    rows, problems = parse_paste("05/01/2026\t5\t40\n")
    assert problems == [] and (rows[0].value, rows[0].denominator, rows[0].annotation) == (5.0, None, "40")
