"""Sample URL arguments for every route that takes some, so the route access walk can visit it.

A new route with arguments and no entry here fails `test_route_access`: add a function that creates
what the route shows and returns its URL keyword arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.champions.samples import CHAMPION_SAMPLES
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory
from tests.facilitation.samples import FACILITATION_SAMPLES
from tests.governance.samples import GOVERNANCE_SAMPLES
from tests.projects.measurement.samples import MEASUREMENT_SAMPLES
from tests.projects.samples import PROJECT_SAMPLES
from tests.together.samples import TOGETHER_SAMPLES
from tests.training.samples import TRAINING_SAMPLES

SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "account_confirm_email": lambda: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda: {"uidb36": "1", "key": "set-password"},
    "api:organisation-detail": lambda: {"pk": OrganisationFactory().pk},
    "api:place-detail": lambda: {"pk": PlaceFactory().pk},
    "api:priority-detail": lambda: {"pk": SystemPriorityFactory().pk},
    **CHAMPION_SAMPLES,
    **PROJECT_SAMPLES,
    **MEASUREMENT_SAMPLES,
    **TRAINING_SAMPLES,
    **GOVERNANCE_SAMPLES,
    **FACILITATION_SAMPLES,
    **TOGETHER_SAMPLES,
}
