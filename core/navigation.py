"""The header navigation: the portal's sections, each shown only to users its route's access rule admits.

Visibility comes from the route access table (core.access), so navigation can never offer a page that
would be refused. Sections whose app has not registered the route yet are simply left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from core.access import access_for


@dataclass(frozen=True)
class Section:
    label: str
    route: str
    # Other route-name prefixes under this section, for marking it as current.
    prefixes: tuple[str, ...] = ()


SECTIONS: tuple[Section, ...] = (
    Section("Projects", "projects:browse", ("projects:",)),
    Section("Measures", "projects:measures_portfolio", ("projects:measure",)),
    Section("Training", "training:find", ("training:",)),
    Section("Champions", "champions:champions", ("champions:",)),
    Section("Facilitation", "facilitation:mine", ("facilitation:",)),
    Section("Prioritisation queue", "facilitation:queue", ("facilitation:queue", "facilitation:meeting")),
    Section("Dashboards", "governance:dashboards", ("governance:",)),
    Section("Admin", "admin:index", ("admin:",)),
)


def items(request: Any) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    current = request.resolver_match.view_name if getattr(request, "resolver_match", None) else ""
    result = []
    for section in SECTIONS:
        access = access_for(section.route)
        if access is None or not access.allows(user):
            continue
        try:
            href = reverse(section.route)
        except NoReverseMatch:
            continue
        is_current = current == section.route or any(current.startswith(p) for p in section.prefixes)
        result.append({"text": section.label, "href": href, "active": is_current})
    # Mark only the most specific match as current.
    active = [i for i in result if i["active"]]
    for extra in active[:-1] if len(active) > 1 else []:
        extra["active"] = False
    return result


def may_open(request: Any, route: str) -> bool:
    """Whether the route's access rule admits this request's user: for links to pages within a section,
    so a page offers exactly the pages its reader can open."""
    return user_may_open(getattr(request, "user", None), route)


def user_may_open(user: Any, route: str) -> bool:
    access = access_for(route)
    return access is not None and access.allows(user)
