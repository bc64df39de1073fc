from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from community.models import Organisation, Place, SystemPriority, User
from core.roles import Role, roles_of


def _counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        Place.objects.count(),
        SystemPriority.objects.count(),
        User.objects.count(),
    )


@pytest.mark.django_db
def test_seed_demo_creates_the_model_system_and_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())

    assert _counts() == first
    assert Organisation.objects.count() == 6
    assert Place.objects.filter(kind=Place.Kind.NEIGHBOURHOOD).count() == 15
    assert set(Organisation.objects.values_list("kind", flat=True)) >= {
        "icb",
        "acute_trust",
        "community_mental_health_trust",
        "primary_care",
        "local_authority",
        "voluntary_sector",
    }
    assert all(o.headcount > 0 for o in Organisation.objects.all())


@pytest.mark.django_db
def test_there_is_one_demo_account_per_role():
    call_command("seed_demo", stdout=StringIO())

    held = {frozenset(roles_of(u)) for u in User.objects.all()}
    for role in Role:
        assert any(role in roles for roles in held)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_passwords_are_printed_only_when_debug_is_on():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "improve-together-2026" in out.getvalue()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_passwords_are_hidden_when_debug_is_off():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "improve-together-2026" not in out.getvalue()
    assert "staff@ghft.example.org" in out.getvalue()
