"""Scale data for measurement: weekly measures on some of the scale projects, many shifting after a change.

The stored icons are then computed the way a deploy refreshes them (`measures_refresh_all`), so lists and
dashboards read what the measure pages would show.
"""

from __future__ import annotations

import datetime
from typing import TextIO

from core.bulk_copy import copy_rows, reserve_ids
from core.scale import Context
from projects.measurement.models import DataPoint, Measure
from projects.measurement.services import measures_refresh_all

NAMES = [  # name, unit, improvement, baseline, spread
    ("Inpatient falls per 1,000 bed days", "falls per 1,000 bed days", "decrease", 6.5, 1.2),
    ("Patients screened for sepsis within an hour", "%", "increase", 62.0, 6.0),
    ("Median length of stay", "days", "decrease", 7.5, 0.9),
    ("Discharges before noon", "%", "increase", 18.0, 4.0),
    ("Did-not-attend rate", "%", "decrease", 11.0, 2.0),
    ("Days between pressure ulcers", "days", "increase", 21.0, 7.0),
    ("Time to first assessment", "minutes", "decrease", 48.0, 9.0),
]
POINTS_PER_MEASURE = 120


def seed(ctx: Context, out: TextIO) -> None:
    rng = ctx.rng
    count = min(ctx.size.measures, len(ctx.project_ids))
    ids = list(reserve_ids(Measure, count))
    projects = rng.sample(ctx.project_ids, count)
    shapes = [rng.choice(NAMES) for _ in ids]
    copy_rows(
        Measure,
        ["id", "project_id", "name", "unit", "improvement", "frequency"],
        (
            (pk, project, name, unit, improvement, "weekly")
            for pk, project, (name, unit, improvement, _, _) in zip(ids, projects, shapes, strict=True)
        ),
    )
    first_monday = ctx.today - datetime.timedelta(days=ctx.today.weekday(), weeks=POINTS_PER_MEASURE)

    def points():  # type: ignore[no-untyped-def]
        for pk, (_, _, improvement, baseline, spread) in zip(ids, shapes, strict=True):
            # Half the measures improve after a change part-way through; the rest stay the same.
            change_at = rng.randrange(30, 100) if rng.random() < 0.5 else POINTS_PER_MEASURE
            step = spread * rng.uniform(1.5, 3) * (1 if improvement == "increase" else -1)
            for week in range(POINTS_PER_MEASURE):
                value = rng.gauss(baseline + (step if week >= change_at else 0), spread)
                yield (pk, first_monday + datetime.timedelta(weeks=week), round(max(0.0, value), 2))

    made = copy_rows(DataPoint, ["measure_id", "period", "value"], points())
    checked, _ = measures_refresh_all()
    out.write(f"  measurement: {checked:,} measures refreshed, {made:,} data points\n")
