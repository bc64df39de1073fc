"""Demo measures and PDSA cycles on the register's demo projects, so that every Making Data Count icon
appears: waits falling after a change, referrals rising, a stable process failing its target, and more.

Attaches only to demo projects that exist (projects.demo seeds them, found here by title). Idempotent:
measures are found by project and name, points by period, cycles by change idea and title.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import transaction

from projects.models import Project

from .models import DataPoint, Measure, PDSACycle
from .services import measure_refresh

WEEKLY_START = dt.date(2025, 1, 6)
MONTHLY_START = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class DemoMeasure:
    project: str
    name: str
    kind: str
    unit: str
    improvement: str
    frequency: str
    values: Callable[[random.Random], list[float]]
    target: float | None = None
    definition: str = ""
    annotations: dict[int, str] = field(default_factory=dict)


def _noisy(
    rng: random.Random, levels: list[tuple[int, float]], spread: float, places: int = 1
) -> list[float]:
    """`levels`: (how many periods, level) in turn, each period the level plus bounded noise."""
    out: list[float] = []
    for count, level in levels:
        out.extend(round(level + rng.uniform(-spread, spread), places) for _ in range(count))
    return out


def _rising(rng: random.Random, n: int, start: float, step: float, spread: float) -> list[float]:
    return [round(start + step * i + rng.uniform(-spread, spread), 1) for i in range(n)]


MEASURES = [
    DemoMeasure(
        "We Wait Well",
        "Days from referral to first contact by a care navigator",
        "outcome",
        "days",
        "decrease",
        "weekly",
        lambda rng: _noisy(rng, [(26, 21.0), (26, 12.0)], 2.5),
        target=14,
        definition="Working days from the referral's receipt to the first phone call "
        "that reaches the patient.",
        annotations={26: "PDSA 1: navigator phones within 48 hours"},
    ),
    DemoMeasure(
        "We Wait Well",
        "Patients offered a prehabilitation pack (%)",
        "process",
        "%",
        "increase",
        "weekly",
        lambda rng: _noisy(rng, [(52, 88.0)], 6.0),
        target=90,
        definition="Patients offered a pack at first contact, of all patients contacted that week.",
    ),
    DemoMeasure(
        "Frailty virtual ward",
        "Referrals to the virtual ward",
        "process",
        "referrals per week",
        "increase",
        "weekly",
        lambda rng: _noisy(rng, [(30, 18.0)], 3.0, 0) + _rising(rng, 22, 20.0, 0.9, 2.0),
        annotations={30: "Referral line opened to care homes"},
    ),
    DemoMeasure(
        "Frailty virtual ward",
        "Readmissions within 30 days (%)",
        "balancing",
        "%",
        "decrease",
        "weekly",
        lambda rng: _noisy(rng, [(40, 11.0), (12, 15.5)], 1.2),
        target=12,
    ),
    DemoMeasure(
        "Length of stay in community hospitals",
        "Average length of stay",
        "outcome",
        "days",
        "decrease",
        "weekly",
        lambda rng: _noisy(rng, [(52, 24.0)], 1.5),
        target=20,
        definition="Mean length of stay of patients discharged that week, all community hospitals.",
    ),
    DemoMeasure(
        "Dementia co-diagnosis in primary care",
        "Estimated diagnosis rate (%)",
        "outcome",
        "%",
        "increase",
        "monthly",
        lambda rng: _noisy(rng, [(24, 71.0)], 1.5),
        target=66.7,
        definition="Recorded dementia diagnoses as a share of the expected prevalence (national estimate).",
    ),
    DemoMeasure(
        "Warmth on Prescription",
        "Households supported",
        "outcome",
        "households per month",
        "increase",
        "monthly",
        lambda rng: _noisy(rng, [(16, 95.0), (8, 70.0)], 6.0, 0),
        annotations={16: "Funding round closed"},
    ),
    DemoMeasure(
        "Glaucoma service redesign",
        "Patients seen per clinic",
        "process",
        "patients",
        "neither",
        "weekly",
        lambda rng: _noisy(rng, [(36, 14.0), (16, 18.0)], 1.5, 0),
        annotations={36: "Virtual review clinic added"},
    ),
    DemoMeasure(
        "IPS employment support referrals",
        "Referrals from primary care",
        "process",
        "referrals per month",
        "neither",
        "monthly",
        lambda rng: _noisy(rng, [(14, 40.0), (10, 28.0)], 3.0, 0),
    ),
]

CYCLES = [
    # project, change idea, title, start, end, prediction, study, act
    (
        "We Wait Well",
        "Phone contact from a care navigator",
        "One navigator calls new referrals for two weeks",
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 13),
        "Half of patients reached within 5 days",
        "70% reached within 5 days; evening calls reached more people",
        "adapt",
    ),
    (
        "We Wait Well",
        "Phone contact from a care navigator",
        "Add evening calls, two navigators",
        dt.date(2025, 6, 16),
        dt.date(2025, 7, 4),
        "80% reached within 48 hours",
        "84% reached within 48 hours; waits to first contact fell from 21 to 12 days",
        "adopt",
    ),
    (
        "We Wait Well",
        "Prehabilitation packs co-designed with patients",
        "Test the draft pack with ten patients",
        dt.date(2025, 7, 7),
        dt.date(2025, 7, 25),
        "Most find it useful",
        "Patients asked for large print and fewer leaflets",
        "adapt",
    ),
    (
        "Frailty virtual ward",
        "Referrals from care homes",
        "Open the referral line to two care homes",
        dt.date(2025, 7, 28),
        dt.date(2025, 8, 22),
        "Two or three referrals a week from the homes",
        "Five a week; staff wanted a single number",
        "adopt",
    ),
]


def _period(demo: DemoMeasure, index: int) -> dt.date:
    if demo.frequency == "monthly":
        year, month = divmod(MONTHLY_START.month - 1 + index, 12)
        return dt.date(MONTHLY_START.year + year, month + 1, 1)
    return WEEKLY_START + dt.timedelta(weeks=index)


def _seed_measure(project: Project, demo: DemoMeasure) -> Measure:
    measure, _ = Measure.objects.update_or_create(
        project=project,
        name=demo.name,
        defaults={
            "kind": demo.kind,
            "unit": demo.unit,
            "improvement": demo.improvement,
            "frequency": demo.frequency,
            "target": demo.target,
            "definition": demo.definition,
        },
    )
    values = demo.values(random.Random(demo.name))
    existing = {p.period: p for p in measure.points.all()}
    new, changed = [], []
    for i, value in enumerate(values):
        period = _period(demo, i)
        annotation = demo.annotations.get(i, "")
        point = existing.pop(period, None)
        if point is None:
            new.append(DataPoint(measure=measure, period=period, value=value, annotation=annotation))
        elif (point.value, point.annotation) != (value, annotation):
            point.value, point.annotation = value, annotation
            changed.append(point)
    DataPoint.objects.bulk_create(new)
    DataPoint.objects.bulk_update(changed, ["value", "annotation"])
    DataPoint.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
    measure_refresh(measure)
    return measure


def seed(out: TextIO) -> None:
    titles = {demo.project for demo in MEASURES} | {c[0] for c in CYCLES}
    projects = {p.title: p for p in Project.objects.filter(title__in=titles)}
    if not projects:
        out.write("  measurement: no demo projects found (seed projects.demo first); nothing added\n")
        return
    with transaction.atomic():
        measures = [_seed_measure(projects[d.project], d) for d in MEASURES if d.project in projects]
        cycles = 0
        for title, idea, name, start, end, prediction, study, act in CYCLES:
            if title not in projects:
                continue
            PDSACycle.objects.update_or_create(
                project=projects[title],
                change_idea=idea,
                title=name,
                defaults={
                    "start_date": start,
                    "end_date": end,
                    "prediction": prediction,
                    "study": study,
                    "act": act,
                    "plan": name,
                    "do": "Carried out as planned.",
                },
            )
            cycles += 1
    icons = sorted(
        {m.variation for m in measures if m.variation} | {m.assurance for m in measures if m.assurance}
    )
    out.write(f"  measurement: {len(measures)} measures, {cycles} PDSA cycles; icons: {', '.join(icons)}\n")
