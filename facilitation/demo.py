"""Demo data for facilitation: the model system's assignments and a queue of requests at every stage.

Idempotent: requests are found by title and rewritten in place, with their transitions, scores and
decisions replaced. Written straight to the models (not through the services) so seeding sends no email.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.contrib.auth.models import Group
from django.utils import timezone

from champions import capacity
from champions.services import CapacityRefused, commitment_create
from community.models import Organisation, Place, SystemPriority, User
from core.roles import GROUP_NAMES, Role
from facilitation import scoring
from facilitation.models import (
    Assignment,
    CriterionScore,
    Decision,
    FacilitationRequest,
    Meeting,
    ScoreSheet,
    Transition,
)
from facilitation.selectors import listed_champion, suggestions
from facilitation.services import framework_ensure_default
from facilitation.status import Status
from projects.models import Project

# Requests for work already on the project register (when its demo data is loaded).
RELATED_PROJECTS = {
    "Virtual ward programme design workshops": "Frailty virtual ward",
    "Anticipatory care launch event": "Anticipatory Care virtual whiteboard",
}

# Extra demo people who ask for help or score requests (no password: they cannot sign in).
PEOPLE = [
    ("dr.jones@ghft.example.org", "Eleanor", "Jones", "Consultant geriatrician", "GHFT", ()),
    ("m.ahmed@ghc.example.org", "Mariam", "Ahmed", "Community nursing lead", "GHC", ()),
    ("t.walsh@glosprimarycare.example.org", "Tom", "Walsh", "PCN clinical director", "Primary care", ()),
    ("k.osei@glos-cc.example.org", "Kwame", "Osei", "Adult social care manager", "GCC", ()),
    ("j.reid@glosvcse.example.org", "Jo", "Reid", "Carers' support coordinator", "VCSE", ()),
    ("h.clarke@ghft.example.org", "Hannah", "Clarke", "Head of midwifery", "GHFT", ()),
    (
        "r.price@glos-icb.example.org",
        "Rachel",
        "Price",
        "Associate director of quality",
        "ICB",
        (Role.STEERING_GROUP,),
    ),
]


@dataclass
class Demo:
    title: str
    requester: str
    team: str
    organisations: tuple[str, ...]
    place: str
    priority: str
    direction: str
    support_wanted: tuple[str, ...]
    timescale: str
    success_factors: tuple[str, ...]
    challenge: str
    aim: str
    path: tuple[str, ...]  # statuses after draft, in order
    days_ago: int
    scores: dict[str, int] = field(default_factory=dict)  # scorer email -> score given on every criterion
    support_level: str = ""
    reason: str = ""
    outcome: str = ""


STEERING = "steering@ghc.example.org"
SECOND = "r.price@glos-icb.example.org"

REQUESTS = [
    # The model system's assignments.
    Demo(
        "Virtual ward programme design workshops",
        "dr.jones@ghft.example.org",
        "Frailty virtual ward programme",
        ("ICB", "GHFT", "GHC"),
        "Gloucestershire",
        "Frailty",
        "tight",
        ("workshop", "measurement"),
        "quarter",
        ("sponsor", "team_time", "data", "priority"),
        "The virtual ward has capacity for 60 patients but averages 31; referral routes differ by locality "
        "and step-up from primary care is rare.",
        "Co-design a single referral pathway and reach 85% occupancy by the end of the year.",
        ("submitted", "in_triage", "queued", "accepted", "in_progress"),
        140,
        {STEERING: 3, SECOND: 3},
        "facilitation",
    ),
    Demo(
        "Palliative and end of life care programme",
        "m.ahmed@ghc.example.org",
        "End of life care alliance",
        ("GHC", "GHFT", "Primary care", "VCSE"),
        "Gloucestershire",
        "Palliative and end of life care",
        "tight",
        ("in_depth", "coaching", "measurement"),
        "year",
        ("sponsor", "data", "service_users", "priority"),
        "Too many people die in hospital who wished to die at home; advance care plans are not shared "
        "across settings.",
        "Increase the proportion of people dying in their preferred place from 58% to 75% in two years.",
        ("submitted", "queued", "accepted", "in_progress"),
        200,
        {STEERING: 3, SECOND: 2},
        "in_depth",
    ),
    Demo(
        "Anticipatory care launch event",
        "t.walsh@glosprimarycare.example.org",
        "Anticipatory care team",
        ("Primary care", "GHC", "GCC"),
        "Forest of Dean",
        "Frailty",
        "tight",
        ("workshop",),
        "urgent",
        ("sponsor", "team_time", "priority"),
        "Practices, community teams and social care each hold part of the picture for people at rising risk.",
        "Launch anticipatory care in the Forest of Dean with every practice and partner signed up.",
        ("submitted", "queued", "accepted", "in_progress", "closed"),
        260,
        {STEERING: 2, SECOND: 3},
        "light_touch",
        outcome="Launch event held with 74 attendees from 11 practices; every partner agreed "
        "the shared care plan template.",
    ),
    Demo(
        "Local maternity and neonatal system QI capability",
        "h.clarke@ghft.example.org",
        "Local maternity and neonatal system",
        ("GHFT", "ICB"),
        "Gloucestershire",
        "Maternity and neonatal",
        "tight",
        ("coaching", "training"),
        "half_year",
        ("sponsor", "team_time", "data", "priority"),
        "Midwives and obstetricians want to lead improvement but few have QI training or coaching.",
        "Train and coach 12 maternity staff to run their own PDSA cycles by the autumn.",
        ("submitted", "queued", "accepted", "in_progress"),
        120,
        {STEERING: 2, SECOND: 2},
        "coaching",
    ),
    # The queue, at different stages.
    Demo(
        "Falls with harm on the acute frailty unit",
        "staff@ghft.example.org",
        "Acute frailty unit",
        ("GHFT",),
        "Cheltenham",
        "Frailty",
        "loose",
        ("coaching", "measurement"),
        "quarter",
        ("sponsor", "data"),
        "Falls with harm rose by a third over the winter.",
        "Halve falls with harm by March.",
        ("submitted", "queued"),
        21,
        {STEERING: 2, SECOND: 3},
    ),
    Demo(
        "Carers' assessments after hospital discharge",
        "j.reid@glosvcse.example.org",
        "Carers' hub",
        ("VCSE", "GCC", "GHFT"),
        "Gloucester",
        "Health inequalities (Core20PLUS5)",
        "loose",
        ("in_depth", "advice"),
        "half_year",
        ("service_users",),
        "Unpaid carers are rarely identified at discharge, so few are offered an assessment.",
        "Identify 200 more carers at discharge in a year, focusing on the most deprived neighbourhoods.",
        ("submitted", "queued"),
        35,
        {SECOND: 3},
    ),
    Demo(
        "Annual health checks for people with a learning disability",
        "t.walsh@glosprimarycare.example.org",
        "Inner City Gloucester PCN",
        ("Primary care",),
        "Inner City Gloucester PCN",
        "Health inequalities (Core20PLUS5)",
        "tight",
        ("measurement", "coaching"),
        "quarter",
        ("sponsor", "data", "priority"),
        "Uptake of annual health checks is 61% against a 75% ambition.",
        "Reach 75% uptake across the PCN by March.",
        ("submitted", "queued"),
        14,
    ),
    Demo(
        "Reducing restrictive practice on inpatient mental health wards",
        "m.ahmed@ghc.example.org",
        "Inpatient mental health",
        ("GHC",),
        "Gloucester",
        "Mental health",
        "loose",
        ("coaching",),
        "year",
        ("sponsor", "team_time", "service_users"),
        "Use of restraint is above the national median on two wards.",
        "Reduce restrictive interventions by 30% in 12 months.",
        ("submitted", "queued"),
        9,
        {STEERING: 2},
    ),
    Demo(
        "Discharge to assess: reablement flow",
        "k.osei@glos-cc.example.org",
        "Reablement service",
        ("GCC", "GHFT"),
        "Stroud and Berkeley Vale",
        "Urgent and emergency care",
        "tight",
        ("workshop",),
        "quarter",
        ("sponsor", "data", "priority"),
        "People wait on wards for reablement starts; capacity looks sufficient on paper.",
        "Cut the wait from referral to reablement start from 5 days to 2.",
        ("submitted", "queued", "accepted"),
        18,
        {STEERING: 3, SECOND: 2},
        "facilitation",
    ),
    Demo(
        "Outpatient letters turnaround",
        "staff@ghft.example.org",
        "Cardiology outpatients",
        ("GHFT",),
        "Cheltenham",
        "Elective recovery",
        "loose",
        ("coaching",),
        "quarter",
        ("data",),
        "Clinic letters take nine working days to reach GPs.",
        "Letters to GPs within two working days.",
        ("submitted",),
        3,
    ),
    Demo(
        "Medicines reconciliation at discharge",
        "m.ahmed@ghc.example.org",
        "Community pharmacy liaison",
        ("GHC", "Primary care"),
        "Tewkesbury",
        "Urgent and emergency care",
        "loose",
        ("coaching", "measurement"),
        "half_year",
        ("data",),
        "One in five patients discharged to community services has a medicines discrepancy.",
        "Halve discrepancies within six months.",
        ("submitted", "in_triage"),
        5,
    ),
    Demo(
        "Smoking in pregnancy",
        "h.clarke@ghft.example.org",
        "Maternity public health",
        ("GHFT", "GCC"),
        "Forest of Dean",
        "Prevention and population health",
        "loose",
        ("advice",),
        "flexible",
        (),
        "Smoking at time of delivery is 11% in the Forest of Dean.",
        "",
        ("submitted", "returned"),
        12,
        reason="Please add your aim and how you will measure it, and who is sponsoring the work.",
    ),
    Demo(
        "Children's asthma reviews in primary care",
        "t.walsh@glosprimarycare.example.org",
        "Severn Health PCN",
        ("Primary care",),
        "Severn Health PCN",
        "Children and young people",
        "loose",
        ("training",),
        "flexible",
        ("data",),
        "Practice nurses want to learn QI methods to improve asthma reviews.",
        "Every practice nurse trained in QI basics.",
        ("submitted", "signposted"),
        30,
        reason="The Bronze QI programme starting next month covers exactly this: book through the training "
        "page, and the champion for Severn Health PCN will support your first PDSA cycle.",
    ),
    Demo(
        "Staff wellbeing hub evaluation",
        "k.osei@glos-cc.example.org",
        "Workforce team",
        ("GCC",),
        "Gloucestershire",
        "Workforce",
        "loose",
        ("measurement",),
        "half_year",
        ("sponsor",),
        "We do not know whether the wellbeing hub reduces sickness absence.",
        "An evaluation plan with measures in place by the summer.",
        ("submitted", "queued", "deferred"),
        60,
        {STEERING: 1, SECOND: 2},
        reason="Revisit after the new workforce strategy is published in the spring.",
    ),
    Demo(
        "New coffee machine rota",
        "staff@ghft.example.org",
        "Ward 7b",
        ("GHFT",),
        "Cheltenham",
        "Workforce",
        "loose",
        ("advice",),
        "flexible",
        (),
        "The rota causes friction.",
        "A fair rota.",
        ("submitted", "queued", "declined"),
        75,
        {STEERING: 0, SECOND: 0},
        reason="This is a local management matter rather than an improvement project; "
        "the ward manager can help.",
    ),
    Demo(
        "Ambulance handover delays",
        "dr.jones@ghft.example.org",
        "Emergency department",
        ("GHFT",),
        "Gloucester",
        "Urgent and emergency care",
        "tight",
        ("in_depth",),
        "urgent",
        ("sponsor",),
        "Handovers over 60 minutes happen daily.",
        "",
        (),
        1,
    ),
]

ACTIONS = {
    "submitted": "submit",
    "in_triage": "start_triage",
    "returned": "return",
    "queued": "queue",
    "accepted": "accept",
    "signposted": "signpost",
    "deferred": "defer",
    "declined": "decline",
    "in_progress": "start",
    "closed": "close",
}


def _people(organisations: dict[str, Organisation]) -> dict[str, User]:
    found = {
        u.email: u
        for u in User.objects.filter(
            email__in=[p[0] for p in PEOPLE]
            + [STEERING, "staff@ghft.example.org", "admin@glos-icb.example.org"]
        )
    }
    for email, first, last, job, org, roles in PEOPLE:
        user = found.get(email) or User(email=email)
        user.first_name, user.last_name, user.job_title = first, last, job
        user.organisation = organisations.get(org)
        if not user.pk:
            user.set_unusable_password()
        user.save()
        if roles:
            user.groups.add(*[Group.objects.get_or_create(name=GROUP_NAMES[r])[0] for r in roles])
        found[email] = user
    return found


def seed(out: TextIO) -> None:
    organisations = {o.label: o for o in Organisation.objects.all()}
    if not organisations:
        out.write("  facilitation: skipped (no organisations: seed community first)\n")
        return
    people = _people(organisations)
    admin = people.get("admin@glos-icb.example.org")
    places = {p.name: p for p in Place.objects.all()}
    priorities = {p.name: p for p in SystemPriority.objects.all()}
    version = framework_ensure_default()
    criteria = list(version.criteria.all())
    now = timezone.now()
    meeting, _ = Meeting.objects.update_or_create(
        title="Steering group, demo meeting",
        defaults={"held_on": (now - datetime.timedelta(days=7)).date(), "started_by": people.get(STEERING)},
    )
    for demo in REQUESTS:
        requester = people[demo.requester]
        created_at = now - datetime.timedelta(days=demo.days_ago)
        item, _ = FacilitationRequest.objects.update_or_create(
            title=demo.title,
            defaults={
                "requester": requester,
                "team": demo.team,
                "place": places.get(demo.place),
                "challenge": demo.challenge,
                "aim": demo.aim,
                "system_priority": priorities.get(demo.priority),
                "direction": demo.direction,
                "support_wanted": list(demo.support_wanted),
                "timescale": demo.timescale,
                "success_factors": list(demo.success_factors),
                "status": demo.path[-1] if demo.path else Status.DRAFT,
                "support_level": demo.support_level,
                "outcome": demo.outcome,
                "submitted_at": created_at if demo.path else None,
                "review_date": (now + datetime.timedelta(days=90)).date()
                if "deferred" in demo.path
                else None,
            },
        )
        FacilitationRequest.objects.filter(pk=item.pk).update(created_at=created_at)
        related = Project.objects.filter(
            title=RELATED_PROJECTS.get(demo.title, ""), published_at__isnull=False
        )
        FacilitationRequest.objects.filter(pk=item.pk).update(related_project=related.first())
        item.organisations.set([organisations[o] for o in demo.organisations if o in organisations])
        _history(
            item, demo, requester, admin, people.get(STEERING), meeting, created_at, criteria, version, people
        )
    assigned = _assign_facilitators(admin)
    out.write(
        f"  facilitation: {len(REQUESTS)} requests "
        f"({FacilitationRequest.objects.filter(status=Status.QUEUED).count()} in the queue), "
        f"framework version {version.number}, {assigned} facilitators assigned\n"
    )


def _history(item, demo, requester, admin, decider, meeting, start, criteria, version, people):  # type: ignore[no-untyped-def]
    item.transitions.all().delete()
    item.decisions.all().delete()
    item.score_sheets.all().delete()
    previous = Status.DRAFT
    step = datetime.timedelta(days=max(demo.days_ago, 1) / (len(demo.path) + 1))
    for n, status in enumerate(demo.path):
        by = (
            requester
            if status == "submitted"
            else admin
            if status in ("in_triage", "returned", "queued")
            else decider
        )
        if status == "signposted":
            by = admin
        reason = demo.reason if status in ("returned", "signposted", "deferred", "declined") else ""
        if status == "closed":
            reason = demo.outcome
        transition = Transition.objects.create(
            request=item,
            actor=by,
            action=ACTIONS[status],
            from_status=previous,
            to_status=status,
            reason=reason,
        )
        Transition.objects.filter(pk=transition.pk).update(at=start + step * n)
        if status in ("accepted", "signposted", "deferred", "declined"):
            decision = Decision.objects.create(
                request=item,
                outcome=ACTIONS[status],
                support_level=demo.support_level if status == "accepted" else "",
                rationale=reason,
                review_date=item.review_date if status == "deferred" else None,
                meeting=meeting if status != "signposted" else None,
                decided_by=by,
            )
            Decision.objects.filter(pk=decision.pk).update(decided_at=start + step * n)
        previous = status
    sheets = []
    for email, value in demo.scores.items():
        scorer = people.get(email)
        if scorer is None:
            continue
        values = [scoring.CriterionValue(c.weight, value) for c in criteria]
        sheet = ScoreSheet.objects.create(
            request=item,
            scorer=scorer,
            version=version,
            score=Decimal(str(float(scoring.sheet_score(values)))).quantize(Decimal("0.01")),
        )
        CriterionScore.objects.bulk_create(
            CriterionScore(sheet=sheet, criterion=c, value=value, comment="") for c in criteria
        )
        sheets.append(values)
    FacilitationRequest.objects.filter(pk=item.pk).update(priority_score=scoring.priority_score(sheets))


# Hours a month each piece of work in progress takes from its facilitator.
FACILITATOR_HOURS = {
    "Virtual ward programme design workshops": Decimal("4"),
    "Palliative and end of life care programme": Decimal("6"),
    "Local maternity and neonatal system QI capability": Decimal("3"),
}


def _assign_facilitators(admin: User | None) -> int:
    """Give each model assignment in progress the best-matched champion with time, through the register's
    capacity seam (no email: demo champions cannot sign in). Left alone when already assigned."""

    count = 0
    today = timezone.localdate()
    for title, hours in FACILITATOR_HOURS.items():
        item = FacilitationRequest.objects.filter(title=title, status=Status.IN_PROGRESS).first()
        if item is None:
            continue
        if Assignment.objects.filter(request=item).exists():
            count += 1
            continue
        for months in (3, 2, 1):
            end_month = capacity.Month.of(today)
            for _ in range(months - 1):
                end_month = end_month.next()
            period = capacity.Period(today.replace(day=1), end_month.last_day)
            ranked = [r for r in suggestions(item, hours_per_month=hours, period=period) if r.has_time]
            if not ranked:
                continue
            champion = listed_champion(ranked[0].candidate.key)
            assignment = Assignment.objects.create(
                request=item,
                champion=champion,
                hours_per_month=hours,
                start=period.start,
                end=period.end,
                assigned_by=admin,
            )
            try:
                commitment = commitment_create(
                    champion=champion,
                    hours_per_month=hours,
                    start=period.start,
                    end=period.end,
                    title=f"Facilitation: {item.title}",
                    by=admin,
                    source="facilitation",
                    source_ref=str(assignment.pk),
                )
            except CapacityRefused:
                assignment.delete()
                continue
            assignment.commitment = commitment
            assignment.save(update_fields=["commitment"])
            count += 1
            break
    return count
