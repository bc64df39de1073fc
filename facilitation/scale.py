"""Scale data for facilitation: requests at every stage, most of them long decided, a few thousand queued.

Queued and decided requests carry a priority score (as if the steering group had scored them); decided ones
a support level; the organisations they come from follow the requesters'.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from core.bulk_copy import copy_links, copy_rows, reserve_ids
from core.scale import Context
from facilitation import choices
from facilitation.models import FacilitationRequest
from facilitation.status import Status
from projects import demo_data

STATUSES = [
    (Status.DRAFT, 5), (Status.SUBMITTED, 3), (Status.IN_TRIAGE, 3), (Status.RETURNED, 2), (Status.QUEUED, 4),
    (Status.ACCEPTED, 8), (Status.SIGNPOSTED, 10), (Status.DEFERRED, 3), (Status.DECLINED, 5),
    (Status.IN_PROGRESS, 17), (Status.CLOSED, 40),
]  # fmt: skip
SCORED = {Status.QUEUED, Status.ACCEPTED, Status.SIGNPOSTED, Status.DEFERRED, Status.DECLINED,
          Status.IN_PROGRESS, Status.CLOSED}  # fmt: skip
SUPPORTED = {Status.ACCEPTED, Status.IN_PROGRESS, Status.CLOSED}


def seed(ctx: Context, out: TextIO) -> None:
    rng = ctx.rng
    count = ctx.size.requests
    ids = list(reserve_ids(FacilitationRequest, count))
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    support = [k for k, _ in choices.SUPPORT_WANTED]
    factors = [k for k, _ in choices.SUCCESS_FACTORS]
    levels = [k for k, _ in choices.SUPPORT_LEVELS]
    now = datetime.datetime.now(datetime.UTC)
    requesters: dict[int, int] = {}
    rows = []
    for pk in ids:
        title, _, problem, aim, _, _ = rng.choice(demo_data.TOPICS)
        status = rng.choices(statuses, weights)[0]
        requester = rng.choice(ctx.person_ids)
        requesters[pk] = requester
        submitted = None if status == Status.DRAFT else now - datetime.timedelta(days=rng.randrange(1, 1500))
        rows.append(
            (
                pk,
                requester,
                f"{title}: support request {pk}",
                f"Team {pk % 997}",
                rng.choice(ctx.place_ids),
                problem,
                aim.format(n=rng.choice([20, 30, 50]), place="our area"),
                rng.choice(ctx.priority_ids) if ctx.priority_ids else None,
                rng.choice(["tight", "loose"]),
                rng.sample(support, rng.randint(1, 3)),
                rng.choice([k for k, _ in choices.TIMESCALES]),
                rng.sample(factors, rng.randint(0, len(factors))),
                status.value,
                Decimal(rng.randrange(80, 300)) / 100 if status in SCORED else None,
                rng.choice(levels) if status in SUPPORTED else "",
                submitted,
            )
        )
    copy_rows(
        FacilitationRequest,
        [
            "id",
            "requester_id",
            "title",
            "team",
            "place_id",
            "challenge",
            "aim",
            "system_priority_id",
            "direction",
            "support_wanted",
            "timescale",
            "success_factors",
            "status",
            "priority_score",
            "support_level",
            "submitted_at",
        ],
        rows,
    )
    copy_links(
        FacilitationRequest.organisations.through,
        "facilitationrequest_id",
        "organisation_id",
        ((pk, ctx.person_organisation[requester]) for pk, requester in requesters.items()),
    )
    queued = sum(1 for row in rows if row[12] == Status.QUEUED)
    out.write(f"  facilitation: {count:,} requests, {queued:,} queued\n")
