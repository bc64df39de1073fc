"""The demo data (`seed_demo`), seeded twice once for this whole module and rolled back after it: each
app's demo is realistic and reproduces the model system, and seeding again changes nothing.

Seeding the whole demo takes seconds, so the apps' demo checks share one seeding here instead of seeding
it twice each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from champions import selectors
from champions.models import Champion, ChampionCommitment
from community.models import Organisation, Place, SystemPriority, User
from core.roles import Role, roles_of
from facilitation.models import Assignment, Decision, FacilitationRequest, ScoreSheet, Transition
from facilitation.status import Status
from training import figures
from training.models import Cohort, Trainee, TrainingRecord

PUBLISHED = {
    ("Safety and Quality Improvement Academy", "Bronze"): 3712,
    ("Safety and Quality Improvement Academy", "Silver"): 769,
    ("Safety and Quality Improvement Academy", "Gold"): 62,
    ("Safety and Quality Improvement Academy", "Human Factors"): 128,
    ("Quality Improvement Hub", "Pocket QI"): 710,
    ("Quality Improvement Hub", "Bronze"): 604,
    ("Quality Improvement Hub", "Silver"): 37,
    ("One Gloucestershire QSIR Faculty", "QSIR Fundamentals"): 125,
    ("One Gloucestershire QSIR Faculty", "QSIR Virtual / Blended"): 82,
    ("One Gloucestershire QSIR Faculty", "QSIR Practitioner"): 279,
    ("Productive General Practice", "Productive General Practice Quick Start"): 45,
}


def _community() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Place.objects.count(),
        SystemPriority.objects.count(),
        User.objects.count(),
    )


def _training() -> tuple[int, int]:
    return Trainee.objects.count(), TrainingRecord.objects.count()


def _facilitation() -> tuple[int, ...]:
    return (
        FacilitationRequest.objects.count(),
        Transition.objects.count(),
        Decision.objects.count(),
        ScoreSheet.objects.count(),
        Assignment.objects.count(),
    )


def _champions() -> tuple[Any, ...]:
    return (
        Champion.objects.count(),
        ChampionCommitment.objects.count(),
        list(Champion.objects.values_list("person__email", "status", "level").order_by("pk")),
    )


COUNTS = {
    "community": _community,
    "training": _training,
    "facilitation": _facilitation,
    "champions": _champions,
}


@dataclass(frozen=True)
class Seeded:
    first: dict[str, Any]  # counts after the first seeding, by app
    output: str  # what the first seeding printed


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Seeded]:
    """Seed the demo, note each app's counts, seed it again; undone when the module's tests are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", stdout=out)
        first = {app: counts() for app, counts in COUNTS.items()}
        call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
        yield Seeded(first=first, output=out.getvalue())
        transaction.set_rollback(True)


def test_seed_demo_creates_the_model_system_and_is_idempotent(seeded, db):
    assert _community() == seeded.first["community"]
    assert Organisation.objects.count() == 6
    assert Place.objects.filter(kind=Place.Kind.NEIGHBOURHOOD).count() == 15
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "icb",
        "acute_trust",
        "community_mental_health_trust",
        "primary_care",
        "local_authority",
        "voluntary_sector",
    }
    assert all(o.headcount > 0 for o in Organisation.objects.all())


def test_there_is_one_demo_account_per_role(seeded, db):
    held = {frozenset(roles_of(u)) for u in User.objects.all()}
    for role in Role:
        assert any(role in roles for roles in held)


@override_settings(DEBUG=True)
def test_passwords_are_printed_only_when_debug_is_on(seeded, db):
    out = StringIO()
    call_command("show_demo_accounts", stdout=out)
    assert "improve-together-2026" in out.getvalue()


def test_passwords_are_hidden_when_debug_is_off(seeded, db):
    # The suite runs with DEBUG off, as the first seeding did.
    assert "improve-together-2026" not in seeded.output
    assert "staff@ghft.example.org" in seeded.output


def test_the_demo_reproduces_the_published_totals_and_is_idempotent(seeded, db):
    first = seeded.first["training"]

    assert (Trainee.objects.count(), TrainingRecord.objects.count()) == first
    finished = (
        TrainingRecord.objects.filter(status__in=["completed", "graduated"])
        .values_list("programme__provider__name", "programme__name")
        .annotate(n=Count("id"))
    )
    totals = {(provider, programme): n for provider, programme, n in finished}
    for key, count in PUBLISHED.items():
        assert totals[key] == count, key
    assert first[0] > 5000  # "over 5000 people in all"
    assert Cohort.objects.filter(open_for_booking=True).count() >= 5
    counts = figures.trained_counts_by_organisation()
    assert sum(advanced for advanced, _ in counts.values()) > 0
    assert sum(leadership for _, leadership in counts.values()) > 0


def test_the_demo_has_the_model_assignments_and_a_queue_at_every_stage(seeded, db):
    assert _facilitation() == seeded.first["facilitation"]
    titles = set(FacilitationRequest.objects.values_list("title", flat=True))
    assert {
        "Virtual ward programme design workshops",
        "Palliative and end of life care programme",
        "Anticipatory care launch event",
        "Local maternity and neonatal system QI capability",
    } <= titles
    statuses = set(FacilitationRequest.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    assert FacilitationRequest.objects.filter(status=Status.QUEUED).count() >= 4
    assert FacilitationRequest.objects.filter(status=Status.QUEUED, priority_score__isnull=False).exists()
    in_progress = FacilitationRequest.objects.filter(status=Status.IN_PROGRESS)
    assert Assignment.objects.filter(request__in=in_progress, commitment__source="facilitation").count() == 3


def test_the_demo_register_is_realistic_and_seeding_twice_changes_nothing(seeded, db):
    assert _champions() == seeded.first["champions"]
    assert 140 <= Champion.objects.count() <= 160
    statuses = {s: Champion.objects.filter(status=s).count() for s in Champion.Status.values}
    assert statuses["paused"] >= 5 and 2 <= statuses["retired"] <= 10 and statuses["active"] > 100
    assert set(Champion.objects.values_list("level", flat=True)) == {
        "practitioner",
        "coach",
        "expert",
        "faculty",
    }
    # Every champion belongs to one of the seeded partners, and bigger partners have more champions.
    per_org = {o.short_name: o.champions.count() for o in Organisation.objects.all()}
    assert sum(per_org.values()) == Champion.objects.count()
    assert per_org["GHFT"] > per_org["GHC"] > per_org["ICB"] > 0
    # No demo champion is over-committed, and someone has free time.
    assert all(c.committed_now <= c.agreed_now for c in selectors.listed())
    assert selectors.listed().filter(free_now__gt=0).exists()
    report = selectors.dosage_report()
    assert report.system.headcount == sum(o.headcount for o in Organisation.objects.all())
    assert report.system.coach_gap > 0  # the model system is short of coaches, as its strategy says
