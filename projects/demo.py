"""Demo data for the project register: the model system's own projects and a few hundred generated ones.

Idempotent: projects are found by title and updated in place, their links replaced; leads by email.
Everything is written with bulk operations, so seeding takes a few seconds.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from community.models import Organisation, Place, SystemPriority, User
from core.models import AuditEntry
from projects import demo_data
from projects.models import Benefit, Celebration, Method, Project, ProjectUpdate, Tag, TeamMember
from projects.rules import CLOSED_STATUSES

GENERATED = 282  # with the model system's own projects, about 300 in all
STAFF_EMAIL = "staff@ghft.example.org"  # the demo member of staff (community.demo) leads a few
SCORES_BY_STATUS = {
    "idea": ("0.5",),
    "planning": ("1.0", "1.5"),
    "testing": ("2.0", "2.5", "3.0"),
    "implementing": ("2.5", "3.0", "3.5"),
    "spreading": ("3.5", "4.0", "4.5"),
    "sustaining": ("4.0", "4.5", "5.0"),
    "completed": ("3.5", "4.0", "4.5", "5.0"),
    "stopped": ("1.5", "2.0", "2.5"),
}
STATUS_WEIGHTS = {
    "idea": 6,
    "planning": 10,
    "testing": 22,
    "implementing": 18,
    "spreading": 8,
    "sustaining": 7,
    "completed": 20,
    "stopped": 5,
}


def _methods() -> dict[str, Method]:
    existing = {m.slug: m for m in Method.objects.all()}
    for order, name in enumerate(demo_data.METHODS):
        slug = slugify(name)
        if slug not in existing:
            existing[slug] = Method.objects.create(name=name, slug=slug, order=order)
    return {m.name: m for m in existing.values()}


def _leads(organisations: dict[str, Organisation], places: list[Place]) -> list[User]:
    """About fifty members of staff across the partners who lead the generated projects."""
    rng = random.Random(7)
    shorts = list(organisations)
    wanted: dict[str, dict[str, Any]] = {}
    for index, (first, last) in enumerate(demo_data.LEAD_NAMES):
        org = organisations[shorts[index % len(shorts)]]
        email = f"{first}.{last}@{(org.email_domains or ['partner.example'])[0]}".lower()
        wanted[email] = {
            "first_name": first,
            "last_name": last,
            "organisation": org,
            "job_title": rng.choice(demo_data.LEAD_JOBS),
            "place": rng.choice(places) if places else None,
        }
    existing = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=email, password=unusable, **values)
            for email, values in wanted.items()
            if email not in existing
        ]
    )
    return list(User.objects.filter(email__in=wanted).select_related("organisation"))


def _generated(
    rng: random.Random, leads: list[User], localities: list[Place], pcns: list[Place]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    attempts = 0
    while len(rows) < GENERATED and attempts < GENERATED * 20:
        attempts += 1
        title, priorities, problem, aim, ideas, lead_org = rng.choice(demo_data.TOPICS)
        locality = rng.choice(localities)
        pcn = rng.choice([p for p in pcns if p.parent_id == locality.pk] or pcns)
        place_name = (
            pcn.name if "{place}" in aim or lead_org in ("Primary care", "GCC", "VCSE") else locality.name
        )
        setting = rng.choice(demo_data.SETTINGS.get(lead_org, ["in {place}"])).format(place=place_name)
        full_title = f"{title} {setting}"
        phase = 2
        while full_title in seen and phase < 6:
            full_title = f"{title} {setting} (phase {phase})"
            phase += 1
        if full_title in seen:
            continue
        seen.add(full_title)
        status = rng.choices(statuses, weights)[0]
        start = datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1400))
        closed = status in CLOSED_STATUSES
        end = (
            start + datetime.timedelta(days=rng.randrange(120, 720)) if closed or rng.random() < 0.5 else None
        )
        n = rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 75, 80, 90, 95])
        same_org = [u for u in leads if u.organisation and u.organisation.short_name == lead_org] or leads
        results = ""
        learning = ""
        if status in ("completed", "spreading", "sustaining") or (
            status == "implementing" and rng.random() < 0.3
        ):
            results = rng.choice(
                [
                    f"We reached {n}% against a baseline of {max(5, n - rng.randrange(10, 30))}%; "
                    "the run chart shows a sustained shift.",
                    f"The measure improved by {rng.randrange(12, 45)}% over {rng.randrange(6, 18)} months "
                    "and has held.",
                    f"{rng.randrange(80, 900)} people benefited in the first year; staff and patient "
                    "feedback was positive.",
                ]
            )
        if closed or rng.random() < 0.4:
            learning = rng.choice(
                [
                    "Small tests on one ward first let us fix problems before spreading.",
                    "Involving patients early changed which ideas we tested.",
                    "Protected time for the team was the deciding factor.",
                    "Data we could see every week kept the team going.",
                    "We stopped when the service was redesigned; the measures and ideas are reusable.",
                ]
            )
        rows.append(
            {
                "title": full_title,
                "priorities": priorities,
                "problem": problem,
                "aim": aim.format(n=n, place=place_name),
                "change_ideas": ideas,
                "organisations": (
                    lead_org,
                    *rng.sample(["GHFT", "GHC", "Primary care", "GCC", "VCSE", "ICB"], rng.randrange(0, 3)),
                ),
                "places": (pcn.name if lead_org in ("Primary care", "GCC", "VCSE") else locality.name,),
                "status": status,
                "score": rng.choice(SCORES_BY_STATUS[status]),
                "start_date": start,
                "end_date": end,
                "results": results,
                "learning": learning,
                "methods": tuple(rng.sample(demo_data.METHODS, rng.randrange(1, 4))),
                "co_production": rng.random() < 0.3,
                "health_inequalities": "Health inequalities (Core20PLUS5)" in priorities
                or rng.random() < 0.15,
                "lead": rng.choice(same_org),
                "published": rng.random() > 0.05,
                "tags": (),
            }
        )
    return rows


def _real(rng: random.Random, leads: list[User], staff: User | None) -> list[dict[str, Any]]:
    rows = []
    for index, p in enumerate(demo_data.REAL_PROJECTS):
        same_org = [
            u for u in leads if u.organisation and u.organisation.short_name == p.organisations[0]
        ] or leads
        start = datetime.date(2021, 4, 1) + datetime.timedelta(days=rng.randrange(0, 1100))
        lead = staff if staff is not None and index in (2, 13) else rng.choice(same_org)
        rows.append(
            {
                "title": p.title,
                "priorities": p.priorities,
                "problem": p.problem,
                "aim": p.aim,
                "change_ideas": p.change_ideas,
                "organisations": p.organisations,
                "places": p.places,
                "status": p.status,
                "score": p.score,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=540) if p.status in CLOSED_STATUSES else None,
                "results": p.results,
                "learning": p.learning,
                "methods": p.methods,
                "co_production": p.co_production,
                "health_inequalities": p.health_inequalities,
                "lead": lead,
                "published": True,
                "tags": p.tags,
            }
        )
    return rows


def _replace_links(
    through: Any, column: str, pairs: Iterable[tuple[int, int]], project_ids: list[int]
) -> None:
    through.objects.filter(project_id__in=project_ids).delete()
    through.objects.bulk_create(
        [through(project_id=p, **{column: o}) for p, o in pairs], ignore_conflicts=True
    )


# What a project's benefits look like in the demo: (type, description, unit, period, value range,
# kind of money, how it was measured).
BENEFIT_KINDS = [
    (
        "staff_time",
        "Nursing time released",
        "hours",
        "month",
        (8, 60),
        "",
        "Timed for two weeks before and after",
    ),
    (
        "safety",
        "Falls with harm avoided",
        "falls",
        "year",
        (2, 15),
        "",
        "Datix reports, a year before and after",
    ),
    (
        "money",
        "Agency spend reduced",
        "£",
        "year",
        (5000, 60000),
        "cash_releasing",
        "The ward's budget ledger",
    ),
    (
        "money",
        "Bed days saved",
        "£",
        "year",
        (10000, 90000),
        "non_cash_releasing",
        "Bed days times the tariff",
    ),
    (
        "patient_outcome",
        "Pressure ulcers avoided",
        "pressure ulcers",
        "year",
        (2, 20),
        "",
        "Safety thermometer",
    ),
    (
        "experience",
        "Patients rating care good or better",
        "percentage points",
        "once",
        (3, 20),
        "",
        "FFT survey",
    ),
    ("environment", "Carbon saved", "kg CO2e", "year", (200, 5000), "", "Supplier's carbon calculator"),
]


def _benefits(rng: random.Random, projects: list[Project], now: datetime.datetime) -> list[Benefit]:
    """Benefits for projects far enough on to show them (testing changes or later)."""
    found = []
    for project in projects:
        draws = [rng.random() for _ in range(3)]  # drawn for every project, so reruns draw the same numbers
        if project.status not in ("implementing", "spreading", "sustaining", "completed") or draws[0] < 0.4:
            continue
        for offset in range(1 + int(draws[1] * 2)):
            kind, text, unit, period, (low, high), money, how = BENEFIT_KINDS[
                (int(draws[2] * 100) + offset * 3) % len(BENEFIT_KINDS)
            ]
            found.append(
                Benefit(
                    project=project,
                    type=kind,
                    description=text,
                    value=Decimal(low + int((high - low) * draws[(offset + 1) % 3])),
                    unit=unit,
                    period=period,
                    money_kind=money,
                    how_measured=how,
                    confidence=("high", "medium", "low")[offset % 3],
                    recorded_by=project.lead,
                    recorded_at=now,
                )
            )
    return found


def seed(out: TextIO) -> None:
    rng = random.Random(2026)
    now = timezone.now()
    organisations = {o.short_name: o for o in Organisation.objects.all() if o.short_name}
    if not organisations:
        out.write("  projects: skipped (no organisations: run the community seeder first)\n")
        return
    places = list(Place.objects.all())
    place_by_name = {p.name: p for p in places}
    localities = [p for p in places if p.kind == Place.Kind.PLACE]
    pcns = [p for p in places if p.kind == Place.Kind.PCN]
    priorities = {p.name: p for p in SystemPriority.objects.all()}
    methods = _methods()
    leads = _leads(organisations, [p for p in places if p.kind in (Place.Kind.PLACE, Place.Kind.PCN)])
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    rows = _real(rng, leads, staff) + _generated(rng, leads, localities or places, pcns or places)

    existing = {p.title: p for p in Project.objects.filter(title__in=[r["title"] for r in rows])}
    scalar = [
        "problem",
        "aim",
        "change_ideas",
        "status",
        "start_date",
        "end_date",
        "results",
        "learning",
        "co_production",
        "health_inequalities",
    ]
    new: list[Project] = []
    changed: list[Project] = []
    for index, row in enumerate(rows):
        project = existing.get(row["title"]) or Project(
            title=row["title"], created_at=now, created_by=row["lead"]
        )
        for name in scalar:
            setattr(project, name, row[name])
        project.progress_score = Decimal(row["score"])
        project.lead = row["lead"]
        project.how_we_will_know = "Outcome, process and balancing measures plotted monthly on run charts."
        project.updated_at = now - datetime.timedelta(hours=index * 7)
        published_days_ago = rng.randrange(1, 400)  # drawn every time, so reruns draw the same numbers
        if row["published"] and project.published_at is None:
            project.published_at = now - datetime.timedelta(days=published_days_ago)
        elif not row["published"]:
            project.published_at = None
        (changed if project.pk else new).append(project)
    Project.objects.bulk_create(new, batch_size=500)
    Project.objects.bulk_update(
        changed,
        [*scalar, "progress_score", "lead", "how_we_will_know", "updated_at", "published_at"],
        batch_size=500,
    )
    by_title = {p.title: p for p in [*new, *changed]}
    ids = [p.pk for p in by_title.values()]

    def pairs(key: str, lookup: dict[str, Any]) -> list[tuple[int, int]]:
        return [(by_title[r["title"]].pk, lookup[name].pk) for r in rows for name in r[key] if name in lookup]

    _replace_links(
        Project.organisations.through, "organisation_id", pairs("organisations", organisations), ids
    )
    _replace_links(Project.places.through, "place_id", pairs("places", place_by_name), ids)
    _replace_links(Project.priorities.through, "systempriority_id", pairs("priorities", priorities), ids)
    _replace_links(Project.methods.through, "method_id", pairs("methods", methods), ids)
    tag_names = sorted({t for r in rows for t in r["tags"]})
    Tag.objects.bulk_create([Tag(name=n) for n in tag_names], ignore_conflicts=True)
    tags = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
    _replace_links(Project.tags.through, "tag_id", pairs("tags", tags), ids)

    TeamMember.objects.filter(project_id__in=ids).delete()
    members = []
    for row in rows:
        project = by_title[row["title"]]
        members.append(TeamMember(project=project, user=row["lead"], role=TeamMember.Role.LEAD, added_at=now))
        others = [u for u in rng.sample(leads, 4) if u.pk != row["lead"].pk][: rng.randrange(1, 4)]
        roles = [TeamMember.Role.MEMBER, TeamMember.Role.SPONSOR, TeamMember.Role.COACH]
        members += [
            TeamMember(project=project, user=u, role=roles[i % 3], added_at=now) for i, u in enumerate(others)
        ]
    TeamMember.objects.bulk_create(members, batch_size=1000)

    ProjectUpdate.objects.filter(project_id__in=ids).delete()
    updates = []
    for row in rows:
        project = by_title[row["title"]]
        if project.status == "idea":
            continue
        started: datetime.date = row["start_date"]
        for step in range(rng.randrange(0, 4)):
            note_date: datetime.date = min(started + datetime.timedelta(days=40 * (step + 1)), now.date())
            updates.append(
                ProjectUpdate(
                    project=project,
                    author=row["lead"],
                    date=note_date,
                    text=demo_data.UPDATES[(step * 2 + rng.randrange(0, 2)) % len(demo_data.UPDATES)],
                    created_at=now,
                )
            )
    ProjectUpdate.objects.bulk_create(updates, batch_size=1000)

    benefits = _benefits(rng, [by_title[r["title"]] for r in rows], now)
    Benefit.objects.filter(project_id__in=ids).delete()
    Benefit.objects.bulk_create(benefits, batch_size=1000)

    showcase = [
        p
        for p in by_title.values()
        if p.status in ("completed", "spreading") and p.published_at and p.results
    ]
    for index, project in enumerate(sorted(showcase, key=lambda p: p.pk)[:4]):
        Celebration.objects.get_or_create(
            project=project,
            defaults={
                "nominated_by": staff or project.lead,
                "reason": "It changed how the whole pathway works, and other teams are copying it.",
                "award": "Showcase 2026" if index < 2 else "",
                "celebrated_at": now if index < 2 else None,
            },
        )

    content_type = ContentType.objects.get_for_model(Project)
    audited = set(
        AuditEntry.objects.filter(content_type=content_type, object_id__in=[str(i) for i in ids]).values_list(
            "object_id", flat=True
        )
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                content_type=content_type,
                object_id=str(p.pk),
                object_repr=p.title[:200],
                actor=p.lead,
                action="created",
                message="Registered before the portal opened; loaded with the demo data",
                at=p.created_at,
            )
            for p in by_title.values()
            if str(p.pk) not in audited
        ],
        batch_size=1000,
    )
    out.write(
        f"  projects: {len(rows)} projects ({len(new)} new), {len(members)} team places, "
        f"{len(updates)} progress notes, {len(benefits)} benefits, {len(methods)} methods\n"
    )
