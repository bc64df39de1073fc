"""Checking a faculty's training spreadsheet, every row, before anything is saved.

Pure rules over a pandas table of text cells (as `core.spreadsheets.read_table` returns): the columns the
person matched to each field, and look-ups of the provider's programmes, the partners and the cohorts.
The checks are vectorised so that 100,000 rows take a second or two. The result is either clean rows
ready to save or the list of every problem by row; `training.services` does the saving.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from core.parsing import RowError, parse_date
from training.ladder import Status


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    required: bool
    guesses: tuple[str, ...]  # header names (normalised) that usually hold it
    hint: str = ""


TARGETS: tuple[Target, ...] = (
    Target("email", "Email address", True, ("email", "email address", "e-mail", "work email", "nhs email")),
    Target(
        "name", "Full name", False, ("name", "full name", "participant", "delegate", "trainee", "learner")
    ),
    Target("first_name", "First name", False, ("first name", "forename", "given name")),
    Target("last_name", "Last name", False, ("last name", "surname", "family name")),
    Target("organisation", "Organisation", False, ("organisation", "organization", "employer", "trust")),
    Target("programme", "Programme", True, ("programme", "program", "course", "level", "training")),
    Target(
        "status",
        "Status",
        False,
        ("status", "outcome", "result"),
        "Booked, attended, completed, graduated or withdrawn. Blank means completed when there is a date.",
    ),
    Target(
        "completed_on",
        "Completion date",
        False,
        ("completion date", "completed", "date completed", "completed on", "date", "graduation date"),
    ),
    Target("cohort", "Cohort", False, ("cohort", "group", "intake")),
)
TARGET_LABELS = {t.key: t.label for t in TARGETS}

STATUS_WORDS = {
    **{s.value: s.value for s in Status},
    "complete": Status.COMPLETED.value,
    "passed": Status.COMPLETED.value,
    "pass": Status.COMPLETED.value,
    "certified": Status.COMPLETED.value,
    "graduate": Status.GRADUATED.value,
    "attending": Status.ATTENDED.value,
    "did not complete": Status.WITHDRAWN.value,
    "withdrew": Status.WITHDRAWN.value,
    "cancelled": Status.WITHDRAWN.value,
    "registered": Status.BOOKED.value,
    "enrolled": Status.BOOKED.value,
}
EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")
EARLIEST = pd.Timestamp("1990-01-01")
# The trainee's columns (training.models.Trainee): longer text is refused, never cut.
MAX_EMAIL_CHARACTERS = 254
MAX_NAME_CHARACTERS = 200
OUTPUT_COLUMNS = ["email", "name", "organisation_id", "programme_id", "cohort_id", "status", "completed_on"]


def _header_key(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", value.lower()).strip()


def lookup_key(value: str) -> str:
    """How names are compared with what people typed: case, spaces and punctuation do not matter."""
    return _header_key(value)


def guess_mapping(columns: list[str]) -> dict[str, str]:
    """The file column each field most likely comes from, by its header; "" when none fits."""
    by_key = {_header_key(c): c for c in columns}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for target in TARGETS:
        found = ""
        for guess in target.guesses:
            column = by_key.get(_header_key(guess))
            if column and column not in used:
                found = column
                break
        mapping[target.key] = found
        if found:
            used.add(found)
    return mapping


def mapping_problems(mapping: Mapping[str, str], columns: list[str]) -> dict[str, str]:
    """Field key -> what is wrong with the choice of columns."""
    problems: dict[str, str] = {}
    for target in TARGETS:
        chosen = mapping.get(target.key, "")
        if chosen and chosen not in columns:
            problems[target.key] = f"The file has no column called “{chosen}”"
        elif target.required and not chosen:
            problems[target.key] = f"Choose the column that holds the {target.label.lower()}"
    chosen_columns = [c for c in mapping.values() if c]
    for target in TARGETS:
        chosen = mapping.get(target.key, "")
        if chosen and chosen_columns.count(chosen) > 1 and target.key not in problems:
            problems[target.key] = f"“{chosen}” is chosen for more than one field"
    return problems


@dataclass(frozen=True)
class Lookups:
    programmes: Mapping[str, int]  # lookup_key(name or code) -> programme id, for one provider
    organisations: Mapping[str, int]  # lookup_key(name or short name) -> organisation id
    cohorts: Mapping[tuple[int, str], int] = field(default_factory=dict)  # (programme id, key) -> id
    provider_label: str = "this faculty"
    programme_names: tuple[str, ...] = ()  # as the faculty writes them, for messages


@dataclass
class Checked:
    rows: pd.DataFrame  # OUTPUT_COLUMNS, one per good row; empty when there are errors
    errors: list[RowError]
    row_count: int

    @property
    def ok(self) -> bool:
        return not self.errors


def _column(frame: pd.DataFrame, mapping: Mapping[str, str], key: str) -> pd.Series:
    name = mapping.get(key, "")
    if name and name in frame.columns:
        return frame[name].fillna("").astype(str).str.strip()
    return pd.Series("", index=frame.index, dtype=object)


def _shown(value: str, limit: int = 120) -> str:
    """A value as the problems report shows it: a very long one by its start and its length."""
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"


def _errors(mask: pd.Series, key: str, values: pd.Series, message: str | pd.Series) -> list[RowError]:
    if not mask.any():
        return []
    label = TARGET_LABELS[key]
    picked = values[mask]
    messages = message[mask] if isinstance(message, pd.Series) else None
    return [
        RowError(
            row=int(index) + 2,
            column=label,
            message=str(messages.loc[index]) if messages is not None else str(message),
            value=_shown(str(value)),
        )
        for index, value in picked.items()
    ]


def _keys(values: pd.Series) -> pd.Series:
    """lookup_key of each cell, worked out once per distinct value (a file repeats the same few names)."""
    return values.map({value: lookup_key(value) for value in values.unique()})


def parse_dates(values: pd.Series) -> pd.Series:
    """Each text cell as a timestamp (NaT when blank or not a date), read by the portal's one date parser
    (`core.parsing`: day-first dates, ISO dates, months, quarters, weeks, Excel serials), once per
    distinct value."""
    parsed = {value: parse_date(value) for value in values.unique() if value != ""}
    return pd.to_datetime(values.map(parsed), errors="coerce").astype("datetime64[ns]")


def check_rows(
    frame: pd.DataFrame, mapping: Mapping[str, str], lookups: Lookups, today: datetime.date
) -> Checked:
    """Every problem in every row, or the rows ready to save. `frame` keeps read_table's index order, so
    position n is spreadsheet row n + 2."""
    frame = frame.reset_index(drop=True)
    errors: list[RowError] = []

    raw_email = _column(frame, mapping, "email")
    email = raw_email.str.strip().str.lower()  # as training.ladder.normalise_email
    errors += _errors(email == "", "email", raw_email, "Email address is missing")
    bad_email = (email != "") & ~email.str.match(EMAIL.pattern)
    errors += _errors(bad_email, "email", raw_email, "Not a valid email address")

    too_long = email.str.len() > MAX_EMAIL_CHARACTERS
    errors += _errors(too_long, "email", raw_email, f"Longer than {MAX_EMAIL_CHARACTERS} characters")

    name = _column(frame, mapping, "name")
    name_column = "name"
    if not mapping.get("name"):
        first, last = _column(frame, mapping, "first_name"), _column(frame, mapping, "last_name")
        name = (first + " " + last).str.strip()
        name_column = "first_name"
    errors += _errors(
        name.str.len() > MAX_NAME_CHARACTERS,
        name_column,
        name,
        f"The name is longer than {MAX_NAME_CHARACTERS} characters: shorten it rather than lose the end",
    )

    raw_programme = _column(frame, mapping, "programme")
    programme_id = _keys(raw_programme).map(lookups.programmes)
    errors += _errors(raw_programme == "", "programme", raw_programme, "Programme is missing")
    unknown = (raw_programme != "") & programme_id.isna()
    names = lookups.programme_names or tuple(sorted(lookups.programmes))
    known = ", ".join(sorted(names, key=str.casefold)[:12]) + ("…" if len(names) > 12 else "")
    errors += _errors(
        unknown,
        "programme",
        raw_programme,
        f"Not a programme of {lookups.provider_label} (expected one of: {known})",
    )

    raw_org = _column(frame, mapping, "organisation")
    organisation_id = _keys(raw_org).map(lookups.organisations)
    errors += _errors(
        (raw_org != "") & organisation_id.isna(), "organisation", raw_org, "Not a partner organisation"
    )

    raw_date = _column(frame, mapping, "completed_on")
    dates = parse_dates(raw_date)
    not_date = (raw_date != "") & dates.isna()
    errors += _errors(not_date, "completed_on", raw_date, "Not a date: use DD/MM/YYYY or YYYY-MM-DD")
    future = dates > pd.Timestamp(today)
    errors += _errors(future, "completed_on", raw_date, "The date is in the future")
    too_old = dates < EARLIEST
    errors += _errors(too_old, "completed_on", raw_date, "The date is before 1990: check the year")

    raw_status = _column(frame, mapping, "status")
    status = _keys(raw_status).map(STATUS_WORDS)
    blank_status = raw_status == ""
    status = status.where(~(blank_status & dates.notna()), Status.COMPLETED.value)
    errors += _errors(
        blank_status & dates.isna() & ~not_date,
        "status",
        raw_status,
        "Give a status, or a completion date for a completed course",
    )
    errors += _errors(
        ~blank_status & status.isna(),
        "status",
        raw_status,
        "Not a status: use booked, attended, completed, graduated or withdrawn",
    )

    raw_cohort = _column(frame, mapping, "cohort")
    cohort_id = pd.Series(None, index=frame.index, dtype=object)
    has_cohort = raw_cohort != ""
    if has_cohort.any():
        keys = zip(programme_id[has_cohort], raw_cohort[has_cohort].map(lookup_key), strict=True)
        cohort_id[has_cohort] = [lookups.cohorts.get(key) for key in keys]
    errors += _errors(
        has_cohort & programme_id.notna() & cohort_id.isna(),
        "cohort",
        raw_cohort,
        "Not a cohort of this programme",
    )

    keyed = (email != "") & programme_id.notna()
    pair = email + "\x00" + programme_id.astype(str)
    duplicate = keyed & pair.duplicated(keep="first")
    if duplicate.any():
        first_row = pd.Series(frame.index + 2, index=frame.index).groupby(pair).transform("min")
        errors += _errors(
            duplicate,
            "email",
            raw_email,
            "The same person and programme as row " + first_row.astype(str),
        )

    if errors:
        errors.sort(key=lambda e: (e.row, e.column))
        return Checked(rows=pd.DataFrame(columns=OUTPUT_COLUMNS), errors=errors, row_count=len(frame))
    rows = pd.DataFrame(
        {
            "email": email,
            "name": name,
            "organisation_id": organisation_id.astype("Int64"),
            "programme_id": programme_id.astype("int64"),
            "cohort_id": cohort_id.astype("Int64"),
            "status": status,
            "completed_on": dates.dt.date.where(dates.notna(), None),
        }
    )
    return Checked(rows=rows, errors=[], row_count=len(frame))
