"""The pages `make bench` measures: (label, path or a function returning one, demo account email)."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.champions import CHAMPION_PAGES
from benchmarks.governance import GOVERNANCE_PAGES
from benchmarks.measurement import MEASUREMENT_PAGES
from benchmarks.projects import PROJECT_PAGES
from benchmarks.training import TRAINING_PAGES

Page = tuple[str, str | Callable[[], str], str | None]

STAFF = "staff@ghft.example.org"
ADMIN = "admin@glos-icb.example.org"

PAGES: list[Page] = [
    ("landing (anonymous)", "/", None),
    ("home", "/home/", STAFF),
    ("profile", "/profile/", STAFF),
    ("healthz", "/healthz", None),
    ("API organisations", "/api/v1/organisations/", STAFF),
    *CHAMPION_PAGES,
    *PROJECT_PAGES,
    *MEASUREMENT_PAGES,
    *TRAINING_PAGES,
    *GOVERNANCE_PAGES,
]
