"""The governance "capability" dashboard: people trained by level, organisation and period; competent
improvers against target, per organisation and for the system.

`figures()` is pure (plain rows in, the dashboard dict out) and tested on hand-checked tables; `build()`
loads the rows in one query and the targets and organisation names in two more. Registered in
`TrainingConfig.ready()`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import pandas as pd

from community.models import Organisation
from core.periods import dashboard_period, financial_year, month_label
from dashboards.triggers import data_changed
from training import figures as training_figures
from training.ladder import LEVEL_LABELS, Level

RECORDS = "training.record"  # sources passed to dashboards.triggers.data_changed()
TARGETS = "training.target"
SYSTEM = "Whole system"
NO_ORGANISATION = "No organisation"


def figures(
    frame: pd.DataFrame,
    organisations: Mapping[int, str],
    targets: Mapping[int | None, int],
    start: datetime.date,
    end: datetime.date,
    *,
    period_filtered: bool,
) -> dict[str, Any]:
    """`frame`: training rows (`training.figures.as_frame`); `organisations`: id -> name of the
    organisations to list; `start`/`end` (inclusive): the period for new competent improvers and their
    targets. With `period_filtered`, the level and organisation charts count only completions in the
    period (people trained in it, at the highest level reached in it); otherwise they are cumulative."""
    levels_frame = training_figures.in_period(frame, start, end) if period_filtered else frame
    by_level = training_figures.count_highest_levels(levels_frame)
    by_org = training_figures.count_highest_levels_by_organisation(levels_frame)
    improvers = training_figures.count_competent_improvers(frame, start, end, targets)
    monthly = training_figures.count_completions(frame, ["month"], start, end).sort_values("month")

    def name_of(org: int | None) -> str:
        return NO_ORGANISATION if org is None else organisations.get(org, f"Organisation {org}")

    listed = sorted(organisations, key=lambda o: organisations[o])
    extra = sorted((o for o in by_org if o not in organisations), key=lambda o: (o is None, o or 0))
    org_rows = [
        [name_of(org), *(by_org.get(org, {}).get(level.value, 0) for level in Level)]
        for org in [*listed, *extra]
        if org in by_org or org in organisations
    ]
    improver_rows = []
    for org in [*listed, None]:
        count = improvers.get(org) or training_figures.ImproverCount(org, 0, 0, targets.get(org))
        improver_rows.append(
            [
                SYSTEM if org is None else name_of(org),
                count.new_in_period,
                count.target,
                count.gap,
                count.percent_of_target,
                count.total,
            ]
        )
    system = improvers[None]
    trained = sum(by_level.values())
    return {
        "headline": [
            {"label": "People trained (improvement programmes)", "value": trained},
            {"label": "Competent improvers", "value": system.total},
            {
                "label": "New competent improvers in the period",
                "value": system.new_in_period,
                "target": system.target,
            },
            {"label": "Target for the period", "value": system.target},
        ],
        "charts": [
            {
                "id": "trained-by-level",
                "title": "People by highest level of training",
                "type": "bar",
                "columns": ["Level", "People"],
                "rows": [[LEVEL_LABELS[level], by_level[level.value]] for level in Level],
                "series": ["People"],
            },
            {
                "id": "trained-by-organisation",
                "title": "People by organisation and highest level of training",
                "type": "stacked-bar",
                "columns": ["Organisation", *(LEVEL_LABELS[level] for level in Level)],
                "rows": org_rows,
                "series": [LEVEL_LABELS[level] for level in Level],
            },
            {
                "id": "completions-by-month",
                "title": "Programmes completed by month",
                "type": "line",
                "columns": ["Month", "Completions"],
                "rows": [
                    [month_label(datetime.date.fromisoformat(f"{row.month}-01")), int(row.count)]
                    for row in monthly.itertuples()
                ],
                "series": ["Completions"],
            },
            {
                "id": "improvers-against-target",
                "title": "New competent improvers against target",
                "type": "bar",
                "columns": [
                    "Organisation",
                    "New in the period",
                    "Target",
                    "Gap",
                    "% of target",
                    "All competent improvers",
                ],
                "rows": improver_rows,
                "series": ["New in the period", "Target"],
                "rank_by": "Gap",  # a long table shows the organisations furthest from their target
            },
        ],
        "notes": [
            f"New competent improvers and targets cover {start:%-d %B %Y} to {end:%-d %B %Y}; a target "
            "counts only when it was set for exactly that period.",
            "A person counts once, at the highest improvement level they have finished; human-factors "
            "programmes count as completions but not on the ladder.",
        ],
    }


def build(params: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    today = timezone.localdate()
    bounds = dashboard_period(params["period"], today) if "period" in params else None
    start, end = bounds or financial_year(today)
    organisations = Organisation.objects.filter(is_active=True)
    filters: dict[str, Any] = {}
    if "organisation" in params:
        organisations = organisations.filter(pk=params["organisation"])
        filters["trainee__organisation_id"] = params["organisation"]
    names = {pk: short or name for pk, name, short in organisations.values_list("pk", "name", "short_name")}
    targets = training_figures.improver_targets(start, end)
    if "organisation" in params:
        org = params["organisation"]
        targets = {k: v for k, v in targets.items() if k == org}
        if org in targets:
            targets[None] = targets[org]
    frame = training_figures.load_rows(**filters)
    data = figures(frame, names, targets, start, end, period_filtered=bool(bounds))
    if "organisation" in params:
        data["notes"].append(
            "Filtered to one organisation: the whole-system row and target are that organisation's."
        )
    data["notes"].append("Training records do not say where people work, so the place filter does not apply.")
    if not bounds:
        data["notes"].append(
            "Without a period filter, levels and organisations are counted over all time and new "
            "competent improvers over the current financial year."
        )
    return data


def records_changed() -> None:
    """Training records were written (once per import, booking or register update)."""

    data_changed(RECORDS)


def targets_changed(sender: Any = None, **kwargs: Any) -> None:

    data_changed(TARGETS)
