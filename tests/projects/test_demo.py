from __future__ import annotations

from io import StringIO

import pytest

from community import demo as community_demo
from projects import demo
from projects.models import Project, TeamMember
from projects.overlap import similar_projects

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_realistic_and_seeding_it_twice_changes_nothing() -> None:
    community_demo.seed(StringIO())
    demo.seed(StringIO())
    first = (
        Project.objects.count(),
        TeamMember.objects.count(),
        sorted(Project.objects.values_list("title", "status", "progress_score")),
    )
    demo.seed(StringIO())

    assert first == (
        Project.objects.count(),
        TeamMember.objects.count(),
        sorted(Project.objects.values_list("title", "status", "progress_score")),
    )
    assert 280 <= Project.objects.count() <= 320
    assert set(Project.objects.values_list("status", flat=True)) == set(Project.Status.values)
    for title in ("We Wait Well", "Frailty virtual ward", "Warmth on Prescription", "Discharge to Assess"):
        assert Project.objects.filter(title=title, published_at__isnull=False).exists(), title
    assert Project.objects.filter(priorities__name="Palliative and end of life care").count() >= 5
    assert Project.objects.filter(priorities__name="Maternity and neonatal").count() >= 5
    assert Project.objects.filter(status="completed").exclude(results="").count() >= 20
    assert Project.objects.filter(published_at__isnull=True).exists()  # some drafts
    assert Project.objects.filter(lead__email="staff@ghft.example.org").exists()
    found = similar_projects(title="Virtual ward for frail older people")
    assert found[0].project.title == "Frailty virtual ward"
