from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from core.permissions import UnknownAction, can, rule
from core.roles import Role, roles_of
from tests.community.factories import UserFactory


@rule("test.read")
def _read(user, obj):  # type: ignore[no-untyped-def]
    return True


def test_an_unknown_action_is_a_programming_error(db):
    with pytest.raises(UnknownAction):
        can(UserFactory(), "no.such.action")


def test_anonymous_and_inactive_users_may_do_nothing(db):
    assert can(UserFactory(), "test.read") is True
    assert can(AnonymousUser(), "test.read") is False
    assert can(UserFactory(is_active=False), "test.read") is False
    assert can(None, "test.read") is False


def test_roles_come_from_groups_and_superusers_hold_them_all(db):
    assert roles_of(UserFactory()) == {Role.STAFF}
    assert roles_of(UserFactory(roles=[Role.STEERING_GROUP])) == {Role.STAFF, Role.STEERING_GROUP}
    assert roles_of(UserFactory(is_superuser=True)) == set(Role)


def test_roles_are_read_once_per_request(db, django_assert_num_queries):
    user = UserFactory(roles=[Role.IMPROVEMENT_BOARD])
    with django_assert_num_queries(1):
        roles_of(user)
        roles_of(user)
