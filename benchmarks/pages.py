"""The pages `make bench` measures: (label, path or a function returning one, demo account email)."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.champions import CHAMPION_PAGES
from benchmarks.facilitation import FACILITATION_PAGES
from benchmarks.projects import PROJECT_PAGES

Page = tuple[str, str | Callable[[], str], str | None]

STAFF = "staff@ghft.example.org"
ADMIN = "admin@glos-icb.example.org"

PAGES: list[Page] = [
    ("landing (anonymous)", "/", None),
    ("home", "/home/", STAFF),
    ("profile", "/profile/", STAFF),
    ("healthz", "/healthz", None),
    ("API organisations", "/api/v1/organisations/", STAFF),
    *FACILITATION_PAGES,
    *PROJECT_PAGES,
    *CHAMPION_PAGES,
]
