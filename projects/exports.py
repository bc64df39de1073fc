"""The columns of a project list exported as CSV or XLSX."""

from __future__ import annotations

from core.exports import Column
from projects.models import Project


def _names(project: Project, relation: str) -> list[str]:
    return [str(o) for o in getattr(project, relation).all()]


COLUMNS = [
    Column("ID", lambda p: p.pk),
    Column("Title", lambda p: p.title),
    Column("Status", lambda p: p.get_status_display()),
    Column("Published", lambda p: p.is_published),
    Column("Progress score", lambda p: p.progress_score),
    Column("Lead", lambda p: p.lead.display_name),
    Column("Lead's organisation", lambda p: p.lead.organisation.name if p.lead.organisation else ""),
    Column("Organisations", lambda p: _names(p, "organisations")),
    Column("Places", lambda p: _names(p, "places")),
    Column("System priorities", lambda p: _names(p, "priorities")),
    Column("Problem", lambda p: p.problem),
    Column("Aim", lambda p: p.aim),
    Column("Start date", lambda p: p.start_date),
    Column("End date", lambda p: p.end_date),
    Column("Co-produced", lambda p: p.co_production),
    Column("Health inequalities", lambda p: p.health_inequalities),
    Column("Results", lambda p: p.results),
    Column("Updated", lambda p: p.updated_at),
]
