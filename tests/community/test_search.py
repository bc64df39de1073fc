"""One search box for the portal: projects, training and champions answer the same words, each limited
to what the person may see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.champions.factories import ChampionFactory
from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory
from tests.training.factories import CohortFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _page(client, words):
    return client.get(reverse("community:search"), {"q": words}).content.decode()


def test_one_search_finds_projects_programmes_and_champions(member, client_for):
    ProjectFactory(title="Sepsis screening in the emergency department")
    ProjectFactory(title="Sepsis six bundle draft", published_at=None)  # a draft: not for the member
    programme = ProgrammeFactory(name="Sepsis improvement bronze", summary="Improving sepsis care")
    CohortFactory(programme=programme, open_for_booking=True)
    ChampionFactory(person=UserFactory(first_name="Ada", last_name="Sepsis-Lovelace"))
    ChampionFactory(person=UserFactory(first_name="Bo", last_name="Sepsis-Hidden"), consent_to_list=False)

    html = _page(client_for(member), "sepsis")

    assert "Sepsis screening in the emergency department" in html
    assert "Sepsis six bundle draft" not in html
    assert "Sepsis improvement bronze" in html and "next date" in html
    assert "Ada Sepsis-Lovelace" in html and "Bo Sepsis-Hidden" not in html
    assert "Projects" in html and "Training" in html and "QI champions and coaches" in html


def test_a_misspelling_is_answered_with_the_register_s_spelling(member, client_for):
    ProjectFactory(title="Sepsis screening in the emergency department")
    html = _page(client_for(member), "sepssis")
    assert "Did you mean" in html and "?q=sepsis" in html


def test_more_results_than_shown_lead_to_the_searched_list(member, client_for):
    for n in range(7):
        ProjectFactory(title=f"Falls prevention ward {n}")
    html = _page(client_for(member), "falls")
    assert "All 7 projects found" in html and "/projects/?q=falls" in html


def test_a_blank_search_shows_only_the_box(member, client_for):
    html = _page(client_for(member), "   ")
    assert 'id="portal-search"' in html and 'id="search-count"' not in html


def test_the_header_search_box_sends_people_to_the_portal_search(member, client_for):
    html = client_for(member).get(reverse("community:home")).content.decode()
    assert f'action="{reverse("community:search")}"' in html


def test_search_is_for_signed_in_people(client):
    response = client.get(reverse("community:search"), {"q": "sepsis"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_search_page_issues_a_bounded_number_of_queries(
    member, client_for, django_assert_max_num_queries
):
    for n in range(12):
        ProjectFactory(title=f"Falls prevention ward {n}")
        ProgrammeFactory(name=f"Falls training {n}")
    client = client_for(member)
    _page(client, "falls")
    with django_assert_max_num_queries(12):
        _page(client, "falls")
