# ruff: noqa: E501  (tables of demo data read best one entry a line)
"""Demo data for training: the model system's four faculties, their programmes, open cohorts, and
generated records whose completed totals reproduce the published figures (DESIGN.md §2):

    acute academy Bronze 3712, Silver 769, Gold 62, human factors 128; community trust Pocket 710,
    Bronze 604, Silver 37; QSIR Fundamentals 125, Virtual/Blended 82, Practitioner 279; Productive
    General Practice Quick Start 45 practices.

People progress up the ladder (most Silver graduates did Bronze first), some are trained by more than one
faculty (matched by email), and a system improvement coaching programme (not in the published figures)
gives the leadership level some people. Open cohorts have a few bookings; one finished cohort waits for
its register to be marked. Idempotent: everything is found by its natural key; records are only added.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import TextIO

from django.utils import timezone

from community.models import Organisation, User
from core.periods import financial_year
from training.ladder import Level, Status
from training.models import Cohort, FacultyAdmin, ImproverTarget, Programme, Provider, Trainee, TrainingRecord

M = Programme.Mode

PROVIDERS = [
    # key, name, short name, organisation short name (None: system-wide or national), description
    ("academy", "Safety and Quality Improvement Academy", "GSQIA", "GHFT", "The acute trust's QI academy."),
    ("hub", "Quality Improvement Hub", "QI Hub", "GHC", "The community and mental health trust's QI hub."),
    (
        "qsir",
        "One Gloucestershire QSIR Faculty",
        "QSIR",
        None,
        "The system's QSIR faculty, open to every partner.",
    ),
    ("pgp", "Productive General Practice", "PGP", None, "The national programme for general practice teams."),
]


@dataclass(frozen=True)
class DemoProgramme:
    key: str
    provider: str
    name: str
    code: str
    level: Level
    mode: str
    hours: int
    duration: str
    competent: bool
    published: int  # completed records to generate
    strand: str = Programme.Strand.IMPROVEMENT
    audience: str = ""
    summary: str = ""


PROGRAMMES = [
    DemoProgramme(
        "a_bronze",
        "academy",
        "Bronze",
        "Bronze",
        Level.FOUNDATION,
        M.FACE_TO_FACE,
        7,
        "1 day",
        False,
        3712,
        audience="All staff",
        summary="The model for improvement and PDSA in a day.",
    ),
    DemoProgramme(
        "a_silver",
        "academy",
        "Silver",
        "Silver",
        Level.PRACTITIONER,
        M.BLENDED,
        24,
        "6 half days",
        True,
        769,
        audience="Staff leading a project",
        summary="Lead a QI project with coaching: measurement for improvement, run charts, spread.",
    ),
    DemoProgramme(
        "a_gold",
        "academy",
        "Gold",
        "Gold",
        Level.ADVANCED,
        M.FACE_TO_FACE,
        60,
        "12 months",
        True,
        62,
        audience="Experienced improvers",
        summary="Advanced improvement science and SPC; graduates coach Silver projects.",
    ),
    DemoProgramme(
        "a_hf",
        "academy",
        "Human Factors",
        "HF",
        Level.FOUNDATION,
        M.FACE_TO_FACE,
        7,
        "1 day",
        False,
        128,
        strand=Programme.Strand.HUMAN_FACTORS,
        audience="Clinical teams",
        summary="Human factors and ergonomics for safer care.",
    ),
    DemoProgramme(
        "h_pocket",
        "hub",
        "Pocket QI",
        "Pocket",
        Level.AWARENESS,
        M.E_LEARNING,
        2,
        "2 hours",
        False,
        710,
        audience="Anyone",
        summary="A short introduction to quality improvement.",
    ),
    DemoProgramme(
        "h_bronze",
        "hub",
        "Bronze",
        "Bronze",
        Level.FOUNDATION,
        M.VIRTUAL,
        6,
        "2 half days",
        False,
        604,
        audience="All staff",
        summary="QI tools and a first PDSA cycle.",
    ),
    DemoProgramme(
        "h_silver",
        "hub",
        "Silver",
        "Silver",
        Level.PRACTITIONER,
        M.BLENDED,
        21,
        "6 sessions",
        True,
        37,
        audience="Staff leading a project",
        summary="Run a QI project with a coach.",
    ),
    DemoProgramme(
        "q_fund",
        "qsir",
        "QSIR Fundamentals",
        "Fundamentals",
        Level.FOUNDATION,
        M.FACE_TO_FACE,
        7,
        "1 day",
        False,
        125,
        audience="All staff",
        summary="The essentials of QSIR in a day.",
    ),
    DemoProgramme(
        "q_virtual",
        "qsir",
        "QSIR Virtual / Blended",
        "Virtual",
        Level.PRACTITIONER,
        M.VIRTUAL,
        21,
        "8 sessions",
        True,
        82,
        audience="Staff leading change",
        summary="The QSIR practitioner course online.",
    ),
    DemoProgramme(
        "q_prac",
        "qsir",
        "QSIR Practitioner",
        "Practitioner",
        Level.PRACTITIONER,
        M.FACE_TO_FACE,
        35,
        "5 days",
        True,
        279,
        audience="Staff leading change",
        summary="Quality, service improvement and redesign tools over five days.",
    ),
    DemoProgramme(
        "q_coach",
        "qsir",
        "System Improvement Coaching",
        "Coaching",
        Level.LEADERSHIP,
        M.BLENDED,
        40,
        "6 months",
        True,
        46,
        audience="Experienced improvers who will coach teams",
        summary="Coach improvement teams across the system.",
    ),
    DemoProgramme(
        "p_quick",
        "pgp",
        "Productive General Practice Quick Start",
        "Quick Start",
        Level.FOUNDATION,
        M.BLENDED,
        12,
        "8 weeks",
        False,
        45,
        audience="General practice teams",
        summary="Release time in the practice with Productive General Practice modules.",
    ),
]

FIRST = ["Amy", "Ben", "Chloe", "Dan", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kate", "Liam", "Maya",
         "Noah", "Olivia", "Priya", "Qasim", "Rosa", "Sam", "Tom", "Uma", "Vik", "Will", "Yasmin", "Zoe", "Aled",
         "Bethan", "Callum", "Deepa", "Ewan"]  # fmt: skip
LAST = ["Adams", "Baker", "Clarke", "Davies", "Evans", "Foster", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Morgan", "Nash", "Owen", "Patel", "Quinn", "Roberts", "Smith", "Taylor", "Usman", "Vaughan",
        "Walker", "Young", "Ahmed", "Brown", "Cole", "Dunn"]  # fmt: skip
PRACTICES = ["Springbank", "Leckhampton", "Royal Crescent", "Cirencester", "Tetbury", "Lydney", "Cinderford",
             "Newent", "Stroud Valleys", "Berkeley", "Tewkesbury", "Bishops Cleeve", "Winchcombe", "Painswick",
             "Nailsworth", "Dursley", "Wotton", "Quedgeley", "Hucclecote", "Longlevens", "Barnwood", "Kingsway",
             "Hadwen", "Severnside", "Churchdown", "Brockworth", "Coleford", "Mitcheldean", "Moreton",
             "Stow", "Bourton", "Northleach", "Fairford", "Lechlade", "Minchinhampton", "Stonehouse",
             "Frampton", "Cam", "Kingswood", "Sherborne", "Tuffley", "Matson", "Abbeydale", "Hesters Way",
             "St Pauls"]  # fmt: skip


class _People:
    """Deterministic people of an organisation, each with a stable email (so seeding again finds them)."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, int | None]] = {}  # email -> (name, organisation id)
        self.counter = 0

    def new(self, organisation: Organisation) -> str:
        self.counter += 1
        n = self.counter
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        domain = (organisation.email_domains or ["partner.example.org"])[0]
        email = f"{first}.{last}.{n}@{domain}".lower()
        self.rows[email] = (f"{first} {last}", organisation.pk)
        return email


