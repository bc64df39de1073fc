"""Demo measures and PDSA cycles on the register's demo projects, so that every Making Data Count icon
appears: waits falling after a change, referrals rising, a stable process failing its target, and more;
every kind of measure (proportions on P charts, rates on U charts, counts, rare events on G and T charts)
is there, and every active project without one of these gets a measure of its own.

Attaches only to demo projects that exist (projects.demo seeds them, found here by title). Idempotent:
measures are found by project and name, points by period, cycles by change idea and title.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.db import transaction
from django.db.models import Q

from projects import portfolio_dashboard
from projects.models import Project

from .models import DataPoint, DriverDiagram, Measure, PDSACycle
from .services import summary_of

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
    # Values, or for a proportion or rate (numerator, denominator) pairs, from a seeded generator.
    values: Callable[[random.Random], list[float]] | Callable[[random.Random], list[tuple[float, float]]]
    target: float | None = None
    definition: str = ""
    annotations: dict[int, str] = field(default_factory=dict)
    value_kind: str = "value"
    chart_type: str = "xmr"
    multiplier: int = 1
    seed: str = ""  # seeds the generator (the measure's name when empty)


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


def _binomial(rng: random.Random, size: int, p: float) -> float:
    """Events among `size` cases each with chance `p` (a normal approximation, clipped)."""
    mean, sd = size * p, (size * p * (1 - p)) ** 0.5
    return float(min(size, max(0, round(rng.gauss(mean, sd)))))


def _poisson(rng: random.Random, mean: float) -> float:
    """Events with this mean: Knuth's method for small means, a normal approximation for large ones."""
    if mean > 30:
        return float(max(0, round(rng.gauss(mean, mean**0.5))))
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return float(k)


def _proportions(
    rng: random.Random, levels: list[tuple[int, float]], low: int, high: int
) -> list[tuple[float, float]]:
    """(numerator, denominator) a period for a proportion whose true level is each of `levels` in turn."""
    out = []
    for count, p in levels:
        for _ in range(count):
            size = rng.randint(low, high)
            out.append((_binomial(rng, size, p), float(size)))
    return out


def _rates(
    rng: random.Random, levels: list[tuple[int, float]], low: int, high: int
) -> list[tuple[float, float]]:
    """(events, exposure) a period for a rate of `level` events per unit of exposure, in turn."""
    out = []
    for count, rate in levels:
        for _ in range(count):
            exposure = rng.randint(low, high)
            out.append((_poisson(rng, rate * exposure), float(exposure)))
    return out


