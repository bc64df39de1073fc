from __future__ import annotations

import pytest
from django.utils import timezone

from projects.overlap import similar_projects
from tests.community.factories import PlaceFactory, SystemPriorityFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register() -> dict[str, object]:
    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    maternity = SystemPriorityFactory(name="Maternity and neonatal", slug="maternity")
    return {
        "frailty": frailty,
        "ward": ProjectFactory(
            title="Frailty virtual ward",
            problem="Older people living with frailty are admitted when they could be cared for at home.",
            aim="Support 40 people a day on the virtual ward by March 2026.",
            priorities=[frailty],
        ),
        "covid": ProjectFactory(
            title="Covid virtual ward",
            problem="Patients with Covid need oxygen monitoring after discharge.",
            aim="Monitor patients at home with pulse oximeters.",
        ),
        "maternity": ProjectFactory(
            title="Continuity of carer in maternity",
            problem="Women see many different midwives.",
            aim="Most women booked onto continuity pathways by December.",
            priorities=[maternity],
        ),
        "glaucoma": ProjectFactory(
            title="Glaucoma service redesign",
            problem="Glaucoma follow-ups are overdue.",
            aim="Clear the backlog of glaucoma reviews.",
        ),
    }


def test_it_finds_the_frailty_virtual_ward_for_a_virtual_ward_for_frail_older_people(register) -> None:
    found = similar_projects(title="Virtual ward for frail older people")
    assert found[0].project == register["ward"]
    reasons = " ".join(found[0].reasons)
    assert "“frail”" in reasons and "“virtual”" in reasons and "“ward”" in reasons
    assert register["maternity"] not in [r.project for r in found]
    assert register["glaucoma"] not in [r.project for r in found]


def test_a_shared_priority_and_place_raise_the_score_and_are_given_as_reasons(register) -> None:
    gloucester = PlaceFactory(name="Gloucester")
    register["covid"].places.set([gloucester])
    plain = {r.project: r for r in similar_projects(title="Virtual ward")}
    boosted = {
        r.project: r
        for r in similar_projects(
            title="Virtual ward", priority_ids=[register["frailty"].pk], place_ids=[gloucester.pk]
        )
    }
    assert boosted[register["ward"]].score > plain[register["ward"]].score
    assert "Same system priority: Frailty" in boosted[register["ward"]].reasons
    assert "Same place: Gloucester" in boosted[register["covid"]].reasons


def test_it_leaves_out_drafts_and_the_project_itself(register) -> None:
    draft = ProjectFactory(title="Virtual ward for frail people in Stroud", published_at=None)
    found = [r.project for r in similar_projects(title=draft.title, exclude_id=register["ward"].pk)]
    assert draft not in found
    assert register["ward"] not in found
    assert register["covid"] in found


def test_unrelated_work_finds_nothing_and_empty_input_is_harmless(register) -> None:
    assert similar_projects(title="Pharmacy stock ordering software") == []
    assert similar_projects(title="   ") == []
    assert similar_projects(title="the and of") == []


def test_words_in_the_aim_find_a_project_whose_title_differs(register) -> None:
    found = similar_projects(title="Ophthalmology backlog", aim="Clear the overdue glaucoma reviews")
    assert [r.project for r in found][:1] == [register["glaucoma"]]


def test_the_limit_is_respected(register) -> None:
    for n in range(8):
        ProjectFactory(title=f"Virtual ward pilot {n}", published_at=timezone.now())
    assert len(similar_projects(title="Virtual ward", limit=3)) == 3
