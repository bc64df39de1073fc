"""Scale data for the champion register: champions with real agreements, topics, places and commitments.

Most are active and listed, with an agreed number of hours a month for a year or two; about half have
commitments against it, some of them using all of their time, so free capacity varies as it does in life.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from champions.models import Champion, ChampionCommitment, Level, Method
from core.bulk_copy import copy_links, copy_rows, reserve_ids
from core.scale import Context

STATUSES = [(Champion.Status.ACTIVE, 80), (Champion.Status.PROPOSED, 8), (Champion.Status.PAUSED, 7),
            (Champion.Status.RETIRED, 5)]  # fmt: skip
LEVELS = [(Level.PRACTITIONER, 55), (Level.COACH, 30), (Level.EXPERT, 10), (Level.FACULTY, 5)]
OFFERS = [
    "Coaching teams through their first PDSA cycles.",
    "Help with measurement plans, run charts and SPC.",
    "Facilitating process-mapping workshops.",
    "Co-production with patients and carers.",
    "Human factors reviews of incidents and safety huddles.",
]
TASKS = ["Coaching a ward team", "Process-mapping workshop", "Measurement support", "Teaching on QSIR"]


def seed(ctx: Context, out: TextIO) -> None:
    rng = ctx.rng
    count = min(ctx.size.champions, len(ctx.person_ids))
    ids = list(reserve_ids(Champion, count))
    people = ctx.person_ids[-count:]
    methods = [m.value for m in Method]
    now = datetime.datetime.now(datetime.UTC)
    rows = []
    for pk, person in zip(ids, people, strict=True):
        start = ctx.today - datetime.timedelta(days=rng.randrange(0, 540))
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        rows.append(
            (
                pk,
                person,
                ctx.person_organisation[person],
                rng.choices([lv for lv, _ in LEVELS], [w for _, w in LEVELS])[0],
                rng.sample(methods, rng.randint(1, 4)),
                rng.choice(OFFERS),
                Decimal(rng.choice([2, 4, 4, 6, 8, 8, 12, 16])),
                start,
                start + datetime.timedelta(days=rng.choice([365, 540, 730])),
                "Line manager, service lead",
                status,
                status == Champion.Status.ACTIVE and rng.random() < 0.95,
                now,
            )
        )
    copy_rows(
        Champion,
        [
            "id",
            "person_id",
            "organisation_id",
            "level",
            "methods",
            "offer",
            "hours_per_month",
            "capacity_start",
            "capacity_end",
            "capacity_agreed_by",
            "status",
            "consent_to_list",
            "consent_at",
        ],
        rows,
    )
    if ctx.priority_ids:
        copy_links(
            Champion.topics.through,
            "champion_id",
            "systempriority_id",
            ((pk, t) for pk in ids for t in ctx.some(ctx.priority_ids, 1, 3)),
        )
    copy_links(
        Champion.places.through,
        "champion_id",
        "place_id",
        ((pk, p) for pk in ids for p in ctx.some(ctx.place_ids, 1, 2)),
    )
    commitments = []
    for pk, row in zip(ids, rows, strict=True):
        hours, start, end = row[6], row[7], row[8]
        free = hours
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            share = min(free, Decimal(rng.choice([1, 2, 4])))
            if share <= 0:
                break
            free -= share
            commitments.append((pk, share, start, end, rng.choice(TASKS), "register"))
    copy_rows(
        ChampionCommitment, ["champion_id", "hours_per_month", "start", "end", "title", "source"], commitments
    )
    out.write(f"  champions: {count:,} champions, {len(commitments):,} commitments\n")
