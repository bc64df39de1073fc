"""The facilitation dashboard's arithmetic over plain rows (no Django): queue size and age, requests by
status, decisions by outcome, accepted work by support level, and facilitator hours committed.

The governance app stores the result as a snapshot (docs/adr/0008); `facilitation.dashboard` loads the
rows from the database.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dashboards.shape import count_chart, json_number


@dataclass(frozen=True)
class RequestRow:
    status: str
    support_level: str  # "" until accepted
    submitted_on: datetime.date | None
    hours_per_month: Decimal  # committed by assignments running today


@dataclass(frozen=True)
class DecisionRow:
    outcome: str
    decided_on: datetime.date


def queue_age_days(rows: Iterable[RequestRow], today: datetime.date, queued: str = "queued") -> list[int]:
    """Days each queued request has waited since it was submitted, oldest first."""
    return sorted(
        ((today - r.submitted_on).days for r in rows if r.status == queued and r.submitted_on), reverse=True
    )


def build(
    requests: list[RequestRow],
    decisions: list[DecisionRow],
    today: datetime.date,
    *,
    status_labels: Mapping[str, str],
    outcome_labels: Mapping[str, str],
    level_labels: Mapping[str, str],
) -> dict[str, Any]:
    ages = queue_age_days(requests, today)
    statuses = Counter(r.status for r in requests if r.status != "draft")
    outcomes = Counter(d.outcome for d in decisions)
    levels = Counter(r.support_level for r in requests if r.support_level)
    hours: dict[str, Decimal] = {}
    for r in requests:
        if r.support_level and r.hours_per_month:
            hours[r.support_level] = hours.get(r.support_level, Decimal(0)) + r.hours_per_month
    total_hours = sum(hours.values(), Decimal(0))
    age_bands = [("Under 4 weeks", 0, 28), ("4 to 12 weeks", 28, 84), ("Over 12 weeks", 84, None)]
    return {
        "headline": [
            {"label": "Requests in the queue", "value": len(ages)},
            {"label": "Longest wait in the queue (days)", "value": ages[0] if ages else "–"},  # noqa: RUF001
            {"label": "Facilitator hours a month committed", "value": json_number(total_hours)},
        ],
        "charts": [
            count_chart(
                "requests-by-status",
                "Submitted requests by status",
                "Status",
                "Requests",
                [[label, statuses[key]] for key, label in status_labels.items() if statuses[key]],
            ),
            count_chart(
                "queue-age",
                "Queued requests by time waiting",
                "Waiting",
                "Requests",
                [
                    [label, sum(1 for a in ages if a >= low and (high is None or a < high))]
                    for label, low, high in age_bands
                ],
            ),
            count_chart(
                "decisions-by-outcome",
                "Steering group decisions by outcome",
                "Outcome",
                "Decisions",
                [[label, outcomes[key]] for key, label in outcome_labels.items()],
            ),
            {
                "id": "support-levels",
                "title": "Accepted work by support level, with hours a month committed",
                "type": "bar",
                "columns": ["Support level", "Requests", "Hours a month"],
                "rows": [
                    [label, levels[key], json_number(hours.get(key, Decimal(0)))]
                    for key, label in level_labels.items()
                ],
                "series": ["Requests", "Hours a month"],
            },
        ],
        "notes": [],
    }
