"""URL arguments for the champion routes, for the route access walk (tests/route_samples.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.champions.factories import ChampionFactory


def _listed() -> dict[str, Any]:
    return {"pk": ChampionFactory().pk}


CHAMPION_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "champions:champion": _listed,
    "champions:champion_consent": _listed,
    "champions:champion_review": _listed,
    "champions:champion_edit": _listed,
    "api:champion-detail": _listed,
}
