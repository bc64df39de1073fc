"""The facilitation API: the same rules as the pages, errors as JSON with field messages."""

from __future__ import annotations

from decimal import Decimal

from rest_framework.test import APIClient

from facilitation.models import FacilitationRequest
from facilitation.status import Status
from tests.community.factories import OrganisationFactory
from tests.facilitation.factories import RequestFactory, in_status

BASE = "/api/v1/facilitation"


def api(user):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_staff_create_a_draft_and_submit_it(member):
    client = api(member)
    organisation = OrganisationFactory()

    created = client.post(
        f"{BASE}/requests/",
        {
            "title": "Faster discharge letters",
            "team": "Cardiology",
            "organisations": [organisation.pk],
            "challenge": "Letters take 9 days.",
            "aim": "Letters in 2 days by May.",
            "direction": "loose",
            "support_wanted": ["coaching"],
            "timescale": "quarter",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"

    submitted = client.post(f"{BASE}/requests/{pk}/submit/")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"


def test_submitting_an_incomplete_draft_gives_field_messages(member):
    item = RequestFactory(requester=member, aim="", team="")

    response = api(member).post(f"{BASE}/requests/{item.pk}/submit/")

    assert response.status_code == 400
    assert set(response.json()) == {"aim", "team"}


def test_staff_list_only_their_own_requests(member, outsider):
    mine = RequestFactory(requester=member)
    RequestFactory(requester=outsider, status=Status.QUEUED)

    response = api(member).get(f"{BASE}/requests/")

    assert [r["id"] for r in response.json()["results"]] == [mine.pk]


def test_others_requests_are_not_found(member, outsider):
    theirs = in_status(Status.QUEUED, requester=outsider)

    assert api(member).get(f"{BASE}/requests/{theirs.pk}/").status_code == 404


def test_a_steering_member_scores_through_the_api_and_reads_only_their_own_scores(
    steering, steering_two, framework
):
    item = in_status(Status.QUEUED)
    values = [{"criterion": c.pk, "value": 3, "comment": ""} for c in framework.criteria.all()]
    api(steering_two).post(f"{BASE}/scores/", {"request": item.pk, "values": values}, format="json")

    response = api(steering).post(
        f"{BASE}/scores/", {"request": item.pk, "values": values[:1]}, format="json"
    )
    assert response.status_code == 400
    created = api(steering).post(f"{BASE}/scores/", {"request": item.pk, "values": values}, format="json")
    assert created.status_code == 201
    assert created.json()["framework_version"] == framework.number

    mine = api(steering).get(f"{BASE}/scores/").json()["results"]
    assert len(mine) == 1
    item.refresh_from_db()
    assert item.priority_score == Decimal("3.00")


def test_staff_cannot_use_the_scores_endpoint(member):
    assert api(member).get(f"{BASE}/scores/").status_code == 403


def test_decisions_through_the_api_follow_the_same_rules(steering, member):
    item = in_status(Status.QUEUED, requester=member)

    refused = api(steering).post(
        f"{BASE}/decisions/", {"request": item.pk, "outcome": "accept"}, format="json"
    )
    assert refused.status_code == 400
    assert "support_level" in refused.json()

    created = api(steering).post(
        f"{BASE}/decisions/",
        {"request": item.pk, "outcome": "accept", "support_level": "facilitation"},
        format="json",
    )
    assert created.status_code == 201
    assert FacilitationRequest.objects.get(pk=item.pk).status == Status.ACCEPTED

    theirs = api(member).get(f"{BASE}/decisions/").json()["results"]
    assert [d["outcome"] for d in theirs] == ["accept"]
    assert (
        api(member)
        .post(
            f"{BASE}/decisions/", {"request": item.pk, "outcome": "decline", "rationale": "No"}, format="json"
        )
        .status_code
        == 403
    )


def test_assignments_through_the_api_follow_the_capacity_rule(steering, admin_user, member):
    import datetime

    from tests.champions.factories import ChampionFactory

    item = in_status(Status.ACCEPTED, requester=member)
    champion = ChampionFactory(hours_per_month=Decimal("5"))
    start = datetime.date.today().replace(day=1)
    body = {
        "request": item.pk,
        "champion": champion.pk,
        "hours_per_month": "6",
        "start": start.isoformat(),
        "end": (start + datetime.timedelta(days=60)).isoformat(),
    }

    refused = api(steering).post(f"{BASE}/assignments/", body, format="json")
    assert refused.status_code == 400
    assert "over-commit" in refused.json()["hours_per_month"][0]
    not_admin = api(steering).post(
        f"{BASE}/assignments/", {**body, "override_reason": "Urgent"}, format="json"
    )
    assert not_admin.status_code == 400

    created = api(admin_user).post(
        f"{BASE}/assignments/", {**body, "override_reason": "Urgent"}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["override_reason"] == "Urgent"
    seen = api(member).get(f"{BASE}/assignments/").json()["results"]
    assert [a["champion"] for a in seen] == [champion.pk]
    assert api(member).post(f"{BASE}/assignments/", body, format="json").status_code == 403


def test_a_queued_requests_score_follows_the_hidden_scores_rule(
    steering, steering_two, admin_user, framework
):
    item = in_status(Status.QUEUED)
    values = [{"criterion": c.pk, "value": 3, "comment": ""} for c in framework.criteria.all()]
    api(steering_two).post(f"{BASE}/scores/", {"request": item.pk, "values": values}, format="json")

    def seen_by(user):  # type: ignore[no-untyped-def]
        return api(user).get(f"{BASE}/requests/{item.pk}/").json()["priority_score"]

    assert seen_by(steering) is None  # not scored yet: others' scores would anchor theirs
    assert seen_by(steering_two) == "3.00" and seen_by(admin_user) == "3.00"
    api(steering).post(f"{BASE}/scores/", {"request": item.pk, "values": values}, format="json")
    assert seen_by(steering) == "3.00"


def test_without_the_viewsets_check_a_queued_score_is_not_shown(framework):
    from facilitation.api import RequestSerializer

    item = in_status(Status.QUEUED, priority_score=Decimal("3.00"))
    assert RequestSerializer(item).data["priority_score"] is None
