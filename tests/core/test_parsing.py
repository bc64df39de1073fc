"""The one date and number parser every paste and import uses."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.parsing import MONTH, QUARTER, WEEK, parse_date, parse_number, parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-03", dt.date(2024, 4, 3)),
        ("2024-04-03 00:00:00", dt.date(2024, 4, 3)),
        ("03/04/2024", dt.date(2024, 4, 3)),  # day first
        ("3.4.24", dt.date(2024, 4, 3)),
        ("3 April 2024", dt.date(2024, 4, 3)),
        ("03-Apr-2024", dt.date(2024, 4, 3)),
        ("03/04/2024 09:30", dt.date(2024, 4, 3)),
        ("2024-04", dt.date(2024, 4, 1)),
        ("Apr-24", dt.date(2024, 4, 1)),
        ("April 2024", dt.date(2024, 4, 1)),
        ("Q1 2024", dt.date(2024, 1, 1)),
        ("2024 Q2", dt.date(2024, 4, 1)),
        ("2024-Q4", dt.date(2024, 10, 1)),
        ("2024/25 Q1", dt.date(2024, 4, 1)),  # the NHS financial year starts in April
        ("2024/25 Q4", dt.date(2025, 1, 1)),
        ("Q3 2024/25", dt.date(2024, 10, 1)),
        ("2024-25 Q2", dt.date(2024, 7, 1)),
        ("2024-W14", dt.date(2024, 4, 1)),
        ("2024 W01", dt.date(2024, 1, 1)),
        ("2020-W53", dt.date(2020, 12, 28)),
        ("45383", dt.date(2024, 4, 1)),  # an Excel date serial
        ("45383.0", dt.date(2024, 4, 1)),
        (45383, dt.date(2024, 4, 1)),
        (dt.datetime(2024, 4, 1, 12, 0), dt.date(2024, 4, 1)),
    ],
)
def test_it_reads_every_common_form(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "soon", "2024-13-01", "31/02/2024", "Q5 2024", "2024/26 Q1", "2024-W54", "42", "123456", True],
)
def test_it_refuses_what_is_not_a_date(text):
    assert parse_date(text) is None


def test_it_says_which_kind_of_period_a_cell_names():
    assert parse_period("2024/25 Q1").kind == QUARTER
    assert parse_period("2024-W14").kind == WEEK
    assert parse_period("Apr-24").kind == MONTH


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234.5", 1234.5), ("12%", 12.0), (" 7 ", 7.0), ("\u22123.5", -3.5), ("1 000", 1000.0), (".5", 0.5)],
)
def test_it_reads_numbers_as_spreadsheets_write_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "nan", "inf", "-Infinity", "12abc", "1e999", "--1", True])
def test_it_refuses_what_is_not_a_finite_number(text):
    assert parse_number(text) is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_date_round_trips_through_its_common_spellings(day):
    for text in (
        day.isoformat(),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d %B %Y"),
        day.strftime("%d-%b-%Y"),
    ):
        assert parse_date(text) == day


@given(st.integers(min_value=1990, max_value=2099), st.integers(min_value=1, max_value=4))
def test_financial_quarters_start_three_months_after_calendar_ones(year, quarter):
    calendar = parse_date(f"Q{quarter} {year}")
    financial = parse_date(f"{year}/{(year + 1) % 100:02d} Q{quarter}")
    assert calendar is not None and financial is not None
    months = (financial.year - calendar.year) * 12 + financial.month - calendar.month
    assert months == 3


@given(st.text(max_size=30))
def test_no_text_makes_the_parser_fail(text):
    parse_date(text)
    parse_number(text)
