"""The board pack's one-page summary: each headline figure now, its change since the last pack, and a
red, amber or green status where the figure has a target. Pure: no Django, no database.

Status rule: a figure at or above its target is green; below it but within a quarter of it (at least
75% of the target) amber; further below, red. A figure without a target has no status: a board reads
"no status" as "no target set", never as "on track".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

AMBER_SHARE = 0.75
STATUS_RULE = (
    "Status compares a figure with its target: green at or above it, amber below it by no more than a "
    "quarter, red further below. Figures without a target have no status."
)


@dataclass(frozen=True)
class SummaryRow:
    dashboard: str
    label: str
    value: Any
    change: str
    status: str  # "Green", "Amber", "Red" or ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def change(now: Any, before: Any, *, had_pack: bool) -> str:
    """The change from the last pack in words a board reads at a glance."""
    if not had_pack:
        return "First pack"
    if before is None:
        return "New figure"
    if _is_number(now) and _is_number(before):
        difference = now - before
        if difference == 0:
            return "No change"
        sign = "+" if difference > 0 else "\u2212"
        return f"{sign}{_amount(abs(difference))}"
    return "No change" if now == before else f"Was {before}"


def status(value: Any, target: Any) -> str:
    if not _is_number(value) or not _is_number(target) or target <= 0:
        return ""
    if value >= target:
        return "Green"
    return "Amber" if value >= AMBER_SHARE * target else "Red"


def summary_rows(
    now: dict[str, list[dict[str, Any]]], before: dict[str, list[dict[str, Any]]] | None
) -> list[SummaryRow]:
    """One row per headline figure of each dashboard (in the dashboards' order), compared with the same
    figure of the same dashboard in the last pack (`before`, None when there was no earlier pack)."""
    rows = []
    for dashboard, figures in now.items():
        earlier = {f["label"]: f["value"] for f in (before or {}).get(dashboard, [])}
        for figure in figures:
            rows.append(
                SummaryRow(
                    dashboard=dashboard,
                    label=figure["label"],
                    value=figure["value"],
                    change=change(figure["value"], earlier.get(figure["label"]), had_pack=before is not None),
                    status=status(figure["value"], figure.get("target")),
                )
            )
    return rows


def status_counts(rows: list[SummaryRow]) -> dict[str, int]:
    counts = {"Green": 0, "Amber": 0, "Red": 0}
    for row in rows:
        if row.status:
            counts[row.status] += 1
    return counts
