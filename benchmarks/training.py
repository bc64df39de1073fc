"""Training pages for `make bench` (listed in benchmarks/pages.py)."""

from __future__ import annotations

from collections.abc import Callable

STAFF = "staff@ghft.example.org"
ADMIN = "admin@glos-icb.example.org"
FACULTY_ADMIN = "steering@ghc.example.org"  # the demo's QI Hub faculty admin


def _register() -> str:
    from training.models import Cohort

    cohort = Cohort.objects.filter(records__isnull=False).order_by("-starts_on").first()
    return f"/training/cohorts/{cohort.pk if cohort else 0}/register/"


def _person() -> str:
    from training.models import Trainee

    trainee = Trainee.objects.filter(email=STAFF).first()
    return f"/training/people/{trainee.pk if trainee else 0}/"


TRAINING_PAGES: list[tuple[str, str | Callable[[], str], str | None]] = [
    ("training find (answered)", "/training/?role=frontline&knowledge=new&time=days", STAFF),
    ("training records (admin, all)", "/training/records/", ADMIN),
    ("training records (filtered)", "/training/records/?level=practitioner&period=fytd", ADMIN),
    ("training records (faculty admin)", "/training/records/", FACULTY_ADMIN),
    ("training person history", _person, STAFF),
    ("training figures", "/training/figures/", STAFF),
    ("training imports", "/training/imports/", ADMIN),
    ("training cohort register", _register, ADMIN),
    ("API training records", "/api/v1/training/records/", ADMIN),
]
