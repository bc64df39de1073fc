from decimal import Decimal

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import IntegrityError

from projects.models import Project
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_search_vector_follows_the_text_fields() -> None:
    project = ProjectFactory(title="Frailty virtual ward", aim="Keep frail people at home")
    found = Project.objects.filter(search_vector=SearchQuery("frail", config="english"))
    assert list(found) == [project]
    Project.objects.filter(pk=project.pk).update(aim="Fewer admissions", title="Hospital at home")
    assert not Project.objects.filter(search_vector=SearchQuery("frail", config="english")).exists()


def test_the_database_refuses_a_score_outside_the_ihi_scale() -> None:
    with pytest.raises(IntegrityError):
        ProjectFactory(progress_score=Decimal("5.5"))


def test_the_lead_is_on_the_team_as_lead() -> None:
    project = ProjectFactory()
    assert [(m.user, m.role) for m in project.memberships.all()] == [(project.lead, "lead")]