def _date_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    span = max(0, (end - start).days)
    return start + datetime.timedelta(days=rng.randint(0, span))


def seed(out: TextIO) -> None:
    rng = random.Random(20260401)
    today = timezone.localdate()
    organisations = {o.short_name: o for o in Organisation.objects.all()}
    providers: dict[str, Provider] = {}
    for key, name, short, org, description in PROVIDERS:
        providers[key], _ = Provider.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "organisation": organisations.get(org or ""),
                "description": description,
            },
        )
    programmes: dict[str, Programme] = {}
    for p in PROGRAMMES:
        programmes[p.key], _ = Programme.objects.update_or_create(
            provider=providers[p.provider],
            name=p.name,
            defaults={
                "code": p.code, "level": p.level.value, "strand": p.strand, "mode": p.mode, "hours": p.hours,
                "duration": p.duration, "competent_improver": p.competent, "audience": p.audience,
                "summary": p.summary,
            },
        )  # fmt: skip

    people = _People()
    # (email, programme key, status, completed_on, cohort key)
    records: list[tuple[str, str, str, datetime.date | None, str | None]] = []
    start = today - datetime.timedelta(days=365 * 8)

    def completed(
        pool: list[tuple[str, datetime.date]],
        key: str,
        count: int,
        *,
        new_from: list[Organisation],
        from_pool: int,
        gap: tuple[int, int] = (60, 540),
    ) -> list[tuple[str, datetime.date]]:
        """`count` completions of a programme: `from_pool` people who finished an earlier one, the rest new."""
        done: list[tuple[str, datetime.date]] = []
        for email, earlier in rng.sample(pool, min(from_pool, len(pool))):
            when = earlier + datetime.timedelta(days=rng.randint(*gap))
            if when > today:  # spread over the time since, never piled up on the day the demo is loaded
                when = _date_between(rng, earlier, today)
            done.append((email, when))
        while len(done) < count:
            done.append((people.new(rng.choice(new_from)), _date_between(rng, start, today)))
        for email, when in done:
            status = Status.GRADUATED if key == "a_gold" else Status.COMPLETED
            records.append((email, key, status.value, when, None))
        return done  # fmt: skip

    o = organisations
    acute_mix = [o["GHFT"]] * 18 + [o["ICB"], o["Primary care"]]
    community_mix = [o["GHC"]] * 9 + [o["VCSE"]]
    everyone = [o["GHFT"], o["GHC"], o["GHC"], o["Primary care"], o["GCC"], o["ICB"], o["VCSE"], o["GHFT"]]

    # The demo staff member is one of the academy's Bronze graduates.
    sam = "staff@ghft.example.org"
    people.rows[sam] = ("Sam Patel", o["GHFT"].pk)
    a_bronze = completed([(sam, start)], "a_bronze", 3712, new_from=acute_mix, from_pool=1, gap=(300, 900))
    a_silver = completed(a_bronze, "a_silver", 769, new_from=acute_mix, from_pool=700)
    a_gold = completed(a_silver, "a_gold", 62, new_from=acute_mix, from_pool=62, gap=(180, 720))
    completed(a_bronze, "a_hf", 128, new_from=[o["GHFT"]], from_pool=90)
    h_pocket = completed([], "h_pocket", 710, new_from=community_mix, from_pool=0)
    h_bronze = completed(h_pocket, "h_bronze", 604, new_from=community_mix, from_pool=400)
    completed(h_bronze, "h_silver", 37, new_from=community_mix, from_pool=37)
    q_fund = completed(a_bronze[:200] + h_bronze[:100], "q_fund", 125, new_from=everyone, from_pool=20)
    completed([], "q_virtual", 82, new_from=everyone, from_pool=0)
    q_prac = completed(q_fund, "q_prac", 279, new_from=everyone, from_pool=60)
    completed(a_gold + q_prac, "q_coach", 46, new_from=everyone, from_pool=46, gap=(90, 400))
    for i, practice in enumerate(PRACTICES):
        email = f"practice.manager.{i + 1}@glosprimarycare.example.org"
        people.rows[email] = (f"{practice} Surgery (practice manager)", o["Primary care"].pk)
        records.append((email, "p_quick", Status.COMPLETED.value, _date_between(rng, start, today), None))

    cohorts = _seed_cohorts(programmes, today)
    # A few bookings on the open cohorts, and a finished cohort whose register is still to be marked.
    for key, cohort_key, booked in [("a_bronze", "a_bronze_next", 14), ("h_pocket", "h_pocket_next", 9),
                                    ("q_fund", "q_fund_next", 17), ("q_prac", "q_prac_next", 20),
                                    ("a_silver", "a_silver_done", 12)]:  # fmt: skip
        status = Status.ATTENDED.value if cohort_key.endswith("_done") else Status.BOOKED.value
        for _ in range(booked):
            records.append((people.new(rng.choice(everyone)), key, status, None, cohort_key))

    users = {
        email: pk for pk, email in User.objects.filter(email__in=list(people.rows)).values_list("pk", "email")
    }
    Trainee.objects.bulk_create(
        [
            Trainee(email=e, name=n, organisation_id=org, user_id=users.get(e))
            for e, (n, org) in people.rows.items()
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )
    trainee_ids = dict(Trainee.objects.filter(email__in=list(people.rows)).values_list("email", "pk"))
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                trainee_id=trainee_ids[email], programme=programmes[key], status=status, completed_on=when,
                cohort=cohorts.get(cohort_key or ""), source=TrainingRecord.Source.DEMO,
            )
            for email, key, status, when, cohort_key in records
        ],
        ignore_conflicts=True,
        batch_size=2000,
    )  # fmt: skip
    _seed_targets(organisations, today)
    steering = User.objects.filter(email="steering@ghc.example.org").first()
    if steering:
        FacultyAdmin.objects.get_or_create(provider=providers["hub"], user=steering)
    out.write(
        f"  training: {len(providers)} faculties, {len(programmes)} programmes, {len(cohorts)} cohorts, "
        f"{Trainee.objects.count()} people, {TrainingRecord.objects.count()} records\n"
    )


