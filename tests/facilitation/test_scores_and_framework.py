"""Scoring pages, the hidden-scores rule, and the versioned framework."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from facilitation.models import FrameworkVersion, ScoreSheet
from facilitation.status import Status
from tests.facilitation.conftest import full_scores
from tests.facilitation.factories import in_status


def _score(client, item, data):  # type: ignore[no-untyped-def]
    return client.post(reverse("facilitation:score", kwargs={"pk": item.pk}), data)


def test_a_member_scores_every_criterion(steering, client_for, framework):
    item = in_status(Status.QUEUED)

    response = _score(client_for(steering), item, full_scores(framework, 2))

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.priority_score == Decimal("2.00")
    sheet = ScoreSheet.objects.get(request=item, scorer=steering)
    assert sheet.version == framework
    assert sheet.items.count() == framework.criteria.count()


def test_a_missing_criterion_is_refused_and_nothing_is_saved(steering, client_for, framework):
    item = in_status(Status.QUEUED)
    data = full_scores(framework, 2)
    first = framework.criteria.first()
    del data[f"criterion_{first.pk}"]

    response = _score(client_for(steering), item, data)

    assert response.status_code == 200
    assert f"criterion_{first.pk}" in response.context["form"].errors
    assert not ScoreSheet.objects.exists()


def test_the_priority_score_is_the_weighted_mean_over_two_scorers(
    steering, steering_two, client_for, framework
):
    item = in_status(Status.QUEUED)
    criteria = list(framework.criteria.all())
    # The first member gives 3 to the first criterion and 0 elsewhere; the second gives 1 everywhere.
    first = {f"criterion_{c.pk}": "0" for c in criteria} | {f"criterion_{criteria[0].pk}": "3"}
    _score(client_for(steering), item, first)
    _score(client_for(steering_two), item, full_scores(framework, 1))

    item.refresh_from_db()
    total_weight = sum(c.weight for c in criteria)
    expected = ((3 * criteria[0].weight / total_weight) + 1) / 2
    assert item.priority_score == expected.quantize(Decimal("0.01"))


def test_others_scores_are_hidden_until_the_member_has_scored(steering, steering_two, client_for, framework):
    item = in_status(Status.QUEUED)
    _score(client_for(steering_two), item, full_scores(framework, 3))
    client = client_for(steering)
    url = reverse("facilitation:detail", kwargs={"pk": item.pk})

    before = client.get(url)
    assert before.context["sheets"] == []
    assert "hidden until you have scored" in before.content.decode()
    assert "Scored 3" not in before.content.decode()
    queue = client.get(reverse("facilitation:queue"))
    assert "Score hidden until you score" in queue.content.decode()

    _score(client, item, full_scores(framework, 1))
    after = client.get(url)
    assert {s.scorer for s in after.context["sheets"]} == {steering, steering_two}
    assert "Scored 3" in after.content.decode()


def test_admins_see_every_score_without_scoring(admin_user, steering, client_for, framework):
    item = in_status(Status.QUEUED)
    _score(client_for(steering), item, full_scores(framework, 3))

    response = client_for(admin_user).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))

    assert [s.scorer for s in response.context["sheets"]] == [steering]


@pytest.mark.parametrize("persona", ["admin", "member"])
def test_only_steering_group_members_score(persona, make_persona, client_for, framework):
    item = in_status(Status.QUEUED)

    response = _score(client_for(make_persona(persona)), item, full_scores(framework, 2))

    assert response.status_code in (403, 404)
    assert not ScoreSheet.objects.exists()


def test_a_request_not_in_the_queue_cannot_be_scored(steering, client_for, framework):
    item = in_status(Status.IN_TRIAGE)

    assert _score(client_for(steering), item, full_scores(framework, 2)).status_code == 404


def _framework_post(rows, note="Weights agreed at the March meeting"):  # type: ignore[no-untyped-def]
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "note": note,
    }
    for i, (name, weight) in enumerate(rows):
        data[f"criteria-{i}-name"] = name
        data[f"criteria-{i}-description"] = f"About {name}"
        data[f"criteria-{i}-weight"] = weight
    return data


def test_editing_the_framework_makes_a_new_version_and_old_scores_keep_theirs(
    steering, client_for, framework
):
    item = in_status(Status.QUEUED)
    client = client_for(steering)
    _score(client, item, full_scores(framework, 2))

    response = client.post(
        reverse("facilitation:framework_edit"),
        _framework_post([("Impact", "3"), ("Readiness", "1"), ("", "")]),
    )

    assert response.status_code == 302
    latest = FrameworkVersion.objects.order_by("-number").first()
    assert latest.number == framework.number + 1
    assert [(c.name, c.weight) for c in latest.criteria.all()] == [("Impact", 3), ("Readiness", 1)]
    assert ScoreSheet.objects.get().version == framework
    form = client.get(reverse("facilitation:score", kwargs={"pk": item.pk})).context["form"]
    assert [c.name for c in form.criteria] == ["Impact", "Readiness"]


def test_a_criterion_without_a_weight_is_refused(steering, client_for, framework):
    response = client_for(steering).post(
        reverse("facilitation:framework_edit"), _framework_post([("Impact", "")])
    )

    assert response.status_code == 200
    assert FrameworkVersion.objects.count() == 1


def test_duplicate_criteria_are_refused(admin_user, client_for, framework):
    response = client_for(admin_user).post(
        reverse("facilitation:framework_edit"), _framework_post([("Impact", "1"), ("impact", "2")])
    )

    assert response.status_code == 200
    assert "same name" in response.content.decode()
    assert FrameworkVersion.objects.count() == 1


def test_staff_cannot_edit_the_framework(member, client_for, framework):
    response = client_for(member).post(
        reverse("facilitation:framework_edit"), _framework_post([("Impact", "1")])
    )

    assert response.status_code == 403
    assert FrameworkVersion.objects.count() == 1


def test_the_api_and_portfolio_hide_queued_scores_from_members_who_have_not_scored(
    steering, steering_two, client_for, framework
):
    from rest_framework.test import APIClient

    item = in_status(Status.QUEUED, title="Hidden score request")
    _score(client_for(steering_two), item, full_scores(framework, 3))
    api = APIClient()
    api.force_authenticate(steering)

    before = api.get(f"/api/v1/facilitation/requests/{item.pk}/").json()
    portfolio = client_for(steering).get(reverse("facilitation:portfolio") + "?export=csv")
    _score(client_for(steering), item, full_scores(framework, 1))
    after = api.get(f"/api/v1/facilitation/requests/{item.pk}/").json()

    assert before["priority_score"] is None
    row = next(
        line for line in b"".join(portfolio.streaming_content).decode().splitlines() if "Hidden" in line
    )
    assert "3.00" not in row
    assert after["priority_score"] == "2.00"
