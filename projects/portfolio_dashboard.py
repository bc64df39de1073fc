"""The governance "portfolio" dashboard: published projects by status, system priority, place and
organisation; the IHI progress-score distribution; measures showing special cause improvement.

`figures()` is pure (plain project and measure rows in, the dashboard dict out) and tested on
hand-checked data; `build()` loads the rows in a fixed handful of queries. Registered in
`ProjectsConfig.ready()`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from community.selectors import place_and_descendant_ids
from core.periods import dashboard_period
from dashboards.shape import count_chart
from dashboards.triggers import data_changed
from projects import impact, selectors
from projects.measurement.models import Measure
from projects.models import PROGRESS_SCORES, Benefit, Project, Status

SOURCES = ("projects.project", "projects.measure", "projects.benefit")
CLOSED = frozenset({"completed", "stopped"})
NONE = "None recorded"
# Making Data Count variation icons (projects.spc.icons) grouped for the board.
VARIATION_GROUPS = [
    ("Special cause improvement", {"improvement_high", "improvement_low"}),
    ("Special cause concern", {"concern_high", "concern_low"}),
    ("Special cause, neither better nor worse", {"neutral_high", "neutral_low"}),
    ("Common cause variation", {"common_cause"}),
]
NOT_ENOUGH_DATA = "No icon yet (too few points)"
VARIATION_LABELS = [*(label for label, _ in VARIATION_GROUPS), NOT_ENOUGH_DATA]


@dataclass(frozen=True)
class ProjectRow:
    id: int
    status: str  # the status value, e.g. "testing"
    progress: Decimal
    start: datetime.date | None = None
    end: datetime.date | None = None
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()


def active_in(project: ProjectRow, start: datetime.date, end: datetime.date) -> bool:
    """Whether the project ran at some time from `start` to `end` (both days included): started by the end
    (or has no start date) and did not end before the start (or has no end date)."""
    return (project.start is None or project.start <= end) and (project.end is None or project.end >= start)


def _counted(values: Iterable[str]) -> list[list[Any]]:
    counts = Counter(values)
    return [[name, n] for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _group_of(variation: str | None) -> str:
    for label, members in VARIATION_GROUPS:
        if variation in members:
            return label
    return NOT_ENOUGH_DATA


def figures(
    projects: Sequence[ProjectRow],
    variations: Sequence[tuple[int, str | None]],
    statuses: Sequence[tuple[str, str]],
    scores: Sequence[Decimal],
) -> dict[str, Any]:
    """`variations`: (project id, variation icon or None) for each measure; `statuses`: (value, label)
    in order; `scores`: the progress scale. Measures of projects not in `projects` are left out."""
    ids = {p.id for p in projects}
    by_status = Counter(p.status for p in projects)
    by_score = Counter(p.progress for p in projects)
    groups = Counter(_group_of(v) for project, v in variations if project in ids)
    improving_projects = {
        project for project, v in variations if project in ids and _group_of(v) == VARIATION_GROUPS[0][0]
    }
    measures = sum(groups.values())
    return {
        "headline": [
            {"label": "Published projects", "value": len(projects)},
            {"label": "Active projects", "value": sum(1 for p in projects if p.status not in CLOSED)},
            {"label": "Measures showing special cause improvement", "value": groups[VARIATION_GROUPS[0][0]]},
            {"label": "Projects with a measure improving", "value": len(improving_projects)},
        ],
        "charts": [
            count_chart(
                "projects-by-status",
                "Projects by status",
                "Status",
                "Projects",
                [[label, by_status.get(value, 0)] for value, label in statuses],
            ),
            count_chart(
                "projects-by-priority",
                "Projects by system priority",
                "System priority",
                "Projects",
                _counted(name for p in projects for name in (p.priorities or (NONE,))),
            ),
            count_chart(
                "projects-by-organisation",
                "Projects by organisation",
                "Organisation",
                "Projects",
                _counted(name for p in projects for name in (p.organisations or (NONE,))),
            ),
            count_chart(
                "projects-by-place",
                "Projects by place",
                "Place",
                "Projects",
                _counted(name for p in projects for name in (p.places or (NONE,))),
            ),
            count_chart(
                "progress-scores",
                "Projects by IHI progress score",
                "Progress score",
                "Projects",
                [[f"{score:.1f}", by_score.get(score, 0)] for score in scores],
            ),
            count_chart(
                "measures-by-variation",
                "Measures by their latest variation icon",
                "Variation",
                "Measures",
                [
                    [label, groups.get(label, 0)]
                    for label in [*(g for g, _ in VARIATION_GROUPS), NOT_ENOUGH_DATA]
                ],
                chart_type="pie",
            ),
        ],
        "notes": [
            "Published projects only: drafts are seen by their teams alone.",
            "A project with several organisations, places or priorities counts once under each.",
            f"{measures} measures; each shows the Making Data Count variation icon of its latest point, "
            "worked out on an XmR chart whenever its data change.",
        ],
    }


IMPACT_COLUMNS = [
    "Type",
    "Kind of saving",
    "Unit",
    "Basis",
    "Total",
    "Projects",
    "Measured with high confidence",
]


def impact_charts(rows: Sequence[impact.BenefitRow], projects: Sequence[ProjectRow]) -> list[dict[str, Any]]:
    """Benefits by type, by organisation and by programme (system priority), like with like only. The
    charts draw how many projects report each benefit: totals in different units share no axis."""
    types, kinds = dict(Benefit.Type.choices), dict(Benefit.Money.choices)
    by_id = {p.id: p for p in projects}

    def table(totals: list[impact.Total], first: str | None) -> list[list[Any]]:
        return [
            [
                *([t.group] if first else []),
                types.get(t.type, t.type),
                kinds.get(t.money_kind, "").split(":")[0],
                t.unit,
                t.basis,
                impact.amount(t),
                t.project_count,
                f"{t.high_confidence / t.value:.0%}" if t.value else "\u2013",
            ]
            for t in totals
        ]

    def regroup(names_of: Any) -> list[impact.BenefitRow]:
        return [
            dataclasses.replace(r, group=name)
            for r in rows
            for name in (names_of(by_id[r.project_id]) or (NONE,))
        ]

    charts = []
    for chart_id, title, first, source in (
        ("benefits-by-type", "Benefits by type", None, list(rows)),
        (
            "benefits-by-organisation",
            "Benefits by organisation",
            "Organisation",
            regroup(lambda p: p.organisations),
        ),
        (
            "benefits-by-programme",
            "Benefits by programme",
            "System priority",
            regroup(lambda p: p.priorities),
        ),
    ):
        columns = [*([first] if first else []), *IMPACT_COLUMNS]
        charts.append(
            {
                "id": chart_id,
                "title": title,
                "type": "bar",
                "columns": columns,
                "rows": table(impact.roll_up(source), first),
                "series": ["Projects"],
                "empty": "No project has recorded a benefit yet.",
            }
        )
    return charts


def build(params: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    chosen = Project.objects.filter(published_at__isnull=False)
    if "organisation" in params:
        chosen = chosen.filter(organisations=params["organisation"])
    if "place" in params:
        chosen = chosen.filter(places__in=place_and_descendant_ids(params["place"]))
    ids = chosen.order_by().values("pk").distinct()
    related: dict[str, dict[int, list[str]]] = {}
    for name, through, label in (
        ("organisations", Project.organisations.through, "organisation__short_name"),
        ("places", Project.places.through, "place__name"),
        ("priorities", Project.priorities.through, "systempriority__name"),
    ):
        found = related.setdefault(name, {})
        fallback = "organisation__name" if name == "organisations" else label
        for project, short, full in through.objects.filter(project_id__in=ids).values_list(
            "project_id", label, fallback
        ):
            found.setdefault(project, []).append(short or full)
    projects = [
        ProjectRow(
            pk,
            status,
            progress,
            start,
            end,
            tuple(sorted(related["organisations"].get(pk, ()))),
            tuple(sorted(related["places"].get(pk, ()))),
            tuple(sorted(related["priorities"].get(pk, ()))),
        )
        for pk, status, progress, start, end in Project.objects.filter(pk__in=ids).values_list(
            "pk", "status", "progress_score", "start_date", "end_date"
        )
    ]
    bounds = dashboard_period(params["period"], timezone.localdate()) if "period" in params else None
    if bounds:
        projects = [p for p in projects if active_in(p, *bounds)]
    variations = list(Measure.objects.filter(project_id__in=ids).values_list("project_id", "variation"))
    data = figures(
        projects, [(p, v or None) for p, v in variations], Status.choices, [s for s, _ in PROGRESS_SCORES]
    )
    kept = {p.id for p in projects}
    rows = selectors.benefit_rows(Benefit.objects.filter(project_id__in=ids))
    benefits = [b for b in rows if b.project_id in kept]
    data["headline"].append(
        {"label": "Projects recording benefits", "value": len({b.project_id for b in benefits})}
    )
    data["charts"] += impact_charts(benefits, projects)
    data["notes"].append(
        "Benefits add up only like with like: the same type, unit and basis (monthly values times twelve "
        "make a year; one-off benefits stay apart), and money by its kind (cash-releasing, "
        "non-cash-releasing, cost avoidance)."
    )
    if bounds:
        data["notes"].append(
            "The period filter keeps projects that ran at some time in it (by their start and end dates); "
            "statuses, scores and icons are as they are now."
        )
    return data


def changed(sender: Any = None, **kwargs: Any) -> None:

    data_changed("projects.project")


def measures_changed() -> None:

    data_changed("projects.measure")


def benefits_changed() -> None:

    data_changed("projects.benefit")
