"""The champion register's pages for `make bench` (included by benchmarks/pages.py)."""

from __future__ import annotations

from collections.abc import Callable

STAFF = "staff@ghft.example.org"
BOARD = "board@glos-icb.example.org"
ADMIN = "admin@glos-icb.example.org"


def _profile() -> str:
    from champions.selectors import listed

    champion = listed().order_by("pk").first()
    return f"/champions/{champion.pk}/" if champion else "/champions/"


def _review() -> str:
    from champions.models import Champion

    champion = Champion.objects.order_by("pk").first()
    return f"/champions/{champion.pk}/review/" if champion else "/champions/register/"


CHAMPION_PAGES: list[tuple[str, str | Callable[[], str], str | None]] = [
    ("champions directory", "/champions/", STAFF),
    ("champions filtered", "/champions/?method=process_mapping&has_free_capacity=on&level=coach", STAFF),
    ("champion profile", _profile, STAFF),
    ("champion register (admin)", "/champions/register/", ADMIN),
    ("champion review (admin)", _review, ADMIN),
    ("champion dosage (board)", "/champions/dosage/", BOARD),
    ("API champions", "/api/v1/champions/", STAFF),
    ("API champion dosage", "/api/v1/champion-dosage/", BOARD),
]
