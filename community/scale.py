"""Scale data for the community app: systems and their places, organisations of different sizes, and people.

Added beside the demo data (never instead of it), by COPY; see `governance/management/commands/seed_scale.py`.
"""

from __future__ import annotations

from typing import TextIO

from community.models import Organisation, Place, SystemPriority, User
from core.bulk_copy import copy_rows, reserve_ids
from core.scale import Context

REGIONS = [
    "Avon", "Bedford", "Berkshire", "Birmingham", "Black Country", "Bristol", "Cambridge", "Cheshire",
    "Cornwall", "Coventry", "Cumbria", "Derby", "Devon", "Dorset", "Durham", "Essex", "Frimley", "Hampshire",
    "Hereford", "Humber", "Kent", "Lancashire", "Leicester", "Lincoln", "Merseyside", "Norfolk",
    "Northampton",
    "Nottingham", "Oxford", "Shropshire", "Somerset", "Stafford", "Suffolk", "Surrey", "Sussex", "Tees",
    "Thames Valley", "Tyne", "Wiltshire", "Worcester", "York", "Yorkshire",
]  # fmt: skip
PLACES_PER_SYSTEM = 4
PCNS_PER_PLACE = 3
KINDS = [  # kind, share of organisations, typical headcount
    (Organisation.Kind.PRIMARY_CARE, 40, 300),
    (Organisation.Kind.ACUTE_TRUST, 15, 7000),
    (Organisation.Kind.COMMUNITY_MENTAL_HEALTH_TRUST, 10, 4000),
    (Organisation.Kind.LOCAL_AUTHORITY, 15, 3000),
    (Organisation.Kind.VOLUNTARY_SECTOR, 15, 80),
    (Organisation.Kind.ICB, 5, 600),
]
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hamza", "Isla", "Jack", "Kiran", "Leah",
         "Mohammed", "Niamh", "Oliver", "Priya", "Qasim", "Rosie", "Sam", "Tariq", "Uma",
         "Viktor", "Wen", "Zara"]  # fmt: skip
LAST = ["Adams", "Begum", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hussain", "Iqbal", "Jones", "Khan",
        "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor",
        "Walker", "Young"]  # fmt: skip
JOBS = ["Staff nurse", "Ward manager", "Consultant", "Physiotherapist", "Pharmacist", "Practice manager",
        "Social worker", "Service manager", "Quality improvement lead", "Healthcare assistant", "GP",
        "Occupational therapist", "Data analyst", "Paramedic", "Matron", "Commissioning manager"]  # fmt: skip


def _region(index: int) -> str:
    base = REGIONS[index % len(REGIONS)]
    return base if index < len(REGIONS) else f"{base} {index // len(REGIONS) + 1}"


def _places(ctx: Context) -> list[int]:
    """Systems → places → PCNs; returns the PCNs' ids, for people and projects to sit in."""
    systems = ctx.size.systems
    ids = iter(reserve_ids(Place, systems * (1 + PLACES_PER_SYSTEM * (1 + PCNS_PER_PLACE))))
    rows: list[tuple[int, str, str, int | None]] = []
    pcns: list[int] = []
    for s in range(systems):
        system_id = next(ids)
        region = _region(s)
        rows.append((system_id, f"{region} scale system", Place.Kind.SYSTEM, None))
        for p in range(PLACES_PER_SYSTEM):
            place_id = next(ids)
            rows.append((place_id, f"{region} locality {p + 1}", Place.Kind.PLACE, system_id))
            for n in range(PCNS_PER_PLACE):
                pcn_id = next(ids)
                rows.append((pcn_id, f"{region} PCN {p + 1}.{n + 1}", Place.Kind.PCN, place_id))
                pcns.append(pcn_id)
    copy_rows(Place, ["id", "name", "kind", "parent_id"], rows)
    return pcns


def _organisations(ctx: Context) -> list[int]:
    count = ctx.size.organisations
    ids = list(reserve_ids(Organisation, count))
    weights = [share for _, share, _ in KINDS]
    rows = []
    for i, pk in enumerate(ids):
        kind, _, headcount = ctx.rng.choices(KINDS, weights)[0]
        region = _region(i % ctx.size.systems)
        label = Organisation.Kind(kind).label
        rows.append(
            (
                pk,
                f"{region} {label} {i + 1}",
                f"S{i + 1}",
                kind,
                max(10, round(headcount * ctx.rng.lognormvariate(0, 0.6))),
                [f"org{i + 1}.scale.example"],
            )
        )
    copy_rows(Organisation, ["id", "name", "short_name", "kind", "headcount", "email_domains"], rows)
    return ids


def seed(ctx: Context, out: TextIO) -> None:
    pcns = _places(ctx)
    ctx.place_ids = pcns
    ctx.organisation_ids = _organisations(ctx)
    ctx.priority_ids = list(SystemPriority.objects.values_list("pk", flat=True))
    # Organisations are not all alike: a few large ones employ most people (a Zipf-like spread).
    org_weights = [1 / (rank + 1) for rank in range(len(ctx.organisation_ids))]
    people = ctx.size.people
    ids = list(reserve_ids(User, people))
    organisations = ctx.rng.choices(ctx.organisation_ids, org_weights, k=people)
    rng = ctx.rng
    rows = (
        (
            pk,
            f"person{pk}@scale.example",
            rng.choice(FIRST),
            rng.choice(LAST),
            rng.choice(JOBS),
            org,
            rng.choice(ctx.place_ids),
            "!",
        )
        for pk, org in zip(ids, organisations, strict=True)
    )
    copy_rows(
        User,
        ["id", "email", "first_name", "last_name", "job_title", "organisation_id", "place_id", "password"],
        rows,
    )
    ctx.person_ids = ids
    ctx.person_organisation = dict(zip(ids, organisations, strict=True))
    out.write(
        f"  community: {len(ctx.organisation_ids):,} organisations, {len(pcns):,} PCNs, {people:,} people\n"
    )
