"""Demo data for governance: the steering group and the improvement board with members, the six
capability components and their questions, the model system's first self-assessment ("Developing"),
its one-year delivery plan with progress notes, two meetings, and freshly built dashboard snapshots.

Idempotent: everything is found by a natural key and updated in place.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TextIO

from django.utils import timezone

from community.models import User
from dashboards import snapshots
from governance import maturity
from governance.models import (
    AgendaItem,
    Assessment,
    AssessmentAnswer,
    AssessmentComponent,
    AssessmentQuestion,
    BodyMember,
    Decision,
    DeliveryAction,
    GovernanceBody,
    Meeting,
    MeetingAction,
    ProgressNote,
    Recommendation,
)

# Questions per component, with the model system's first scores (1 to 5). Component means fall between
# 2.1 and 2.7, as the model system's first assessment did.
QUESTIONS: dict[str, list[tuple[str, int]]] = {
    "strategic-focus": [
        ("Improvement is an explicit part of the system's strategy and plans", 3),
        ("Partners share a small number of improvement priorities", 2),
        ("Improvement aims are linked to population health outcomes", 2),
    ],
    "leadership-for-improvement": [
        ("Leaders at every level model and sponsor improvement", 3),
        ("Executive and board members have had improvement training", 2),
        ("Leaders protect time for teams to improve", 2),
        ("Leaders ask about learning, not only results", 3),
    ],
    "prioritisation-and-communication": [
        ("There is an agreed way to prioritise improvement work across partners", 2),
        ("Improvement work and its results are visible to everyone", 3),
        ("Staff know how to ask for improvement support", 2),
    ],
    "achieving-outcomes": [
        ("Projects use measurement for improvement (run and SPC charts)", 2),
        ("Successful changes are sustained and spread", 2),
        ("Improvement work shows measurable benefit for people using services", 3),
    ],
    "capability-building": [
        ("There is a training offer from awareness to expert level", 3),
        ("Training is matched to the dosage the system needs", 2),
        ("Trained people are supported to use their skills afterwards", 2),
        ("Coaches and faculty are available across partners", 2),
    ],
    "resources": [
        ("Dedicated improvement specialists are funded across partners", 2),
        ("Teams have access to data and analytical support", 3),
        ("Tools and platforms for improvement are shared across the system", 3),
    ],
}

RECOMMENDATIONS = [
    (
        "capability-building",
        "Grow the number of competent improvers, targeted where dosage is lowest.",
        "Provide training and coaching to 200 more competent improvers",
    ),
    (
        "prioritisation-and-communication",
        "Agree one prioritisation framework for requests for support.",
        "Run a single prioritisation queue for facilitation requests",
    ),
    (
        "resources",
        "Know who has improvement skills and how much time they can give.",
        "Build a register of QI champions",
    ),
    (
        "leadership-for-improvement",
        "Develop leaders' improvement skills through board development.",
        "Deliver board development sessions on improvement for every partner",
    ),
]

# (strand, title, owner email, due (months from the plan's start), RAG, notes [(days ago, rag, text)])
PLAN = [
    (
        "convene",
        "Run a single prioritisation queue for facilitation requests",
        "steering@ghc.example.org",
        3,
        "complete",
        [(40, "complete", "Queue live; the steering group reviews it fortnightly.")],
    ),
    (
        "convene",
        "Hold quarterly improvement board meetings with a standard board pack",
        "admin@glos-icb.example.org",
        12,
        "green",
        [(20, "green", "Two meetings held; pack now generated from the portal.")],
    ),
    (
        "integrate",
        "Align improvement priorities with the system's joint forward plan",
        "board@glos-icb.example.org",
        6,
        "amber",
        [(25, "amber", "Draft shared; two partners still to confirm their priorities.")],
    ),
    (
        "learn",
        "Provide training and coaching to 200 more competent improvers",
        "admin@glos-icb.example.org",
        12,
        "amber",
        [
            (60, "green", "Cohorts planned with each faculty."),
            (10, "amber", "Behind plan in primary care; extra QSIR cohort requested."),
        ],
    ),
    (
        "learn",
        "Deliver board development sessions on improvement for every partner",
        "board@glos-icb.example.org",
        9,
        "green",
        [(30, "green", "Four of six partners booked.")],
    ),
    (
        "facilitate",
        "Offer measurement and SPC support to every project that asks",
        "steering@ghc.example.org",
        12,
        "green",
        [(15, "green", "Analyst clinics running weekly.")],
    ),
    (
        "connect",
        "Build a register of QI champions",
        "admin@glos-icb.example.org",
        6,
        "green",
        [(12, "green", "Register open; first champions approved.")],
    ),
    (
        "connect",
        "Launch the improvement community portal to all partners",
        "admin@glos-icb.example.org",
        4,
        "complete",
        [(35, "complete", "Portal launched; sign-up open to every partner's staff.")],
    ),
    (
        "collaborate",
        "Start two cross-partner improvement collaboratives (frailty, UEC)",
        "steering@ghc.example.org",
        10,
        "red",
        [(8, "red", "Frailty collaborative delayed: no clinical lead yet.")],
    ),
    (
        "celebrate",
        "Organise an improvement conference",
        "board@glos-icb.example.org",
        11,
        "amber",
        [(18, "amber", "Venue booked; call for posters opens next month.")],
    ),
    (
        "celebrate",
        "Share a monthly improvement story in every partner's staff newsletter",
        "steering@ghc.example.org",
        12,
        "green",
        [],
    ),
]

BODIES = [
    (
        GovernanceBody.Kind.STEERING_GROUP,
        "Improvement Community steering group",
        "Reviews the prioritisation queue, decides on requests for support and reviews the portfolio.",
        [("steering@ghc.example.org", "chair"), ("admin@glos-icb.example.org", "secretary")],
    ),
    (
        GovernanceBody.Kind.IMPROVEMENT_BOARD,
        "System improvement board",
        "Oversees the improvement strategy, the delivery plan and the system's capability.",
        [("board@glos-icb.example.org", "chair"), ("admin@glos-icb.example.org", "secretary")],
    ),
]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def seed(out: TextIO) -> None:
    today = timezone.localdate()
    people = {
        u.email: u
        for u in User.objects.filter(email__in=[p[2] for p in PLAN] + ["admin@glos-icb.example.org"])
    }

    bodies = {}
    for kind, name, purpose, members in BODIES:
        body, _ = GovernanceBody.objects.update_or_create(
            kind=kind, defaults={"name": name, "purpose": purpose}
        )
        bodies[kind] = body
        for email, position in members:
            if email in people:
                BodyMember.objects.update_or_create(
                    body=body, user=people[email], defaults={"position": position, "is_active": True}
                )

    components = {}
    for order, (slug, name) in enumerate(maturity.COMPONENTS, start=1):
        components[slug], _ = AssessmentComponent.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    questions: dict[str, list[tuple[AssessmentQuestion, int]]] = {}
    for slug, items in QUESTIONS.items():
        for order, (text, score) in enumerate(items, start=1):
            q, _ = AssessmentQuestion.objects.update_or_create(
                component=components[slug], text=text, defaults={"order": order}
            )
            questions.setdefault(slug, []).append((q, score))

    plan_start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    actions = {}
    for order, (strand, title, owner, months, rag, notes) in enumerate(PLAN, start=1):
        action, _ = DeliveryAction.objects.update_or_create(
            strand=strand,
            title=title,
            defaults={
                "owner": people.get(owner),
                "due_on": _add_months(plan_start, months),
                "rag": rag,
                "order": order,
            },
        )
        actions[title] = action
        for days_ago, note_rag, text in notes:
            ProgressNote.objects.update_or_create(
                action=action,
                text=text,
                defaults={
                    "written_on": today - datetime.timedelta(days=days_ago),
                    "rag": note_rag,
                    "author": people.get(owner),
                },
            )

    result = maturity.assess({slug: [s for _, s in items] for slug, items in questions.items()})
    assessed_on = plan_start - datetime.timedelta(days=30)
    assessment, _ = Assessment.objects.update_or_create(
        assessed_on=assessed_on,
        defaults={
            "title": "System improvement capability self-assessment (baseline)",
            "summary": "The first whole-system self-assessment, completed with every partner before the "
            "strategy was agreed.",
            "rating": result.rating,
            "overall_score": Decimal(str(result.overall)),
        },
    )
    for scored in questions.values():
        for q, score in scored:
            AssessmentAnswer.objects.update_or_create(
                assessment=assessment, question=q, defaults={"score": score}
            )
    for slug, text, action_title in RECOMMENDATIONS:
        Recommendation.objects.update_or_create(
            assessment=assessment,
            component=components[slug],
            text=text,
            defaults={"action": actions.get(action_title)},
        )

    admin = people.get("admin@glos-icb.example.org")
    board_meeting, _ = Meeting.objects.update_or_create(
        body=bodies[GovernanceBody.Kind.IMPROVEMENT_BOARD],
        title="Improvement board",
        held_on=today - datetime.timedelta(days=20),
        defaults={
            "status": Meeting.Status.HELD,
            "location": "Shire Hall, Gloucester",
            "created_by": admin,
            "minutes": "The board reviewed the dashboards, the delivery plan and the capability baseline.",
        },
    )
    for order, title in enumerate(
        ["Capacity and capability dashboards", "Delivery plan exceptions", "Conference"], 1
    ):
        AgendaItem.objects.update_or_create(meeting=board_meeting, order=order, defaults={"title": title})
    Decision.objects.update_or_create(
        meeting=board_meeting,
        text="Fund an extra QSIR Practitioner cohort for primary care.",
    )
    MeetingAction.objects.update_or_create(
        meeting=board_meeting,
        description="Confirm the clinical lead for the frailty collaborative.",
        defaults={
            "owner": people.get("steering@ghc.example.org"),
            "due_on": today + datetime.timedelta(days=14),
        },
    )
    steering_meeting, _ = Meeting.objects.update_or_create(
        body=bodies[GovernanceBody.Kind.STEERING_GROUP],
        title="Steering group: prioritisation queue",
        held_on=today + datetime.timedelta(days=7),
        defaults={"status": Meeting.Status.PLANNED, "location": "Microsoft Teams", "created_by": admin},
    )
    AgendaItem.objects.update_or_create(
        meeting=steering_meeting, order=1, defaults={"title": "Requests awaiting decision"}
    )

    built = snapshots.rebuild_everything()
    out.write(
        f"  governance: {len(PLAN)} delivery plan actions, first self-assessment rated {result.rating} "
        f"({result.overall:.2f}), {Meeting.objects.count()} meetings, "
        f"{len(built)} dashboard snapshots built.\n"
    )
