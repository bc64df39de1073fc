"""The capability, capacity and portfolio dashboards on the governance pages: the board reads them all,
other staff see only the public summary's headline figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dashboards import snapshots
from tests.champions.factories import ChampionFactory
from tests.projects.factories import ProjectFactory
from tests.training.factories import RecordFactory

pytestmark = pytest.mark.django_db

NEW = ("capability", "capacity", "portfolio")


@pytest.fixture
def built(organisation):
    RecordFactory()
    ChampionFactory()
    ProjectFactory()
    snapshots.rebuild_everything()


def test_the_board_sees_the_new_dashboards_with_their_charts_and_downloads(
    board, client_for, built, clean_pending, django_assert_max_num_queries
):
    client = client_for(board)
    client.get(reverse("governance:dashboards"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("governance:dashboards")).content.decode()

    for title in (
        "New competent improvers against target",
        "Improvement coaches against the dosage target",
        "Projects by status",
    ):
        assert title in html
    for key in NEW:
        page = client.get(reverse("governance:dashboard", kwargs={"key": key}))
        assert page.status_code == 200
        assert f'id="figure-{key}-' in page.content.decode()
    csv = client.get(reverse("governance:chart_csv", kwargs={"key": "capacity", "chart": "teams-supported"}))
    lines = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Organisation,Active coaches on the register,Teams (at least),Teams (at most),"
        "Teams with accepted requests"
    )


@pytest.mark.parametrize("persona", ["member", "steering"])
@pytest.mark.parametrize("key", NEW)
def test_other_staff_cannot_open_the_new_dashboards(persona, key, request, client_for, built):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("governance:dashboard", kwargs={"key": key})).status_code == 403
    assert client.get(reverse("governance:chart_csv", kwargs={"key": key, "chart": "x"})).status_code == 403


def test_staff_see_the_public_headlines_of_capability_and_portfolio_but_not_capacity(
    member, client_for, built, clean_pending
):
    html = client_for(member).get(reverse("governance:summary")).content.decode()

    assert "Competent improvers" in html
    assert "Published projects" in html
    assert "Improvement coaches" not in html  # capacity is for the board
    assert "New competent improvers against target" not in html  # headlines only, no charts
    assert "Projects by status" not in html


def test_the_home_page_links_staff_to_the_public_summary(member, client_for):
    html = client_for(member).get(reverse("community:home")).content.decode()
    assert f'href="{reverse("governance:summary")}"' in html
    assert reverse("governance:dashboards") not in html  # staff are not offered the board's dashboards
