"""The governance "capacity" dashboard: champions and coaches against the dosage targets per
organisation; hours agreed by line managers against hours committed; teams the active coaches can support
against the teams with accepted facilitation requests.

`figures()` is pure (the dosage report and plain hours rows in, the dashboard dict out) and tested on
hand-checked data; `build()` loads them in a handful of queries. Registered in `CommunityConfig.ready()`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from champions import capacity, dosage, selectors
from champions.models import Champion, ChampionCommitment
from core.periods import month_label
from dashboards.shape import json_number
from dashboards.triggers import data_changed
from facilitation.reporting import accepted_requests_by_organisation

SOURCES = (
    "champions.champion",
    "champions.commitment",
    "community.organisation",
    "training.record",
    "facilitation.request",
)
MONTHS_AHEAD = 6


@dataclass(frozen=True)
class Hours:
    """One active champion's agreement and commitments, for their organisation."""

    organisation: int
    agreement: capacity.Agreement
    commitments: tuple[capacity.Commitment, ...] = ()


def _month_figures(people: Iterable[Hours], month: capacity.Month) -> tuple[Decimal, Decimal]:
    agreed = committed = capacity.ZERO
    for person in people:
        agreed += person.agreement.hours_in(month)
        committed += capacity.committed_in(month, person.commitments)
    return agreed, committed


def _awaiting_renewal(people: Iterable[Hours], this_month: capacity.Month, month: capacity.Month) -> Decimal:
    """Hours of agreements in force this month that end before `month`: most are renewed each April, so
    they are shown apart rather than as a cliff in the agreed hours."""
    return sum(
        (
            p.agreement.hours_in(this_month)
            for p in people
            if p.agreement.period is not None
            and p.agreement.hours_in(this_month) > 0
            and p.agreement.period.end < month.first_day
        ),
        capacity.ZERO,
    )


def figures(
    organisations: Sequence[dosage.Dosage],
    system: dosage.Dosage,
    hours: Sequence[Hours],
    today: datetime.date,
    months_ahead: int = MONTHS_AHEAD,
    accepted: tuple[dict[int, int], int] | None = None,
) -> dict[str, Any]:
    """`organisations` and `system` from `dosage.dosage()`; `hours` for every active champion; `accepted`:
    teams with accepted or in-progress facilitation requests, by organisation and for the system (a
    request shared by several organisations counts once for each, and once for the system)."""
    table = list(organisations) if system in organisations else [*organisations, system]
    this_month = capacity.Month.of(today)
    by_org: dict[int, list[Hours]] = {}
    for person in hours:
        by_org.setdefault(person.organisation, []).append(person)
    hour_rows = []
    for org in organisations:
        agreed, committed = _month_figures(by_org.get(org.key or 0, []), this_month)
        hour_rows.append(
            [
                org.name,
                json_number(agreed),
                json_number(committed),
                json_number(max(capacity.ZERO, agreed - committed)),
            ]
        )
    month_rows = []
    month = this_month
    for _ in range(months_ahead):
        agreed, committed = _month_figures(hours, month)
        renewal = _awaiting_renewal(hours, this_month, month)
        month_rows.append(
            [
                month_label(month.first_day),
                json_number(agreed),
                json_number(committed),
                json_number(renewal),
            ]
        )
        month = month.next()
    sys_agreed, sys_committed = _month_figures(hours, this_month)
    low, high = system.teams_supported
    return {
        "headline": [
            {"label": "Improvement coaches", "value": system.coaches, "target": system.coach_target},
            {"label": "Coach target", "value": system.coach_target},
            {"label": "Improvement experts", "value": system.experts, "target": system.expert_target},
            {"label": "Expert target", "value": system.expert_target},
            {"label": "Hours agreed this month", "value": json_number(sys_agreed)},
            {"label": "Hours committed this month", "value": json_number(sys_committed)},
        ],
        "charts": [
            {
                "id": "coaches-against-target",
                "title": "Improvement coaches against the dosage target",
                "type": "bar",
                "columns": [
                    "Organisation",
                    "Coaches",
                    "Coach target",
                    "Gap",
                    "On the register",
                    "From training",
                ],
                "rows": [
                    [d.name, d.coaches, d.coach_target, d.coach_gap, d.register_coaches, d.trained_coaches]
                    for d in table
                ],
                "series": ["Coaches", "Coach target"],
                "rank_by": "Gap",  # a long table shows the organisations furthest from their target
            },
            {
                "id": "experts-against-target",
                "title": "Improvement experts against the dosage target",
                "type": "bar",
                "columns": [
                    "Organisation",
                    "Experts",
                    "Expert target",
                    "Gap",
                    "On the register",
                    "From training",
                ],
                "rows": [
                    [d.name, d.experts, d.expert_target, d.expert_gap, d.register_experts, d.trained_experts]
                    for d in table
                ],
                "series": ["Experts", "Expert target"],
                "rank_by": "Gap",
            },
            {
                "id": "hours-by-organisation",
                "title": f"Champion hours agreed and committed in {this_month.label()}",
                "type": "bar",
                "columns": ["Organisation", "Agreed hours", "Committed hours", "Free hours"],
                "rows": hour_rows,
                "series": ["Agreed hours", "Committed hours"],
            },
            {
                "id": "hours-by-month",
                "title": "Champion hours agreed and committed by month, and agreements awaiting renewal",
                "type": "line",
                "columns": ["Month", "Agreed hours", "Committed hours", "Agreed hours awaiting renewal"],
                "rows": month_rows,
                "series": ["Agreed hours", "Committed hours", "Agreed hours awaiting renewal"],
            },
            {
                "id": "teams-supported",
                "title": "Teams the active coaches can support",
                "type": "bar",
                "columns": [
                    "Organisation",
                    "Active coaches on the register",
                    "Teams (at least)",
                    "Teams (at most)",
                    *(["Teams with accepted requests"] if accepted is not None else []),
                ],
                "rows": [
                    [
                        d.name,
                        d.active_register_coaches,
                        *d.teams_supported,
                        *([_accepted_for(d, system, accepted)] if accepted is not None else []),
                    ]
                    for d in table
                ],
                "series": [
                    "Teams (at least)",
                    "Teams (at most)",
                    *(["Teams with accepted requests"] if accepted is not None else []),
                ],
            },
        ],
        "notes": [
            "Targets follow the IHI dosage guidance: coaches 5% and experts 0.4% of staff headcount. Each "
            "figure is the larger of the active register entries and the people trained to that level.",
            "Hours are per month, from active champions' agreements and the commitments made against them.",
            f"Each active coach on the register can support {dosage.TEAMS_PER_COACH[0]} to "
            f"{dosage.TEAMS_PER_COACH[1]} teams ({low} to {high} across the figures shown)"
            + (
                ", against the teams whose facilitation requests are accepted or in progress."
                if accepted is not None
                else ". Accepted facilitation requests are not recorded, so the teams asking for support "
                "cannot be shown against them."
            ),
            "Capacity is a figure for now: the place and period filters do not apply.",
        ],
    }


