"""Community admins manage training in the admin site, including who runs each faculty."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.training.factories import CohortFactory, FacultyAdminFactory, RecordFactory
from training.permissions import administered_provider_ids

pytestmark = pytest.mark.django_db
MODELS = ["provider", "facultyadmin", "programme", "cohort", "trainee", "trainingrecord", "importbatch",
          "interest", "improvertarget"]  # fmt: skip


def test_every_training_model_has_a_working_admin_page(client_for, django_user_model):
    superuser = django_user_model.objects.create_superuser(
        email="root@partner.example", password="x-123456789"
    )
    record = RecordFactory(cohort=CohortFactory())
    FacultyAdminFactory(provider=record.programme.provider, user=superuser)
    client = client_for(superuser)

    for model in MODELS:
        assert client.get(reverse(f"admin:training_{model}_changelist")).status_code == 200, model
    assert (
        client.get(reverse("admin:training_provider_change", args=[record.programme.provider_id])).status_code
        == 200
    )


def test_a_faculty_admin_row_makes_a_user_a_faculty_admin(member):
    provider = FacultyAdminFactory(user=member).provider

    assert administered_provider_ids(member) == frozenset({provider.pk})
