"""The queue, meeting mode and the steering group's decisions; the portfolio and its exports."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from facilitation.models import Meeting, ScoreSheet
from facilitation.status import Status
from tests.facilitation.factories import in_status


def _queued(title: str, score: str | None, days_ago: int):  # type: ignore[no-untyped-def]
    item = in_status(Status.QUEUED, title=title)
    item.priority_score = Decimal(score) if score is not None else None
    item.submitted_at = timezone.now() - datetime.timedelta(days=days_ago)
    item.save()
    return item


def test_the_queue_orders_by_score_then_age(steering, client_for, framework, django_assert_max_num_queries):
    queued = [
        _queued("Unscored", None, 30),
        _queued("Low", "1.00", 40),
        _queued("High, newer", "2.50", 2),
        _queued("High, older", "2.50", 9),
    ]
    for n in range(6):
        queued.append(_queued(f"Middle {n}", "2.00", 10 + n))
    for item in queued:  # this member has scored every request, so may see the order the scores make
        ScoreSheet.objects.create(request=item, scorer=steering, version=framework, score=2)
    in_status(Status.IN_TRIAGE, title="Not queued yet")
    client = client_for(steering)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("facilitation:queue"))

    titles = [r.title for r in response.context["rows"]]
    assert titles[:2] == ["High, older", "High, newer"]
    assert titles[2:8] == [f"Middle {n}" for n in range(5, -1, -1)]
    assert titles[8:] == ["Low", "Unscored"]
    assert "Not queued yet" not in response.content.decode()


def test_someone_who_has_not_scored_every_request_sees_the_queue_by_age_and_is_told_why(
    steering, client_for, framework
):
    scored = _queued("Scored", "2.50", 2)
    _queued("Not scored by me", "1.00", 40)
    _queued("Middle", "2.00", 10)
    ScoreSheet.objects.create(request=scored, scorer=steering, version=framework, score=2)

    response = client_for(steering).get(reverse("facilitation:queue"))

    assert [r.title for r in response.context["rows"]] == ["Not scored by me", "Middle", "Scored"]
    assert "oldest first" in response.content.decode()
    assert "would reveal the scores you have not seen yet" in response.content.decode()


def _decide(client, item, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("facilitation:decide", kwargs={"pk": item.pk}), data)


def test_accepting_needs_a_support_level(steering, client_for):
    item = in_status(Status.QUEUED)

    response = _decide(client_for(steering), item, outcome="accept")

    item.refresh_from_db()
    assert response.status_code == 200
    assert "support_level" in response.context["decision_form"].errors
    assert item.status == Status.QUEUED


def test_the_steering_group_accepts_with_a_support_level_and_the_requester_is_emailed(
    steering, client_for, django_capture_on_commit_callbacks
):
    item = in_status(Status.QUEUED)

    with django_capture_on_commit_callbacks(execute=True):
        _decide(
            client_for(steering), item, outcome="accept", support_level="coaching", rationale="A strong case."
        )

    item.refresh_from_db()
    assert item.status == Status.ACCEPTED
    assert item.support_level == "coaching"
    decision = item.decisions.get()
    assert (decision.outcome, decision.decided_by) == ("accept", steering)
    assert "Support level: Coaching" in mail.outbox[0].body


def test_deferring_needs_a_future_review_date(steering, client_for):
    item = in_status(Status.QUEUED)
    client = client_for(steering)
    past = timezone.localdate() - datetime.timedelta(days=1)

    refused = _decide(
        client,
        item,
        outcome="defer",
        rationale="Wait for the new financial year.",
        review_date_day=past.day,
        review_date_month=past.month,
        review_date_year=past.year,
    )
    assert "review_date" in refused.context["decision_form"].errors

    later = timezone.localdate() + datetime.timedelta(days=60)
    _decide(
        client,
        item,
        outcome="defer",
        rationale="Wait for the new financial year.",
        review_date_day=later.day,
        review_date_month=later.month,
        review_date_year=later.year,
    )
    item.refresh_from_db()
    assert item.status == Status.DEFERRED
    assert item.review_date == later


def test_declining_needs_a_reason_and_the_requester_sees_it(
    steering, client_for, django_capture_on_commit_callbacks
):
    item = in_status(Status.QUEUED)
    client = client_for(steering)

    assert "rationale" in _decide(client, item, outcome="decline").context["decision_form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        _decide(
            client, item, outcome="decline", rationale="This is business as usual for the ward's own team."
        )

    item.refresh_from_db()
    assert item.status == Status.DECLINED
    page = client_for(item.requester).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
    assert "business as usual" in page.content.decode()
    assert "business as usual" in mail.outbox[0].body


@pytest.mark.parametrize("persona", ["member", "board"])
def test_only_the_steering_group_and_admins_decide(persona, make_persona, client_for):
    item = in_status(Status.QUEUED)

    response = _decide(client_for(make_persona(persona)), item, outcome="accept", support_level="coaching")

    item.refresh_from_db()
    assert response.status_code == 403
    assert item.status == Status.QUEUED


def test_a_meeting_walks_the_queue_in_order_and_records_decisions(steering, client_for):
    first = _queued("First", "2.80", 5)
    second = _queued("Second", "1.20", 50)
    client = client_for(steering)

    started = client.post(
        reverse("facilitation:meeting_start"),
        {
            "held_on_day": "3",
            "held_on_month": "3",
            "held_on_year": "2027",
            "title": "March steering group",
        },
    )
    meeting = Meeting.objects.get()
    assert started["Location"] == reverse("facilitation:meeting", kwargs={"pk": meeting.pk})

    page = client.get(started["Location"])
    assert page.context["item"] == first

    decided = client.post(
        reverse("facilitation:meeting_decide", kwargs={"pk": meeting.pk, "request_pk": first.pk}),
        {"outcome": "accept", "support_level": "in_depth", "position": "0"},
    )
    assert decided.status_code == 302
    nxt = client.get(decided["Location"])
    assert nxt.context["item"] == second
    assert [d.request for d in nxt.context["decided"]] == [first]
    assert first.decisions.get().meeting == meeting

    # The steering group's meeting record for that day shows the decision, linked back to it.
    from governance.models import Decision as MeetingDecision

    recorded = MeetingDecision.objects.get()
    assert recorded.meeting.held_on == datetime.date(2027, 3, 3)
    assert recorded.meeting.body.kind == "steering_group"
    assert recorded.text == "Accept: First (In-depth collaboration)"
    assert recorded.source == first.decisions.get()
    minutes = client.get(reverse("governance:meeting", kwargs={"pk": recorded.meeting.pk}))
    assert "Accept: First (In-depth collaboration)" in minutes.content.decode()


def test_a_refused_decision_in_a_meeting_shows_the_same_request_with_the_error(steering, client_for):
    first = _queued("First", "2.80", 5)
    _queued("Second", "1.20", 50)
    meeting = Meeting.objects.create(held_on=timezone.localdate())

    response = client_for(steering).post(
        reverse("facilitation:meeting_decide", kwargs={"pk": meeting.pk, "request_pk": first.pk}),
        {"outcome": "decline", "position": "0"},
    )

    assert response.status_code == 200
    assert response.context["item"] == first
    assert "rationale" in response.context["decision_form"].errors


def test_an_accepted_request_is_started_and_closed_with_its_outcome(steering, client_for):
    item = in_status(Status.ACCEPTED)
    client = client_for(steering)
    url = reverse("facilitation:manage", kwargs={"pk": item.pk})

    client.post(url, {"action": "start"})
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS

    refused = client.post(url, {"action": "close", "outcome": ""})
    assert refused.status_code == 200
    client.post(url, {"action": "close", "outcome": "Two PDSA cycles; referrals up 40%."})
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    assert item.outcome == "Two PDSA cycles; referrals up 40%."


def test_a_deferred_request_comes_back_to_the_queue(admin_user, client_for):
    item = in_status(Status.DEFERRED)

    client_for(admin_user).post(reverse("facilitation:manage", kwargs={"pk": item.pk}), {"action": "requeue"})

    item.refresh_from_db()
    assert item.status == Status.QUEUED


def test_the_portfolio_counts_work_and_exports(board, client_for, django_assert_max_num_queries):
    for status in (Status.QUEUED, Status.ACCEPTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.CLOSED):
        in_status(status)
    in_status(Status.DRAFT)
    client = client_for(board)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("facilitation:portfolio"))
    csv = client.get(reverse("facilitation:portfolio") + "?export=csv")
    xlsx = client.get(reverse("facilitation:portfolio") + "?export=xlsx")

    assert dict(response.context["summary"]["status"])["Accepted"].requests == 2
    assert len(response.context["rows"]) == 5 and response.context["paged"].count == 5
    lines = b"".join(csv.streaming_content).decode().strip().splitlines()
    assert len(lines) == 6
    assert lines[0].lstrip("\ufeff").startswith("Reference,Title,Status")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_staff_cannot_see_the_queue_or_portfolio(member, client_for):
    client = client_for(member)

    assert client.get(reverse("facilitation:queue")).status_code == 403
    assert client.get(reverse("facilitation:portfolio")).status_code == 403


def test_the_decision_forms_carry_the_csrf_token(steering, client_for):
    item = _queued("First", "2.80", 5)
    meeting = Meeting.objects.create(held_on=timezone.localdate())
    client = client_for(steering)

    for url in (
        reverse("facilitation:meeting", kwargs={"pk": meeting.pk}),
        reverse("facilitation:detail", kwargs={"pk": item.pk}),
    ):
        html = client.get(url).content.decode()
        decision_form = next(chunk for chunk in html.split("<form")[1:] if "Record the decision" in chunk)
        assert 'name="csrfmiddlewaretoken"' in decision_form


def test_the_queue_shows_twenty_requests_a_page_numbered_across_pages(
    admin_user, client_for, django_assert_max_num_queries
):
    for n in range(23):
        _queued(f"Request {n:02d}", f"{3 - n / 10:.2f}", n)
    client = client_for(admin_user)  # who sees every score, and so the queue in score order

    with django_assert_max_num_queries(16):
        first = client.get(reverse("facilitation:queue"))
    second = client.get(reverse("facilitation:queue") + "?page=2")

    assert [r.title for r in first.context["rows"]] == [f"Request {n:02d}" for n in range(20)]
    assert [r.title for r in second.context["rows"]] == ["Request 20", "Request 21", "Request 22"]
    page = second.content.decode()
    assert "23 requests waiting" in page and "Showing 21 to 23 of 23 queued requests" in page
    assert ">21. <a" in page


def test_the_queue_lists_the_deferred_due_soonest_and_counts_the_rest(
    steering, client_for, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(22):
        in_status(Status.DEFERRED, title=f"Deferred {n:02d}", review_date=today + datetime.timedelta(days=n))

    client = client_for(steering)

    with django_assert_max_num_queries(8):  # the titles and dates alone: nothing read per deferred request
        page = client.get(reverse("facilitation:queue")).content.decode()

    assert "Deferred 19" in page and "Deferred 20" not in page
    assert "The 20 due for review soonest of 22 deferred requests." in page


def test_the_facilitation_tab_links_every_facilitation_page_the_role_may_open(
    member, steering, admin_user, client_for
):
    def links(user):  # type: ignore[no-untyped-def]
        page = client_for(user).get(reverse("facilitation:mine")).content.decode()
        return [
            route
            for route in ("triage", "queue", "framework", "portfolio")
            if f'href="/facilitation/{route}/"' in page
        ]

    assert links(member) == []
    assert links(steering) == ["queue", "framework", "portfolio"]
    assert links(admin_user) == ["triage", "queue", "framework", "portfolio"]
