"""The row checks of a training import, each kind of problem, without a database."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from training.importing import Lookups, check_rows, guess_mapping, mapping_problems

TODAY = datetime.date(2026, 6, 1)
LOOKUPS = Lookups(
    programmes={"bronze": 1, "silver": 2, "quality improvement silver": 2},
    organisations={"ghft": 10, "gloucestershire hospitals": 10},
    cohorts={(2, "spring 2026"): 7},
    provider_label="The Academy",
)
MAPPING = {
    "email": "Email",
    "name": "Name",
    "organisation": "Trust",
    "programme": "Course",
    "status": "Status",
    "completed_on": "Date",
    "cohort": "Cohort",
}


def table(*rows: dict[str, str]) -> pd.DataFrame:
    base = {"Email": "", "Name": "", "Trust": "", "Course": "", "Status": "", "Date": "", "Cohort": ""}
    return pd.DataFrame([{**base, **row} for row in rows])


def good(**changes: str) -> dict[str, str]:
    row = {"Email": "Ann.Lee@GHFT.example.org ", "Name": "Ann Lee", "Trust": "GHFT", "Course": "Bronze",
           "Status": "Completed", "Date": "12/03/2025"}  # fmt: skip
    return {**row, **changes}


def problems(frame: pd.DataFrame) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in check_rows(frame, MAPPING, LOOKUPS, TODAY).errors]


def test_good_rows_come_out_clean_with_ids_and_normalised_emails():
    second = good(
        Email="bo@ghc.example.org",
        Course="silver",
        Cohort="Spring 2026",
        Trust="",
        Status="",
        Date="2025-01-31",
    )
    checked = check_rows(table(good(), second), MAPPING, LOOKUPS, TODAY)

    assert checked.ok
    rows = checked.rows.to_dict("records")
    assert rows[0]["email"] == "ann.lee@ghft.example.org"
    assert rows[0]["programme_id"] == 1 and rows[0]["organisation_id"] == 10
    assert rows[0]["completed_on"] == datetime.date(2025, 3, 12)
    assert rows[1]["programme_id"] == 2 and rows[1]["cohort_id"] == 7
    assert rows[1]["status"] == "completed"  # blank status with a date means completed
    assert pd.isna(rows[1]["organisation_id"])


def test_an_unknown_programme_is_reported_with_the_programmes_that_exist():
    found = problems(table(good(), good(Email="b@x.org", Course="Platinum")))

    assert len(found) == 1
    row, column, message = found[0]
    assert (row, column) == (3, "Programme")
    assert "Not a programme of The Academy" in message and "bronze" in message


def test_a_bad_date_a_future_date_and_an_implausible_year_are_each_reported():
    found = problems(
        table(
            good(Date="31/02/2025"),
            good(Email="b@x.org", Date="2027-01-01"),
            good(Email="c@x.org", Date="1/1/0025"),
        )
    )

    assert [(r, c) for r, c, _ in found] == [
        (2, "Completion date"),
        (3, "Completion date"),
        (4, "Completion date"),
    ]
    assert "Not a date" in found[0][2]
    assert "future" in found[1][2]


def test_bad_and_missing_emails_are_reported():
    found = problems(table(good(Email="not an email"), good(Email=""), good(Email="a@b")))

    assert [(r, m) for r, _, m in found] == [
        (2, "Not a valid email address"),
        (3, "Email address is missing"),
        (4, "Not a valid email address"),
    ]


def test_the_same_person_and_programme_twice_in_a_file_is_a_duplicate_even_with_different_case():
    found = problems(
        table(good(), good(Email="ANN.LEE@ghft.example.org", Course="BRONZE"), good(Course="Silver"))
    )

    assert found == [(3, "Email address", "The same person and programme as row 2")]


def test_unknown_status_organisation_and_cohort_are_reported():
    found = problems(table(good(Status="Maybe"), good(Email="b@x.org", Trust="Mars Trust"),
                           good(Email="c@x.org", Course="Silver", Cohort="Winter 1999")))  # fmt: skip

    assert [(r, c) for r, c, _ in found] == [(2, "Status"), (3, "Organisation"), (4, "Cohort")]


def test_a_row_with_neither_status_nor_date_needs_one():
    assert problems(table(good(Status="", Date=""))) == [
        (2, "Status", "Give a status, or a completion date for a completed course")
    ]


def test_first_and_last_name_columns_make_the_name_when_there_is_no_full_name_column():
    frame = pd.DataFrame([{"E": "a@b.org", "P": "Bronze", "F": "Ann", "L": "Lee", "S": "booked"}])
    mapping = {"email": "E", "programme": "P", "first_name": "F", "last_name": "L", "status": "S"}

    checked = check_rows(frame, mapping, LOOKUPS, TODAY)

    assert checked.ok and checked.rows.iloc[0]["name"] == "Ann Lee"


def test_headings_are_guessed_and_a_missing_required_field_is_a_mapping_problem():
    columns = ["E-mail", "Full name", "Course", "Date completed", "Notes"]
    mapping = guess_mapping(columns)

    assert mapping["email"] == "E-mail" and mapping["name"] == "Full name"
    assert mapping["programme"] == "Course" and mapping["completed_on"] == "Date completed"
    assert mapping_problems(mapping, columns) == {}
    assert "programme" in mapping_problems({**mapping, "programme": ""}, columns)
    assert "status" in mapping_problems({**mapping, "status": "Course"}, columns)


def test_a_name_too_long_to_store_is_refused_not_cut():
    checked = check_rows(
        table(good(), good(Email="bo@ghc.example.org", Name="B" * 1_000_000)), MAPPING, LOOKUPS, TODAY
    )

    assert not checked.ok
    [error] = checked.errors
    assert (error.row, error.message) == (
        3,
        "The name is longer than 200 characters: shorten it rather than lose the end",
    )
    assert error.value.endswith("(1,000,000 characters)") and len(error.value) < 200


def test_an_email_too_long_to_store_is_refused():
    long_email = "a" * 250 + "@ghft.example.org"
    assert problems(table(good(Email=long_email))) == [(2, "Email address", "Longer than 254 characters")]


def test_an_unknown_programme_is_named_in_the_faculty_s_words():
    lookups = Lookups(
        programmes={"bronze": 1, "qi silver": 2},
        organisations={},
        provider_label="The Academy",
        programme_names=("QI Silver", "Bronze"),
    )
    checked = check_rows(table(good(Course="Platinum", Trust="")), MAPPING, lookups, TODAY)
    [error] = checked.errors
    assert error.message == "Not a programme of The Academy (expected one of: Bronze, QI Silver)"


@pytest.mark.django_db
def test_the_faculty_s_lookups_carry_its_programme_names():
    from tests.training.factories import ProgrammeFactory, ProviderFactory
    from training.services import lookups_for

    provider = ProviderFactory()
    ProgrammeFactory(provider=provider, name="QSIR Practitioner", code="QSIR-P")
    lookups = lookups_for(provider)
    assert lookups.programme_names == ("QSIR Practitioner",)
    from training.importing import lookup_key

    assert lookups.programmes[lookup_key("qsir practitioner")] == lookups.programmes[lookup_key("QSIR-P")]
