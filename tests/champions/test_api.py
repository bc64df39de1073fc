"""The champions API: staff read listed champions only; admins read all and write; dosage for the board."""

from __future__ import annotations

import pytest
from django.urls import reverse

from champions.models import Champion
from core.audit import audit_trail
from tests.champions.factories import ChampionFactory
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = reverse("api:champion-list")


def _detail(champion: Champion) -> str:
    return reverse("api:champion-detail", kwargs={"pk": champion.pk})


def test_staff_read_only_active_consenting_champions(member, client_for, django_assert_max_num_queries):
    shown = ChampionFactory.create_batch(5)
    hidden = [
        ChampionFactory(status=Champion.Status.PROPOSED),
        ChampionFactory(status=Champion.Status.PAUSED),
        ChampionFactory(status=Champion.Status.RETIRED),
        ChampionFactory(consent_to_list=False),
    ]
    client = client_for(member)
    client.get(LIST)

    with django_assert_max_num_queries(10):
        response = client.get(LIST)

    body = response.json()
    ids = {row["id"] for row in body["results"]} if isinstance(body, dict) else {row["id"] for row in body}
    assert ids == {c.pk for c in shown}
    row = (body["results"] if isinstance(body, dict) else body)[0]
    assert "status" not in row and "training_evidence" not in row
    assert row["free_hours_this_month"] == "10.0"
    for champion in hidden:
        assert client.get(_detail(champion)).status_code == 404


def test_the_api_filters_like_the_directory(member, client_for):
    ChampionFactory(methods=["lean"])
    mapper = ChampionFactory(methods=["process_mapping"], level="expert")

    body = client_for(member).get(LIST, {"method": "process_mapping", "level": "expert"}).json()
    rows = body["results"] if isinstance(body, dict) else body

    assert [r["id"] for r in rows] == [mapper.pk]
    bad = client_for(member).get(LIST, {"method": "juggling"})
    assert bad.status_code == 400
    assert "method" in bad.json()


def test_staff_cannot_write(member, client_for):
    champion = ChampionFactory(status=Champion.Status.PROPOSED)
    client = client_for(member)

    assert (
        client.post(
            LIST, {"person": member.pk, "level": "coach"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.patch(_detail(champion), {"status": "active"}, content_type="application/json").status_code
        == 403
    )
    listed = ChampionFactory()
    assert (
        client.patch(
            _detail(listed), {"status": "paused", "reason": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    champion.refresh_from_db()
    listed.refresh_from_db()
    assert (champion.status, listed.status) == ("proposed", "active")


def test_admins_see_every_entry_and_add_approve_and_pause_through_the_services(admin_user, client_for):
    person = UserFactory()
    client = client_for(admin_user)

    created = client.post(
        LIST,
        {
            "person": person.pk,
            "level": "coach",
            "methods": ["process_mapping"],
            "hours_per_month": "8.0",
            "capacity_start": "2026-04-01",
            "capacity_agreed_by": "Jo Manager",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    champion = Champion.objects.get(person=person)
    assert created.json()["status"] == "proposed"

    approved = client.patch(_detail(champion), {"status": "active"}, content_type="application/json")
    assert approved.json()["status"] == "active"
    refused = client.patch(_detail(champion), {"status": "paused"}, content_type="application/json")
    assert refused.status_code == 400
    assert "reason" in refused.json()
    client.patch(_detail(champion), {"status": "paused", "reason": "Leave"}, content_type="application/json")

    assert [e.action for e in audit_trail(champion).order_by("at", "pk")] == [
        "nominated",
        "approved",
        "paused",
    ]
    all_ids = {r["id"] for r in client.get(LIST, {"status": "paused"}).json()["results"]}
    assert champion.pk in all_ids


def test_write_errors_come_back_as_json_field_messages(admin_user, client_for):
    response = client_for(admin_user).post(
        LIST, {"level": "wizard", "hours_per_month": "500"}, content_type="application/json"
    )

    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"level", "hours_per_month"}


def test_the_dosage_endpoint_is_for_the_board_and_admins(member, board, organisation, client_for):
    ChampionFactory(person=UserFactory(organisation=organisation), level="expert")

    assert client_for(member).get(reverse("api:champion-dosage")).status_code == 403
    rows = client_for(board).get(reverse("api:champion-dosage")).json()

    riverside = next(r for r in rows if r["organisation"] == organisation.pk)
    assert (riverside["expert_target"], riverside["experts"], riverside["coach_target"]) == (16, 1, 200)
    assert rows[-1]["organisation"] is None


def test_the_schema_documents_the_champion_endpoints(admin_user, client_for):
    response = client_for(admin_user).get(reverse("api:schema"), {"format": "json"})

    paths = response.json()["paths"]
    assert "/api/v1/champions/" in paths
    assert "/api/v1/champion-dosage/" in paths
