"""CSV/XLSX downloads of the directory, the register and the dosage figures."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse

from champions.dosage import Dosage, DosageReport
from core.exports import Column, export_response


def _names(items: Any) -> str:
    return "; ".join(str(i) for i in items.all())


DIRECTORY_COLUMNS = [
    Column("Name", lambda c: c.person.display_name),
    Column("Email", lambda c: c.person.email),
    Column("Job title", lambda c: c.person.job_title),
    Column("Organisation", lambda c: c.organisation.label),
    Column("Level", lambda c: c.get_level_display()),
    Column("Methods", lambda c: c.method_labels()),
    Column("Topics", lambda c: _names(c.topics)),
    Column("Places", lambda c: _names(c.places) or "Anywhere in the system"),
    Column("Free hours this month", lambda c: c.free_now),
    Column("What they offer", lambda c: c.offer),
]
REGISTER_COLUMNS = [
    *DIRECTORY_COLUMNS,
    Column("Status", lambda c: c.get_status_display()),
    Column("Status reason", lambda c: c.status_reason),
    Column("Consents to be listed", lambda c: c.consent_to_list),
    Column("Agreed hours per month", lambda c: c.hours_per_month),
    Column("Agreed from", lambda c: c.capacity_start),
    Column("Agreed until", lambda c: c.capacity_end),
    Column("Agreed by", lambda c: c.capacity_agreed_by),
    Column("Committed hours this month", lambda c: c.committed_now),
    Column("Training that backs the level", lambda c: c.training_evidence),
]
DOSAGE_COLUMNS = [
    Column("Organisation", lambda d: d.name),
    Column("Headcount", lambda d: d.headcount),
    Column("Expert target (0.4%)", lambda d: d.expert_target),
    Column("Experts", lambda d: d.experts),
    Column("Expert gap", lambda d: d.expert_gap),
    Column("Coach target (5%)", lambda d: d.coach_target),
    Column("Coaches", lambda d: d.coaches),
    Column("Coach gap", lambda d: d.coach_gap),
    Column("Experts on the register", lambda d: d.register_experts),
    Column("Coaches on the register", lambda d: d.register_coaches),
    Column("Experts from training records", lambda d: d.trained_experts),
    Column("Coaches from training records", lambda d: d.trained_coaches),
    Column("Teams supported (low)", lambda d: d.teams_supported[0]),
    Column("Teams supported (high)", lambda d: d.teams_supported[1]),
]


def directory_export(rows: QuerySet[Any], fmt: str) -> HttpResponse | StreamingHttpResponse:
    return export_response(rows, DIRECTORY_COLUMNS, filename="champions", fmt=fmt, sheet_title="Champions")


def register_export(rows: QuerySet[Any], fmt: str) -> HttpResponse | StreamingHttpResponse:
    return export_response(
        rows, REGISTER_COLUMNS, filename="champion-register", fmt=fmt, sheet_title="Register"
    )


def dosage_rows(report: DosageReport) -> list[Dosage]:
    return [*report.organisations, report.system]


def dosage_export(report: DosageReport, fmt: str) -> HttpResponse | StreamingHttpResponse:
    return export_response(
        dosage_rows(report), DOSAGE_COLUMNS, filename="champion-dosage", fmt=fmt, sheet_title="Dosage"
    )