def _accepted_for(row: dosage.Dosage, system: dosage.Dosage, accepted: tuple[dict[int, int], int]) -> int:
    by_organisation, whole_system = accepted
    return whole_system if row is system else by_organisation.get(row.key or 0, 0)


def build(params: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    report = selectors.dosage_report()
    organisations, system = report.organisations, report.system
    champions = Champion.objects.filter(status=Champion.Status.ACTIVE)
    if "organisation" in params:
        organisations = [d for d in organisations if d.key == params["organisation"]]
        system = organisations[0] if organisations else dosage.dosage([], {}).system
        champions = champions.filter(organisation_id=params["organisation"])
    first = capacity.Month.of(today)
    last = first
    for _ in range(MONTHS_AHEAD - 1):
        last = last.next()
    commitments: dict[int, list[capacity.Commitment]] = {}
    rows = ChampionCommitment.objects.filter(
        champion__in=champions, start__lte=last.last_day, end__gte=first.first_day
    ).values_list("champion_id", "hours_per_month", "start", "end")
    for champion_id, hours_per_month, start, end in rows:
        commitments.setdefault(champion_id, []).append(capacity.Commitment.of(hours_per_month, start, end))
    hours = []
    for pk, org, per_month, agreed_from, agreed_until in champions.values_list(
        "pk", "organisation_id", "hours_per_month", "capacity_start", "capacity_end"
    ):
        agreement = capacity.Agreement.of(per_month, agreed_from, agreed_until)
        hours.append(Hours(org, agreement, tuple(commitments.get(pk, ()))))
    by_organisation, whole_system = accepted_requests_by_organisation()
    if "organisation" in params:
        whole_system = by_organisation.get(params["organisation"], 0)
    accepted = (by_organisation, whole_system)
    data = figures(organisations, system, hours, today, accepted=accepted)
    if "organisation" in params:
        data["notes"].append("Filtered to one organisation: every figure is that organisation's.")
    return data


def champions_changed(sender: Any = None, **kwargs: Any) -> None:
    data_changed("champions.champion")


def commitments_changed(sender: Any = None, **kwargs: Any) -> None:
    data_changed("champions.commitment")