OLD_NAMES = {
    "a_bronze_next": "Next month",
    "a_bronze_later": "In two months",
    "a_silver_next": "Next intake",
    "h_pocket_next": "Rolling online",
    "h_bronze_next": "Next intake",
    "q_fund_next": "Next date",
    "q_prac_next": "Next cohort",
    "a_silver_done": "Last intake",
}


def _seed_cohorts(programmes: dict[str, Programme], today: datetime.date) -> dict[str, Cohort]:
    plans = [
        # key, programme, name, starts in days, lasts days, mode, venue, capacity, open
        ("a_bronze_next", "a_bronze", "Redwood, day course", 30, 0, M.FACE_TO_FACE, "Redwood Education Centre", 30, True),
        ("a_bronze_later", "a_bronze", "Sandford, day course", 60, 0, M.FACE_TO_FACE, "Sandford Education Centre", 30, True),
        ("a_silver_next", "a_silver", "Redwood, blended programme", 45, 90, M.BLENDED, "Redwood Education Centre", 16, True),
        ("h_pocket_next", "h_pocket", "Online, start any time", 14, 0, M.E_LEARNING, "", 200, True),
        ("h_bronze_next", "h_bronze", "Virtual classroom", 21, 7, M.VIRTUAL, "", 24, True),
        ("q_fund_next", "q_fund", "Shire Hall, day course", 40, 0, M.FACE_TO_FACE, "Shire Hall, Gloucester", 18, True),
        ("q_prac_next", "q_prac", "Sanger House, practitioner programme", 50, 120, M.FACE_TO_FACE, "Sanger House, Brockworth", 20, True),
        ("a_silver_done", "a_silver", "Redwood, previous intake", -150, 120, M.BLENDED, "Redwood Education Centre", 16, False),
    ]  # fmt: skip
    cohorts = {}
    for key, programme, name, starts, lasts, mode, venue, capacity, is_open in plans:
        # Demo databases seeded before the cohorts had names that read as names, not dates.
        Cohort.objects.filter(programme=programmes[programme], name=OLD_NAMES.get(key, name)).update(
            name=name
        )
        begins = today + datetime.timedelta(days=starts)
        cohorts[key], _ = Cohort.objects.get_or_create(
            programme=programmes[programme],
            name=name,
            defaults={
                "starts_on": begins, "ends_on": begins + datetime.timedelta(days=lasts), "mode": mode,
                "venue": venue, "capacity": capacity, "open_for_booking": is_open,
            },
        )  # fmt: skip
    return cohorts


def _seed_targets(organisations: dict[str, Organisation], today: datetime.date) -> None:
    start, end = financial_year(today)
    targets = {None: 200, "GHFT": 90, "GHC": 50, "Primary care": 25, "ICB": 10, "GCC": 15, "VCSE": 10}
    for short, count in targets.items():
        organisation = organisations.get(short) if short else None
        ImproverTarget.objects.get_or_create(
            organisation=organisation, starts_on=start, ends_on=end, defaults={"count": count}
        )