def _between(rng: random.Random, levels: list[tuple[int, float]]) -> list[float]:
    """Days (or cases) between rare events whose mean gap is each of `levels` in turn."""
    return [max(1.0, round(rng.expovariate(1 / gap))) for count, gap in levels for _ in range(count)]


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
        lambda rng: _proportions(rng, [(52, 0.88)], 25, 60),
        target=90,
        definition="Patients offered a pack at first contact, of all patients contacted that week.",
        value_kind="proportion",
        chart_type="p",
        multiplier=100,
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
        lambda rng: _proportions(rng, [(40, 0.11), (12, 0.17)], 150, 220),
        target=12,
        value_kind="proportion",
        chart_type="p",
        multiplier=100,
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
    DemoMeasure(
        "Length of stay in community hospitals",
        "Falls per 1,000 occupied bed days",
        "balancing",
        "falls per 1,000 bed days",
        "decrease",
        "weekly",
        lambda rng: _rates(rng, [(30, 0.0062), (22, 0.0041)], 1200, 1500),
        definition="Inpatient falls (any harm) per 1,000 occupied bed days, all community hospitals.",
        annotations={30: "PDSA: falls huddle at handover"},
        value_kind="rate",
        chart_type="u",
        multiplier=1000,
    ),
    DemoMeasure(
        "Length of stay in community hospitals",
        "Days between falls with harm",
        "outcome",
        "days",
        "increase",
        "monthly",
        lambda rng: _between(rng, [(14, 9.0), (10, 26.0)]),
        definition="Days since the previous fall that caused moderate or severe harm, for each such fall.",
        annotations={14: "Falls huddle adopted on every ward"},
        value_kind="time_between",
        chart_type="t",
    ),
    DemoMeasure(
        "Warmth on Prescription",
        "Emergency admissions for cold-related illness",
        "outcome",
        "admissions per month",
        "decrease",
        "monthly",
        lambda rng: [_poisson(rng, 6.0) for _ in range(24)],
        value_kind="count",
        chart_type="c",
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


# The measures each demo change idea should move: its cycles are marked on their charts.
PINNED = {
    "Phone contact from a care navigator": ("Days from referral to first contact by a care navigator",),
    "Prehabilitation packs co-designed with patients": ("Patients offered a prehabilitation pack (%)",),
    "Referrals from care homes": ("Referrals to the virtual ward",),
}


DIAGRAMS = {
    "We Wait Well": """Every patient waiting for cancer treatment hears from us within 5 working days
- People know who to contact while they wait
  - A named care navigator for every new referral
    - Phone contact from a care navigator
    - Text message with the navigator's direct number
- Patients are fitter for treatment
  - Exercise and nutrition advice before treatment starts
    - Prehabilitation packs co-designed with patients
    - Community exercise classes on prescription
""",
    "Length of stay in community hospitals": """Cut falls with harm on community wards by 30% by March 2027
- A safe ward environment
  - Staff see every patient at risk
    - Falls huddle at handover
    - Bay nursing for the highest-risk patients
- Patients and families who know the risks
  - Risk talked through on admission
    - Falls leaflet and conversation within 24 hours
""",
}


def _period(demo: DemoMeasure, index: int) -> dt.date:
    if demo.frequency == "monthly":
        year, month = divmod(MONTHLY_START.month - 1 + index, 12)
        return dt.date(MONTHLY_START.year + year, month + 1, 1)
    return WEEKLY_START + dt.timedelta(weeks=index)


def _series(demo: DemoMeasure) -> list[tuple[dt.date, float, float | None, str]]:
    """(period, value, denominator, annotation) for each period of a demo measure."""
    generated = demo.values(random.Random(demo.seed or demo.name))
    pairs = [item if isinstance(item, tuple) else (item, None) for item in generated]
    return [
        (_period(demo, i), value, denominator, demo.annotations.get(i, ""))
        for i, (value, denominator) in enumerate(pairs)
    ]


MEASURE_DEFAULTS = (
    "kind",
    "unit",
    "improvement",
    "frequency",
    "target",
    "definition",
    "value_kind",
    "chart_type",
    "multiplier",
)


def _seed_measures(pairs: list[tuple[Project, DemoMeasure]]) -> list[Measure]:
    """Every demo measure and its points in a handful of queries, whatever their number: measures found
    by project and name, points by period; the stored icons computed from the points in hand."""
    existing = {
        (m.project_id, m.name): m
        for m in Measure.objects.filter(
            project__in={p for p, _ in pairs}, name__in={d.name for _, d in pairs}
        )
    }
    measures, new_measures, changed_measures = [], [], []
    for project, demo in pairs:
        values = {name: getattr(demo, name) for name in MEASURE_DEFAULTS}
        measure = existing.get((project.pk, demo.name))
        if measure is None:
            measure = Measure(project=project, name=demo.name, **values)
            new_measures.append(measure)
        elif any(getattr(measure, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(measure, k, v)
            changed_measures.append(measure)
        measures.append(measure)
    Measure.objects.bulk_create(new_measures)
    Measure.objects.bulk_update(changed_measures, list(MEASURE_DEFAULTS))
    stored: dict[int, dict[dt.date, DataPoint]] = {m.pk: {} for m in measures}
    for stored_point in DataPoint.objects.filter(measure__in=measures):
        stored[stored_point.measure_id][stored_point.period] = stored_point
    new: list[DataPoint] = []
    changed: list[DataPoint] = []
    kept: dict[int, list[DataPoint]] = {}
    for measure, (_, demo) in zip(measures, pairs, strict=True):
        old = stored[measure.pk]
        series = []
        for period, value, denominator, annotation in _series(demo):
            point = old.pop(period) if period in old else None
            if point is None:
                point = DataPoint(
                    measure=measure,
                    period=period,
                    value=value,
                    denominator=denominator,
                    annotation=annotation,
                )
                new.append(point)
            elif (point.value, point.denominator, point.annotation) != (value, denominator, annotation):
                point.value, point.denominator, point.annotation = value, denominator, annotation
                changed.append(point)
            series.append(point)
        kept[measure.pk] = series
    DataPoint.objects.bulk_create(new)
    DataPoint.objects.bulk_update(changed, ["value", "denominator", "annotation"])
    DataPoint.objects.filter(pk__in=[p.pk for old in stored.values() for p in old.values()]).delete()
    summaries = []
    for measure in measures:
        for name, value in summary_of(measure, kept[measure.pk]).items():
            setattr(measure, name, value)
        summaries.append(measure)
    Measure.objects.bulk_update(
        summaries, ["variation", "assurance", "latest_period", "latest_value", "point_count"]
    )
    portfolio_dashboard.measures_changed()
    return measures


ACTIVE = ("testing", "implementing", "spreading", "sustaining")

# One measure for each active project that has none of the showcase measures above, across every kind:
# (name, kind, unit, improvement, value kind, chart, multiplier, series from a seeded generator).
TEMPLATES: list[tuple[str, str, str, str, str, str, int, Callable[[random.Random, bool], list]]] = [  # type: ignore[type-arg]
    (
        "Patients receiving the change (%)",
        "process",
        "%",
        "increase",
        "proportion",
        "p",
        100,
        lambda rng, shift: _proportions(rng, [(12, 0.55), (12, 0.72 if shift else 0.56)], 30, 80),
    ),
    (
        "Incidents per 1,000 contacts",
        "balancing",
        "incidents per 1,000 contacts",
        "decrease",
        "rate",
        "u",
        1000,
        lambda rng, shift: _rates(rng, [(12, 0.008), (12, 0.0035 if shift else 0.008)], 900, 1600),
    ),
    (
        "Days from referral to first appointment",
        "outcome",
        "days",
        "decrease",
        "value",
        "xmr",
        1,
        lambda rng, shift: _noisy(rng, [(12, 30.0), (12, 22.0 if shift else 29.0)], 3.0),
    ),
    (
        "Complaints received",
        "outcome",
        "complaints per month",
        "decrease",
        "count",
        "c",
        1,
        lambda rng, shift: [_poisson(rng, 9.0 if i < 12 or not shift else 4.0) for i in range(24)],
    ),
    (
        "Days between serious incidents",
        "outcome",
        "days",
        "increase",
        "time_between",
        "t",
        1,
        lambda rng, shift: _between(rng, [(12, 8.0), (12, 60.0 if shift else 8.0)]),
    ),
    (
        "Discharges between readmissions within 7 days",
        "balancing",
        "discharges",
        "increase",
        "cases_between",
        "g",
        1,
        lambda rng, shift: _between(rng, [(12, 20.0), (12, 150.0 if shift else 20.0)]),
    ),
]


STORY = re.compile(r"We reached (\d+)% against a baseline of (\d+)%; the run chart shows a sustained shift")


def _story_measure(project: Project, reached: int, baseline: int) -> DemoMeasure:
    """The run chart a project's results describe, with the levels they give."""
    return DemoMeasure(
        project.title,
        "Patients receiving the change (%)",
        "process",
        "%",
        "increase",
        "monthly",
        lambda rng: _proportions(rng, [(12, baseline / 100), (12, reached / 100)], 60, 120),
        definition=f"Recorded monthly by the {project.title} team.",
        annotations={12: "Change introduced"},
        value_kind="proportion",
        chart_type="run",
        multiplier=100,
        seed=f"{project.title}/story",
    )


def _project_measure(project: Project, index: int) -> DemoMeasure:
    if story := STORY.search(project.results or ""):
        return _story_measure(project, int(story.group(1)), int(story.group(2)))
    name, kind, unit, improvement, value_kind, chart, multiplier, series = TEMPLATES[index % len(TEMPLATES)]
    shift = (index // len(TEMPLATES)) % 2 == 0  # half of each kind show the change working
    return DemoMeasure(
        project.title,
        name,
        kind,
        unit,
        improvement,
        "monthly",
        lambda rng: series(rng, shift),
        definition=f"Recorded monthly by the {project.title} team.",
        annotations={12: "Change introduced"} if shift else {},
        value_kind=value_kind,
        chart_type=chart,
        multiplier=multiplier,
        seed=f"{project.title}/{name}",
    )


def seed(out: TextIO) -> None:
    titles = {demo.project for demo in MEASURES} | {c[0] for c in CYCLES} | set(DIAGRAMS)
    projects = {p.title: p for p in Project.objects.filter(title__in=titles)}
    if not projects:
        out.write("  measurement: no demo projects found (seed projects.demo first); nothing added\n")
        return
    with transaction.atomic():
        others = (
            Project.objects.filter(Q(status__in=ACTIVE) | Q(results__contains="the run chart shows"))
            .exclude(title__in=titles)
            .order_by("title")
        )
        measures = _seed_measures(
            [(projects[d.project], d) for d in MEASURES if d.project in projects]
            + [(project, _project_measure(project, i)) for i, project in enumerate(others)]
        )
        cycles = 0
        for title, idea, name, start, end, prediction, study, act in CYCLES:
            if title not in projects:
                continue
            cycle, _ = PDSACycle.objects.update_or_create(
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
            cycle.measures.set(Measure.objects.filter(project=projects[title], name__in=PINNED.get(idea, ())))
            cycles += 1
        for title, text in DIAGRAMS.items():
            if title in projects:
                DriverDiagram.objects.update_or_create(project=projects[title], defaults={"text": text})
    icons = sorted(
        {m.variation for m in measures if m.variation} | {m.assurance for m in measures if m.assurance}
    )
    kinds = sorted({m.chart_type for m in measures})
    out.write(
        f"  measurement: {len(measures)} measures ({', '.join(kinds)} charts), {cycles} PDSA cycles, "
        f"{len(DIAGRAMS)} driver diagrams; "
        f"icons: {', '.join(icons)}\n"
    )
