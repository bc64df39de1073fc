"""Triage by community admins: start, return for more information, ready for the queue, signpost; emails."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from facilitation.status import Status
from tests.facilitation.factories import in_status


def _act(client, item, action, message=""):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("facilitation:triage_action", kwargs={"pk": item.pk}), {"action": action, "message": message}
    )


def test_the_triage_list_shows_new_requests_oldest_first(
    admin_user, client_for, django_assert_max_num_queries
):
    first = in_status(Status.SUBMITTED)
    second = in_status(Status.IN_TRIAGE)
    in_status(Status.QUEUED)
    client = client_for(admin_user)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("facilitation:triage"))

    assert [r.pk for r in response.context["rows"]] == [first.pk, second.pk]


def test_an_admin_marks_a_request_ready_for_the_queue_and_the_requester_is_emailed(
    admin_user, client_for, django_capture_on_commit_callbacks
):
    item = in_status(Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client_for(admin_user), item, "queue")

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.status == Status.QUEUED
    last = item.transitions.last()
    assert (last.from_status, last.to_status, last.actor) == ("submitted", "queued", admin_user)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [item.requester.email]
    assert "in the queue" in mail.outbox[0].subject


def test_returning_a_request_needs_a_message_the_requester_sees(
    admin_user, client_for, django_capture_on_commit_callbacks
):
    item = in_status(Status.IN_TRIAGE)
    client = client_for(admin_user)

    refused = _act(client, item, "return", "")
    item.refresh_from_db()
    assert refused.status_code == 200
    assert "message" in refused.context["triage_form"].errors
    assert item.status == Status.IN_TRIAGE

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, item, "return", "Please add who your senior sponsor is.")
    item.refresh_from_db()
    assert item.status == Status.RETURNED
    assert "Please add who your senior sponsor is." in mail.outbox[0].body
    page = client_for(item.requester).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
    assert "Please add who your senior sponsor is." in page.content.decode()


def test_signposting_records_a_decision_with_the_message(admin_user, client_for):
    item = in_status(Status.SUBMITTED)

    _act(
        client_for(admin_user),
        item,
        "signpost",
        "The Bronze QI course covers this: book via the training page.",
    )

    item.refresh_from_db()
    assert item.status == Status.SIGNPOSTED
    decision = item.decisions.get()
    assert decision.outcome == "signpost"
    assert decision.rationale.startswith("The Bronze QI course")


def test_an_admin_completes_a_request_during_triage(admin_user, client_for):
    item = in_status(Status.IN_TRIAGE)

    response = client_for(admin_user).post(
        reverse("facilitation:edit", kwargs={"pk": item.pk}),
        {"title": item.title, "team": "Acute medicine, Cheltenham General", "intent": "draft"},
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.team == "Acute medicine, Cheltenham General"
    assert item.status == Status.IN_TRIAGE


@pytest.mark.parametrize("persona", ["member", "steering", "board"])
def test_only_admins_triage(persona, make_persona, client_for):
    item = in_status(Status.SUBMITTED)

    response = _act(client_for(make_persona(persona)), item, "queue")

    item.refresh_from_db()
    assert response.status_code == 403
    assert item.status == Status.SUBMITTED


def test_a_queued_request_cannot_be_triaged_again(admin_user, client_for):
    item = in_status(Status.QUEUED)

    response = _act(client_for(admin_user), item, "return", "More please")

    assert response.status_code == 403


def test_triage_shows_twenty_five_requests_a_page_oldest_first(admin_user, client_for):
    now = timezone.now()
    for n in range(27):
        item = in_status(Status.SUBMITTED, title=f"New request {n:02d}")
        item.submitted_at = now - datetime.timedelta(days=30 - n)
        item.save()
    client = client_for(admin_user)

    first = client.get(reverse("facilitation:triage"))
    second = client.get(reverse("facilitation:triage") + "?page=2")

    assert [r.title for r in first.context["rows"]][:2] == ["New request 00", "New request 01"]
    assert len(first.context["rows"]) == 25
    assert [r.title for r in second.context["rows"]] == ["New request 25", "New request 26"]
    assert "Showing 26 to 27 of 27 requests waiting for triage" in second.content.decode()
