"""The home page's "Your projects" panel (registered with community.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from community.home import Item, Panel
from projects import selectors
from projects.models import Project

SHOWN = 5


def your_projects(user: Any) -> Panel | None:
    """The projects this person leads or works on, most recently changed first, with where each stands."""
    if not getattr(user, "pk", None):
        return None
    ids = selectors.ids_involving(user)
    mine = Project.objects.filter(pk__in=ids).order_by("-updated_at", "-pk")
    total = len(ids)
    items = [
        Item(
            p.title,
            p.get_absolute_url(),
            f"{p.get_status_display()}{'' if p.published_at else ' · draft'} "
            f"· updated {p.updated_at:%-d %B %Y}",
        )
        for p in mine[:SHOWN]
    ]
    return Panel(
        "Your projects",
        items,
        count=f"{total} project{'s' if total != 1 else ''}",
        link=("All your projects", reverse("projects:browse") + "?mine=on") if total > SHOWN else None,
        empty="You are not on a project's team yet. Register one, or ask a lead to add you.",
    )


def your_badges(user: Any) -> Panel | None:
    """The celebrated projects this person was part of; nothing when there are none."""
    if not getattr(user, "pk", None):
        return None
    badges = list(selectors.celebrated_for(user)[:SHOWN])
    if not badges:
        return None
    return Panel(
        "Your celebrated projects",
        [Item(f"★ {c.project.title}", c.project.get_absolute_url(), c.award) for c in badges],
        count=f"{len(badges)} badge{'s' if len(badges) != 1 else ''}",
    )
