"""The community dashboard's arithmetic, over plain rows: pure, no Django."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ROLE_COLUMNS = ("Staff", "Steering group", "Improvement board", "Community admin")


@dataclass(frozen=True)
class OrgRow:
    id: int
    label: str
    kind: str  # display label of the kind
    headcount: int


def per_thousand(count: int, headcount: int) -> float | None:
    return round(count * 1000 / headcount, 1) if headcount else None


def build(
    orgs: Iterable[OrgRow],
    people_per_org: Mapping[int | None, int],
    roles_per_org: Mapping[int | None, Mapping[str, int]],
) -> dict[str, Any]:
    """`people_per_org`: active people by organisation id (None: no organisation); `roles_per_org`: how
    many of them hold each role besides Staff, by role label."""
    orgs = sorted(orgs, key=lambda o: o.label)
    per_org = Counter({k: v for k, v in people_per_org.items() if v})
    role_counts = {k: Counter(v) for k, v in roles_per_org.items()}
    by_kind: dict[str, list[OrgRow]] = {}
    for org in orgs:
        by_kind.setdefault(org.kind, []).append(org)
    kind_rows = [
        [kind, len(items), sum(o.headcount for o in items)] for kind, items in sorted(by_kind.items())
    ]
    user_rows = [
        [
            org.label,
            per_org.get(org.id, 0),
            org.headcount,
            per_thousand(per_org.get(org.id, 0), org.headcount),
        ]
        for org in orgs
    ]
    role_rows = []
    for org in orgs:
        counts = role_counts.get(org.id, Counter())
        role_rows.append([org.label, per_org.get(org.id, 0), *(counts.get(r, 0) for r in ROLE_COLUMNS[1:])])
    unaffiliated = per_org.get(None, 0)
    if unaffiliated:
        counts = role_counts.get(None, Counter())
        role_rows.append(["No organisation", unaffiliated, *(counts.get(r, 0) for r in ROLE_COLUMNS[1:])])
    return {
        "headline": [
            {"label": "Partner organisations", "value": len(orgs)},
            {"label": "Staff across the partners", "value": sum(o.headcount for o in orgs)},
            {"label": "People using the portal", "value": sum(per_org.values())},
        ],
        "charts": [
            {
                "id": "organisations-by-kind",
                "title": "Partner organisations by kind",
                "type": "bar",
                "columns": ["Kind", "Organisations", "Staff headcount"],
                "rows": kind_rows,
                "series": ["Staff headcount"],
            },
            {
                "id": "people-by-organisation",
                "title": "People using the portal by organisation",
                "type": "bar",
                "columns": ["Organisation", "People", "Staff headcount", "People per 1,000 staff"],
                "rows": user_rows,
                "series": ["People"],
            },
            {
                "id": "people-by-role",
                "title": "People by organisation and role",
                "type": "stacked-bar",
                "columns": ["Organisation", *ROLE_COLUMNS],
                "rows": role_rows,
                "series": list(ROLE_COLUMNS[1:]),
            },
        ],
        "notes": [
            "Everyone signed in is staff; the other roles are held on top of it.",
        ],
    }
