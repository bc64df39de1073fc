"""Facilitation pages for `make bench` (see benchmarks/pages.py)."""

from __future__ import annotations

from collections.abc import Callable

Page = tuple[str, str | Callable[[], str], str | None]

STAFF = "staff@ghft.example.org"
STEERING = "steering@ghc.example.org"
ADMIN = "admin@glos-icb.example.org"
BOARD = "board@glos-icb.example.org"


def _request_path() -> str:
    from facilitation.models import FacilitationRequest

    item = FacilitationRequest.objects.get(title="Virtual ward programme design workshops")
    return f"/facilitation/{item.pk}/"


def _assign_path() -> str:
    from facilitation.models import FacilitationRequest

    item = FacilitationRequest.objects.get(title="Discharge to assess: reablement flow")
    return f"/facilitation/{item.pk}/assign/"


def _meeting_path() -> str:
    from facilitation.models import Meeting

    return f"/facilitation/meetings/{Meeting.objects.order_by('pk').first().pk}/"  # type: ignore[union-attr]


FACILITATION_PAGES: list[Page] = [
    ("facilitation: my requests", "/facilitation/", STAFF),
    ("facilitation: request (admin)", _request_path, ADMIN),
    ("facilitation: triage", "/facilitation/triage/", ADMIN),
    ("facilitation: queue", "/facilitation/queue/", STEERING),
    ("facilitation: meeting", _meeting_path, STEERING),
    ("facilitation: assign", _assign_path, STEERING),
    ("facilitation: portfolio", "/facilitation/portfolio/", BOARD),
    ("facilitation: API requests", "/api/v1/facilitation/requests/", STEERING),
]
