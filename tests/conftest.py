"""Shared personas: an outsider, a team member, a steering group member, a board member and an admin.

Each persona is a signed-in member of staff of a partner organisation with the given roles. `client_for`
gives a test client signed in as any user; `persona_client` is parametrised over every persona.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from community.models import User
from core.roles import Role
from tests.community.factories import OrganisationFactory, UserFactory

PERSONAS: dict[str, tuple[Role, ...]] = {
    "outsider": (),
    "member": (),
    "steering": (Role.STEERING_GROUP,),
    "board": (Role.IMPROVEMENT_BOARD,),
    "admin": (Role.COMMUNITY_ADMIN,),
}


@pytest.fixture
def organisation(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(
        name="Riverside Hospitals NHS Trust",
        short_name="RHT",
        headcount=4000,
        email_domains=["riverside.example"],
    )


@pytest.fixture
def make_persona(db, organisation) -> Callable[[str], User]:  # type: ignore[no-untyped-def]
    def make(name: str) -> User:
        org = (
            organisation
            if name != "outsider"
            else OrganisationFactory(name="Hillside Council", short_name="HC")
        )
        return UserFactory(
            email=f"{name}@{(org.email_domains or ['partner.example'])[0]}",
            first_name=name.title(),
            organisation=org,
            roles=PERSONAS[name],
        )

    return make


@pytest.fixture
def outsider(make_persona) -> User:  # type: ignore[no-untyped-def]
    return make_persona("outsider")


@pytest.fixture
def member(make_persona) -> User:  # type: ignore[no-untyped-def]
    return make_persona("member")


@pytest.fixture
def steering(make_persona) -> User:  # type: ignore[no-untyped-def]
    return make_persona("steering")


@pytest.fixture
def board(make_persona) -> User:  # type: ignore[no-untyped-def]
    return make_persona("board")


@pytest.fixture
def admin_user(make_persona) -> User:  # type: ignore[no-untyped-def]
    return make_persona("admin")


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def clean_pending():
    """No leftover "rebuild pending" marks in the test Redis before or after a test."""
    from dashboards import triggers

    def clear() -> None:
        client = triggers.redis_client()
        keys = list(client.scan_iter(match=triggers.PENDING_PREFIX + "*"))
        if keys:
            client.delete(*keys)

    clear()
    yield
    clear()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The schema fuzzing (tests/fuzz) runs only when asked for by marker (`make fuzz`, `-m fuzz`): it
    takes minutes, and `make test` stays within its time."""
    if "fuzz" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    # Long tests first: with two processes (`--dist worksteal`) a long test started last keeps one process
    # busy while the other has nothing left; started first, the other process takes the short ones.
    # The longest of them first of all, so the last long test to start is a short one of its kind.
    items.sort(key=lambda item: (0 if item.path.name in LONGEST_MODULES else 1) if _is_long(item) else 2)


LONGEST_MODULES = {"test_demo_pages.py", "test_governance_journeys.py", "test_scale_data.py"}


LONG_MODULES = {
    "test_scale_data.py",
    "test_demo_data.py",
    "test_worker_integration.py",
    "test_import_worker.py",
}


def _is_long(item: pytest.Item) -> bool:
    return (
        item.path.parent.name == "browser"
        or item.get_closest_marker("integration") is not None
        or item.path.name in LONG_MODULES
        or item.path.name == "test_route_access.py"
    )
