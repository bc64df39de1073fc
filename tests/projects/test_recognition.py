"""Recognition: nominating a project for the showcase, admins celebrating it, the badge on the project,
in the showcase and on the team's home pages, and champions' contributions on their profile."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from champions.contributions import hours_given, months_so_far
from projects.models import Celebration, TeamMember
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory


def test_hours_given_count_the_months_begun_so_far():
    today = datetime.date(2026, 12, 3)
    assert months_so_far(datetime.date(2026, 10, 15), datetime.date(2027, 3, 31), today) == 3
    assert months_so_far(datetime.date(2027, 1, 1), datetime.date(2027, 3, 31), today) == 0
    assert months_so_far(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), today) == 6
    assert hours_given(
        [
            (Decimal("4"), datetime.date(2026, 10, 1), datetime.date(2027, 3, 31)),
            (Decimal("2.5"), datetime.date(2026, 1, 1), datetime.date(2026, 2, 28)),
        ],
        today,
    ) == Decimal("17.0")


@pytest.mark.django_db
def test_a_spreading_project_is_nominated_celebrated_and_wears_its_badge(member, admin_user, client_for):
    teammate = UserFactory()
    project = ProjectFactory(status="spreading", results="Falls halved", team=[teammate])
    other = ProjectFactory(status="completed", results="Earlier work", progress_score=Decimal("5.0"))

    page = client_for(member).get(project.get_absolute_url()).content.decode()
    assert "Nominate this project for the showcase" in page
    url = reverse("projects:nominate", kwargs={"pk": project.pk})
    refused = client_for(member).post(url, {"reason": ""})
    assert "Say why the project deserves celebrating" in refused.content.decode()
    client_for(member).post(url, {"reason": "Halved falls and spread to three wards"})
    assert Celebration.objects.get().nominated_by == member

    assert client_for(member).get(reverse("projects:nominations")).status_code == 403
    celebration = Celebration.objects.get()
    client_for(admin_user).post(
        reverse("projects:nominations"), {"celebration": celebration.pk, "award": "Showcase 2026"}
    )
    celebration.refresh_from_db()
    assert celebration.award == "Showcase 2026" and celebration.celebrated_at is not None

    assert (
        "★ Celebrated: Showcase 2026" in client_for(member).get(project.get_absolute_url()).content.decode()
    )
    showcase = client_for(member).get(reverse("projects:showcase")).content.decode()
    # Celebrated first, though the other project has the higher progress score.
    assert showcase.index(project.title) < showcase.index(other.title)
    assert "Celebrated: Showcase 2026" in showcase
    home = client_for(teammate).get(reverse("community:home")).content.decode()
    assert "Your celebrated projects" in home and f"★ {project.title}" in home


@pytest.mark.django_db
def test_only_finished_or_spreading_projects_can_be_nominated(member, client_for):
    testing = ProjectFactory(status="testing")
    assert "Nominate this project" not in client_for(member).get(testing.get_absolute_url()).content.decode()
    assert (
        client_for(member)
        .post(reverse("projects:nominate", kwargs={"pk": testing.pk}), {"reason": "x"})
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_a_champion_s_profile_shows_their_contributions_when_they_agree_to_be_listed(member, client_for):
    champion = ChampionFactory()
    CommitmentFactory(
        champion=champion,
        hours_per_month=Decimal("4"),
        start=datetime.date.today().replace(day=1),
        end=datetime.date.today() + datetime.timedelta(days=90),
    )
    coached = ProjectFactory()
    TeamMember.objects.create(project=coached, user=champion.person, role=TeamMember.Role.COACH)

    page = client_for(member).get(reverse("champions:champion", kwargs={"pk": champion.pk})).content.decode()
    assert "Hours given so far: <strong>4</strong>" in page
    assert "Projects supported as a QI coach: <strong>1</strong>" in page
