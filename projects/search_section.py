"""Projects in the portal-wide search (registered with community.search): the register's own search,
widened to any word or respelled when nothing matches, limited to what the person may see."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from community.search import SHOWN, Result, Section
from projects import selectors


def projects_section(user: Any, text: str) -> Section:
    found = selectors.search_widening(selectors.visible_projects(user), text)
    count = found.projects.count()
    rows = found.projects.select_related("lead")[:SHOWN] if count else []
    results = [
        Result(
            p.title,
            p.get_absolute_url(),
            f"{p.get_status_display()} · progress score {p.progress_score} · led by {p.lead.display_name}",
        )
        for p in rows
    ]
    everything = reverse("projects:browse") + "?" + urlencode({"q": text})
    return Section(
        "Projects",
        count,
        results,
        more=(f"All {count:,} projects found", everything) if count > SHOWN else None,
        note=found.note,
        suggestion=found.suggestion,
    )
