"""Demo data for the community app: the model system's partners, places, priorities and demo accounts.

Idempotent: every record is found by its natural key and updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils.text import slugify

from community.models import Organisation, Place, SystemPriority, User
from core.roles import GROUP_NAMES, Role

DEMO_PASSWORD = "improve-together-2026"

ORGANISATIONS = [
    # name, short name, kind, headcount, email domains
    (
        "NHS Gloucestershire Integrated Care Board",
        "ICB",
        Organisation.Kind.ICB,
        620,
        ["glos-icb.example.org"],
    ),
    (
        "Gloucestershire Hospitals NHS Foundation Trust",
        "GHFT",
        Organisation.Kind.ACUTE_TRUST,
        8400,
        ["ghft.example.org"],
    ),
    (
        "Gloucestershire Health and Care NHS Foundation Trust",
        "GHC",
        Organisation.Kind.COMMUNITY_MENTAL_HEALTH_TRUST,
        5100,
        ["ghc.example.org"],
    ),
    (
        "Gloucestershire Primary Care",
        "Primary care",
        Organisation.Kind.PRIMARY_CARE,
        4000,
        ["glosprimarycare.example.org"],
    ),
    (
        "Gloucestershire County Council",
        "GCC",
        Organisation.Kind.LOCAL_AUTHORITY,
        4200,
        ["glos-cc.example.org"],
    ),
    (
        "Gloucestershire VCSE Alliance",
        "VCSE",
        Organisation.Kind.VOLUNTARY_SECTOR,
        450,
        ["glosvcse.example.org"],
    ),
]

# Localities, each with its primary care networks; every PCN serves one neighbourhood (15 in all).
PLACES = {
    "Cheltenham": ["Central Cheltenham PCN", "Cheltenham Peripheral PCN", "St Paul's Cheltenham PCN"],
    "Cotswolds": ["North Cotswolds PCN", "South Cotswolds PCN"],
    "Forest of Dean": ["Forest of Dean PCN", "Severn Health PCN"],
    "Gloucester": [
        "Gloucester City PCN",
        "Inner City Gloucester PCN",
        "Quayside PCN",
        "Aspen Gloucester PCN",
    ],
    "Stroud and Berkeley Vale": ["Stroud Cotswold PCN", "Berkeley Vale PCN", "Stroud Valleys PCN"],
    "Tewkesbury": ["Tewkesbury, Newent and Staunton PCN"],
}

PRIORITIES = [
    ("Frailty", "Older people living with frailty: proactive care, virtual wards, falls."),
    ("Urgent and emergency care", "Flow through urgent care, ambulance handovers, discharge."),
    ("Elective recovery", "Waiting lists, outpatient transformation, theatre productivity."),
    ("Health inequalities (Core20PLUS5)", "Narrowing gaps for the most deprived 20% and inclusion groups."),
    ("Mental health", "Access, crisis care, community mental health transformation."),
    ("Maternity and neonatal", "Safer maternity and neonatal care."),
    ("Palliative and end of life care", "Personalised care in the last year of life."),
    ("Primary care access", "Access to general practice and community pharmacy."),
    ("Children and young people", "Services for children, young people and families."),
    ("Prevention and population health", "Smoking, healthy weight, warm homes and other wider determinants."),
    ("Workforce", "Recruitment, retention and wellbeing of health and care staff."),
    ("Cancer", "Early diagnosis and faster cancer pathways."),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str
    roles: tuple[Role, ...]


DEMO_ACCOUNTS = [
    DemoAccount(
        "staff@ghft.example.org", "Sam", "Patel", "Ward manager, acute medicine", "GHFT", (Role.STAFF,)
    ),
    DemoAccount(
        "steering@ghc.example.org",
        "Priya",
        "Hughes",
        "Head of quality improvement",
        "GHC",
        (Role.STAFF, Role.STEERING_GROUP),
    ),
    DemoAccount(
        "board@glos-icb.example.org",
        "Martin",
        "Lewis",
        "Director of strategy",
        "ICB",
        (Role.STAFF, Role.IMPROVEMENT_BOARD),
    ),
    DemoAccount(
        "admin@glos-icb.example.org",
        "Alex",
        "Morgan",
        "Improvement community manager",
        "ICB",
        (Role.STAFF, Role.COMMUNITY_ADMIN),
    ),
]


def seed(out: TextIO) -> None:
    organisations = {}
    for name, short, kind, headcount, domains in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={"short_name": short, "kind": kind, "headcount": headcount, "email_domains": domains},
        )
        organisations[short] = org
    system, _ = Place.objects.update_or_create(
        name="Gloucestershire", kind=Place.Kind.SYSTEM, defaults={"parent": None}
    )
    neighbourhoods = 0
    for locality, pcns in PLACES.items():
        place, _ = Place.objects.update_or_create(
            name=locality, kind=Place.Kind.PLACE, defaults={"parent": system}
        )
        for pcn_name in pcns:
            pcn, _ = Place.objects.update_or_create(
                name=pcn_name, kind=Place.Kind.PCN, defaults={"parent": place}
            )
            Place.objects.update_or_create(
                name=pcn_name.replace(" PCN", "") + " neighbourhood",
                kind=Place.Kind.NEIGHBOURHOOD,
                defaults={"parent": pcn},
            )
            neighbourhoods += 1
    for order, (name, description) in enumerate(PRIORITIES):
        SystemPriority.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "description": description, "order": order}
        )
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(email=account.email)
        user.first_name, user.last_name, user.job_title = (
            account.first_name,
            account.last_name,
            account.job_title,
        )
        user.organisation = organisations[account.organisation]
        if created or not user.has_usable_password():
            user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(
            [Group.objects.get_or_create(name=GROUP_NAMES[r])[0] for r in account.roles if r in GROUP_NAMES]
        )
        _mark_email_verified(user)
    out.write(
        f"  community: {len(organisations)} organisations, {Place.objects.count()} places "
        f"({neighbourhoods} neighbourhoods), {SystemPriority.objects.count()} priorities, "
        f"{len(DEMO_ACCOUNTS)} demo accounts\n"
    )


def _mark_email_verified(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def describe_accounts() -> list[tuple[str, str, str]]:
    """(role label, email, password) for printing; the password only when DEBUG is on."""
    password = DEMO_PASSWORD if settings.DEBUG else "(hidden: DEBUG is off)"
    return [
        (", ".join(r.label for r in a.roles if r != Role.STAFF) or "Staff", a.email, password)
        for a in DEMO_ACCOUNTS
    ]
