"""Demo data for the champion register: about 150 champions across the partners, in proportion to their
headcount, at every level and method, mostly active, some paused, a few retired, a few awaiting review.

Idempotent and fast: people are found by email, entries by person, and everything is written in bulk.
Depends on community.demo (organisations, places, priorities).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from champions.models import Champion, ChampionCommitment, Level, Method
from community.models import Organisation, Place, SystemPriority, User

# Short name of the organisation -> how many champions (roughly in proportion to headcount).
PER_ORGANISATION = {"GHFT": 52, "GHC": 34, "Primary care": 26, "GCC": 20, "ICB": 10, "VCSE": 8}
LEVELS = [(Level.PRACTITIONER, 45), (Level.COACH, 35), (Level.EXPERT, 12), (Level.FACULTY, 8)]
FIRST = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Emma",
    "Farah",
    "George",
    "Hannah",
    "Imran",
    "Jess",
    "Kieran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rachel",
    "Sanjay",
    "Tom",
    "Uma",
    "Victoria",
    "Will",
    "Yasmin",
    "Zoe",
    "Amir",
    "Bethan",
    "Callum",
    "Deborah",
    "Ellie",
    "Femi",
]
LAST = [
    "Adams",
    "Begum",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lloyd",
    "Morgan",
    "Nash",
    "Owen",
    "Price",
    "Quinn",
    "Roberts",
    "Shah",
    "Taylor",
    "Usman",
    "Walker",
    "Young",
    "Baker",
    "Cooper",
]
TITLES: dict[str, list[str]] = {
    Level.PRACTITIONER: ["Staff nurse", "Physiotherapist", "Practice manager", "Social worker", "Pharmacist"],
    Level.COACH: ["Quality improvement coach", "Ward sister", "Service manager", "Clinical lead"],
    Level.EXPERT: ["Quality improvement lead", "Consultant", "Head of improvement"],
    Level.FACULTY: ["QSIR faculty lead", "Improvement academy lead"],
}
OFFERS = [
    "Process mapping workshops with frontline teams, and help turning the map into change ideas.",
    "Coaching teams through their first PDSA cycles and setting up run charts.",
    "Measurement for improvement: operational definitions, SPC charts and making data count.",
    "Facilitating co-production sessions with patients, carers and people with lived experience.",
    "Lean and flow: value stream mapping, huddles and visual management.",
    "Human factors reviews and safety huddles.",
    "Design thinking sprints to understand a problem before solving it.",
    "System improvement coaching for leaders working across organisations.",
]
LEVEL_HOURS: dict[str, list[int]] = {
    Level.PRACTITIONER: [2, 4, 4, 6],
    Level.COACH: [8, 12, 16, 24],
    Level.EXPERT: [16, 24, 30],
    Level.FACULTY: [12, 16, 24],
}
STATUS_REASONS: dict[str, str] = {
    Champion.Status.PAUSED: "On leave until the spring",
    Champion.Status.RETIRED: "Moved to a role outside the system",
}
TRAINING: dict[str, str] = {
    Level.PRACTITIONER: "Bronze improvement training",
    Level.COACH: "QSIR Practitioner; Silver improvement training",
    Level.EXPERT: "Gold improvement training",
    Level.FACULTY: "QSIR faculty; Gold improvement training",
}
DEMO_SOURCE = "demo"


def _level(rng: random.Random) -> str:
    roll, total = rng.randrange(100), 0
    for level, share in LEVELS:
        total += share
        if roll < total:
            return level
    return Level.PRACTITIONER


def _status(index: int) -> str:
    if index % 25 == 7:
        return Champion.Status.RETIRED
    if index % 12 == 5:
        return Champion.Status.PAUSED
    if index % 30 == 11:
        return Champion.Status.PROPOSED
    return Champion.Status.ACTIVE


def seed(out: TextIO) -> None:
    rng = random.Random(2026)
    organisations = {o.short_name: o for o in Organisation.objects.filter(short_name__in=PER_ORGANISATION)}
    places = list(Place.objects.exclude(kind=Place.Kind.SYSTEM).order_by("kind", "name"))
    localities = [p for p in places if p.kind == Place.Kind.PLACE]
    topics = list(SystemPriority.objects.order_by("order"))
    if not organisations or not localities or not topics:
        out.write("  champions: skipped (run the community seeder first)\n")
        return
    today = timezone.localdate()
    start = datetime.date(today.year, 4, 1) if today.month >= 4 else datetime.date(today.year - 1, 4, 1)
    end = datetime.date(start.year + 1, 3, 31)

    people: list[tuple[User, dict[str, Any]]] = []
    index = 0
    password = make_password(None)  # unusable: demo champions do not sign in
    for short, count in PER_ORGANISATION.items():
        org = organisations.get(short)
        if org is None:
            continue
        domain = (org.email_domains or ["partner.example"])[0]
        for n in range(count):
            first, last = FIRST[index % len(FIRST)], LAST[(index * 7 + n) % len(LAST)]
            level = _level(rng)
            email = f"{first}.{last}.{index}@{domain}".lower()
            user = User(
                email=email,
                first_name=first,
                last_name=last,
                organisation=org,
                job_title=rng.choice(TITLES[level]),
                password=password,
            )
            hours = Decimal(rng.choice(LEVEL_HOURS[level]))
            locality = rng.choice(localities)
            pcns = [p for p in places if p.parent_id == locality.pk]
            chosen_places = [] if rng.random() < 0.2 else [locality, *rng.sample(pcns, k=min(len(pcns), 1))]
            status = _status(index)
            people.append(
                (
                    user,
                    {
                        "organisation": org,
                        "level": level,
                        "methods": sorted(rng.sample(Method.values, k=rng.randint(2, 4))),
                        "offer": rng.choice(OFFERS),
                        "hours_per_month": hours,
                        "capacity_start": start,
                        "capacity_end": end,
                        "capacity_agreed_by": f"{rng.choice(FIRST)} {rng.choice(LAST)}, line manager",
                        "status": status,
                        "status_reason": STATUS_REASONS.get(status, ""),
                        "consent_to_list": index % 40 != 3,
                        "training_evidence": TRAINING[level],
                        "_topics": rng.sample(topics, k=rng.randint(1, 3)),
                        "_places": chosen_places,
                    },
                )
            )
            index += 1

    User.objects.bulk_create([u for u, _ in people], ignore_conflicts=True)
    users = {u.email: u for u in User.objects.filter(email__in=[u.email for u, _ in people])}
    existing = {c.person_id: c for c in Champion.objects.filter(person__in=users.values())}
    now = timezone.now()
    to_create: list[Champion] = []
    to_update: list[Champion] = []
    m2m: list[tuple[Champion, list[SystemPriority], list[Place]]] = []
    for user, values in people:
        person = users[user.email]
        fields = {k: v for k, v in values.items() if not k.startswith("_")}
        champion = existing.get(person.pk) or Champion(person=person, created_at=now)
        for name, value in fields.items():
            setattr(champion, name, value)
        champion.consent_at = now if champion.consent_to_list else None
        (to_update if champion.pk else to_create).append(champion)
        m2m.append((champion, values["_topics"], values["_places"]))
    Champion.objects.bulk_create(to_create)
    update_fields = [
        "organisation",
        "level",
        "methods",
        "offer",
        "hours_per_month",
        "capacity_start",
        "capacity_end",
        "capacity_agreed_by",
        "status",
        "status_reason",
        "consent_to_list",
        "consent_at",
        "training_evidence",
    ]
    Champion.objects.bulk_update(to_update, update_fields, batch_size=200)

    ids = [c.pk for c, _, _ in m2m]
    Champion.topics.through.objects.filter(champion_id__in=ids).delete()
    Champion.places.through.objects.filter(champion_id__in=ids).delete()
    Champion.topics.through.objects.bulk_create(
        [Champion.topics.through(champion_id=c.pk, systempriority_id=t.pk) for c, ts, _ in m2m for t in ts]
    )
    Champion.places.through.objects.bulk_create(
        [Champion.places.through(champion_id=c.pk, place_id=p.pk) for c, _, ps in m2m for p in ps]
    )

    # Some of the active coaches' and experts' time is already committed, so free capacity varies.
    ChampionCommitment.objects.filter(champion_id__in=ids, source=DEMO_SOURCE).delete()
    commitments = []
    for champion, _, _ in m2m:
        if champion.status != Champion.Status.ACTIVE or champion.level == Level.PRACTITIONER:
            continue
        if rng.random() < 0.5:
            share = Decimal(rng.choice([Decimal("0.25"), Decimal("0.5"), Decimal("1")]))
            commitments.append(
                ChampionCommitment(
                    champion=champion,
                    hours_per_month=(champion.hours_per_month * share).quantize(Decimal("0.5")),
                    start=start,
                    end=min(end, start + datetime.timedelta(days=270)),
                    title=rng.choice(
                        [
                            "Coaching the frailty virtual ward team",
                            "Discharge flow collaborative",
                            "Primary care access improvement",
                            "QSIR Practitioner cohort teaching",
                        ]
                    ),
                    source=DEMO_SOURCE,
                )
            )
    ChampionCommitment.objects.bulk_create(commitments)
    counts = {s: sum(1 for c, _, _ in m2m if c.status == s) for s in Champion.Status.values}
    out.write(
        f"  champions: {len(m2m)} entries ({counts['active']} active, {counts['paused']} paused, "
        f"{counts['retired']} retired, {counts['proposed']} proposed), {len(commitments)} commitments\n"
    )
