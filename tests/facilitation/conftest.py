from __future__ import annotations

import pytest

from core.roles import Role
from facilitation.services import framework_ensure_default
from tests.community.factories import UserFactory


@pytest.fixture
def framework(db):  # type: ignore[no-untyped-def]
    """The framework's current version: version 1 from the data migration, or made again after a
    transactional test has emptied the tables."""
    return framework_ensure_default()


@pytest.fixture
def steering_two(db):  # type: ignore[no-untyped-def]
    return UserFactory(first_name="Second", roles=(Role.STEERING_GROUP,))


def full_scores(framework, value: int) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {}
    for criterion in framework.criteria.all():
        data[f"criterion_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = f"Scored {value}"
    return data
