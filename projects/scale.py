"""Scale data for the project register: projects with their teams, links and a progress note or two.

Titles and aims come from the demo's topics, set in the scale data's places, so search can tell them apart
("falls" in one PCN, "sepsis" in another) and filters have realistic spreads of status, dates and places.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from community.models import Place
from core.bulk_copy import copy_links, copy_rows, reserve_ids
from core.scale import Context
from projects import demo_data
from projects.demo import SCORES_BY_STATUS, STATUS_WEIGHTS
from projects.models import Method, Project, ProjectUpdate, TeamMember
from projects.rules import CLOSED_STATUSES


def seed(ctx: Context, out: TextIO) -> None:
    rng = ctx.rng
    count = ctx.size.projects
    ids = list(reserve_ids(Project, count))
    place_names = dict(_place_names(ctx))
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    now = datetime.datetime.now(datetime.UTC)
    leads: dict[int, int] = {}
    places: dict[int, int] = {}
    closed: dict[int, bool] = {}

    def projects():  # type: ignore[no-untyped-def]
        for pk in ids:
            title, _, problem, aim, ideas, _ = rng.choice(demo_data.TOPICS)
            place = rng.choice(ctx.place_ids)
            status = rng.choices(statuses, weights)[0]
            start = ctx.day_in_last_years(6)
            is_closed = status in CLOSED_STATUSES
            end = start + datetime.timedelta(days=rng.randrange(120, 720)) if is_closed else None
            n = rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 75])
            lead = rng.choice(ctx.person_ids)
            leads[pk], places[pk], closed[pk] = lead, place, is_closed
            updated = datetime.datetime.combine(end or start, datetime.time(9), datetime.UTC)
            yield (
                pk,
                f"{title} in {place_names[place]} ({pk})",
                problem,
                aim.format(n=n, place=place_names[place]),
                ideas,
                lead,
                status,
                Decimal(rng.choice(SCORES_BY_STATUS[status])),
                start,
                end,
                rng.random() < 0.3,
                rng.random() < 0.25,
                f"We reached {n}% against our baseline." if is_closed else "",
                now if rng.random() < 0.95 else None,
                lead,
                datetime.datetime.combine(start, datetime.time(9), datetime.UTC),
                min(updated, now),
            )

    copy_rows(
        Project,
        [
            "id",
            "title",
            "problem",
            "aim",
            "change_ideas",
            "lead_id",
            "status",
            "progress_score",
            "start_date",
            "end_date",
            "co_production",
            "health_inequalities",
            "results",
            "published_at",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        projects(),
    )
    ctx.project_ids = ids
    _links(ctx, leads, places)
    copy_rows(
        ProjectUpdate,
        ["project_id", "author_id", "date", "text"],
        (
            (pk, leads[pk], ctx.day_in_last_years(3), rng.choice(demo_data.UPDATES))
            for pk in ids
            if rng.random() < 0.6
        ),
    )
    out.write(f"  projects: {count:,} projects with teams, links and updates\n")


def _place_names(ctx: Context):  # type: ignore[no-untyped-def]
    return Place.objects.filter(pk__in=ctx.place_ids).values_list("pk", "name").iterator()


def _links(ctx: Context, leads: dict[int, int], places: dict[int, int]) -> None:
    rng = ctx.rng
    people = ctx.person_ids
    members = []
    for pk, lead in leads.items():
        members.append((pk, lead, TeamMember.Role.LEAD))
        for person in set(rng.sample(people, rng.randint(0, 4))) - {lead}:
            members.append((pk, person, TeamMember.Role.MEMBER))
    copy_rows(TeamMember, ["project_id", "user_id", "role"], members)
    method_ids = list(Method.objects.values_list("pk", flat=True))
    copy_links(
        Project.organisations.through,
        "project_id",
        "organisation_id",
        ((pk, ctx.person_organisation[lead]) for pk, lead in leads.items()),
    )
    copy_links(Project.places.through, "project_id", "place_id", places.items())
    if ctx.priority_ids:
        copy_links(
            Project.priorities.through,
            "project_id",
            "systempriority_id",
            ((pk, p) for pk in leads for p in ctx.some(ctx.priority_ids, 0, 2)),
        )
    if method_ids:
        copy_links(
            Project.methods.through,
            "project_id",
            "method_id",
            ((pk, m) for pk in leads for m in ctx.some(method_ids, 1, 3)),
        )
