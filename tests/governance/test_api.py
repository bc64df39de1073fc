"""API read access to dashboard snapshots and the delivery plan, for the board and admins."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from dashboards import snapshots
from tests.governance.factories import DeliveryActionFactory

pytestmark = pytest.mark.django_db


def test_the_board_reads_snapshots_with_their_tables(
    board, client_for, organisation, django_assert_max_num_queries
):
    snapshots.rebuild("community")
    snapshots.rebuild("community", {"organisation": organisation.pk})
    client = client_for(board)
    with django_assert_max_num_queries(8) as queries:
        body = client.get("/api/v1/governance/snapshots/", {"dashboard": "community"}).json()
    assert body["count"] == 2
    assert not any('"page"' in q["sql"] for q in queries.captured_queries)  # the page's copy is not sent
    unfiltered = next(s for s in body["results"] if s["parameters"] == {})
    assert unfiltered["status"] == "ok"
    assert unfiltered["data"]["charts"][0]["id"] == "organisations-by-kind"


def test_a_snapshot_s_data_is_sent_as_stored_in_json_and_in_the_browsable_api(board, client_for):
    snapshot = snapshots.rebuild("community")
    tricky = {
        "text": 'a "quoted" \\ back\u2028slash: raw-json-0:0 \u00e9 Ystradgynlais',
        "rows": [[1, 2.5, None, True]],
    }
    type(snapshot).objects.filter(pk=snapshot.pk).update(data={**snapshot.data, "tricky": tricky})
    client = client_for(board)

    response = client.get(f"/api/v1/governance/snapshots/{snapshot.pk}/", HTTP_ACCEPT="application/json")

    stored = type(snapshot).objects.get(pk=snapshot.pk).data
    assert response.json()["data"] == stored and response.json()["data"]["tricky"] == tricky
    assert "\u2028".encode() not in response.content  # written escaped, as for every other response
    listed = client.get("/api/v1/governance/snapshots/", HTTP_ACCEPT="application/json").json()
    assert [s["data"] for s in listed["results"]] == [stored]
    browsable = client.get(f"/api/v1/governance/snapshots/{snapshot.pk}/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and "Ystradgynlais" in browsable.content.decode()


def test_a_bi_tool_reads_the_delivery_plan_with_a_token(board, django_assert_max_num_queries):
    for i in range(5):
        DeliveryActionFactory(strand="learn", rag="amber" if i else "red", owner=board)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=board).key}")
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/governance/delivery-plan/", {"rag": "red"}).json()
    assert body["count"] == 1
    assert body["results"][0]["theme"] == "ENABLE"
    assert body["results"][0]["owner"] == board.display_name


@pytest.mark.parametrize(
    "persona, status", [("member", 403), ("steering", 403), ("board", 200), ("admin_user", 200)]
)
def test_the_governance_api_is_for_the_board_and_admins(persona, status, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/api/v1/governance/snapshots/").status_code == status
    assert client.get("/api/v1/governance/delivery-plan/").status_code == status


def test_an_anonymous_request_gets_401(client):
    assert client.get("/api/v1/governance/delivery-plan/").status_code == 401
