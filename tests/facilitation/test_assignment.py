"""Assigning champions to accepted requests: suggestions with reasons, the capacity rule and its
override, the champion's email, facilitators and hours on the request, and closing freeing the time."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from champions.capacity import Month, Period
from champions.models import ChampionCommitment
from champions.services import free_capacity
from facilitation.models import Assignment
from facilitation.status import Status
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import PlaceFactory, SystemPriorityFactory, UserFactory
from tests.facilitation.factories import in_status

TODAY = timezone.localdate()
START = TODAY.replace(day=1)
END = (START + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(days=1)  # three months


def _champion(name: str, hours: str = "10", **kwargs):  # type: ignore[no-untyped-def]
    return ChampionFactory(
        person=UserFactory(first_name=name, last_name="Champion"), hours_per_month=Decimal(hours), **kwargs
    )


def _post(client, item, champion, hours, override=""):  # type: ignore[no-untyped-def]
    data = {
        "champion": str(champion.pk),
        "hours_per_month": hours,
        "start_day": START.day,
        "start_month": START.month,
        "start_year": START.year,
        "end_day": END.day,
        "end_month": END.month,
        "end_year": END.year,
    }
    if override:
        data["override_reason"] = override
    return client.post(reverse("facilitation:assign", kwargs={"pk": item.pk}), data)


def test_suggestions_are_ranked_by_match_and_free_time_with_reasons(steering, client_for):
    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    place = PlaceFactory(name="Cheltenham")
    item = in_status(
        Status.ACCEPTED,
        support_wanted=["workshop"],
        system_priority=frailty,
        place=place,
        support_level="facilitation",
    )
    best = _champion("Best", methods=["facilitation"], topics=[frailty], places=[place])
    busy = _champion("Busy", methods=["facilitation"], topics=[frailty], places=[place])
    CommitmentFactory(
        champion=busy, hours_per_month=Decimal("10"), start=START, end=START + datetime.timedelta(days=400)
    )
    _champion("Unrelated", methods=["lean"], places=[PlaceFactory(name="Elsewhere")])

    response = client_for(steering).get(reverse("facilitation:assign", kwargs={"pk": item.pk}))

    ranked = response.context["ranked"]
    assert [r.candidate.name for r in ranked] == ["Best Champion", "Busy Champion"]
    assert ranked[0].has_time and not ranked[1].has_time
    assert any("Facilitation" in reason for reason in ranked[0].reasons)
    assert "No free capacity in the period" in ranked[1].reasons
    assert response.context["form"]["champion"].value() == best.pk


def test_assigning_commits_the_hours_starts_the_work_and_emails_the_champion(
    steering, client_for, django_capture_on_commit_callbacks
):
    item = in_status(Status.ACCEPTED, support_level="coaching")
    champion = _champion("Chris", hours="10")

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(steering), item, champion, "6")

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    assignment = Assignment.objects.get()
    assert assignment.commitment.source == "facilitation"
    assert assignment.commitment.source_ref == str(assignment.pk)
    assert free_capacity(champion, Period(START, END)) == Decimal("4")
    champion_mail = [m for m in mail.outbox if m.to == [champion.person.email]]
    assert len(champion_mail) == 1
    assert "6.0 hours a month" in champion_mail[0].body or "6 hours a month" in champion_mail[0].body
    page = client_for(item.requester).get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
    assert "Chris Champion" in page.content.decode()


def test_it_refuses_to_overcommit_a_champion(steering, client_for):
    item = in_status(Status.ACCEPTED)
    champion = _champion("Full", hours="8")
    CommitmentFactory(champion=champion, hours_per_month=Decimal("5"), start=START, end=END)

    response = _post(client_for(steering), item, champion, "4")

    assert response.status_code == 200
    assert "over-commit" in " ".join(response.context["form"].errors["hours_per_month"])
    assert not Assignment.objects.exists()
    assert ChampionCommitment.objects.count() == 1
    assert "override_reason" not in response.context["form"].fields  # only admins may override


def test_an_admin_overrides_the_capacity_with_a_reason(admin_user, client_for):
    item = in_status(Status.ACCEPTED)
    champion = _champion("Stretched", hours="8")
    CommitmentFactory(champion=champion, hours_per_month=Decimal("5"), start=START, end=END)
    client = client_for(admin_user)

    refused = _post(client, item, champion, "4")
    assert refused.status_code == 200
    accepted = _post(
        client, item, champion, "4", override="Launch month only; the ward backfills her shifts."
    )

    assert accepted.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.override_reason.startswith("Launch month only")
    assert assignment.commitment.overridden_by == admin_user


def test_closing_a_request_frees_the_capacity(steering, client_for):
    item = in_status(Status.ACCEPTED)
    champion = _champion("Dana", hours="10")
    client = client_for(steering)
    _post(client, item, champion, "6")
    next_month = (START + datetime.timedelta(days=32)).replace(day=1)
    later = Period(next_month, END)
    assert free_capacity(champion, later) == Decimal("4")

    client.post(
        reverse("facilitation:manage", kwargs={"pk": item.pk}),
        {"action": "close", "outcome": "Pathway redesigned and launched."},
    )

    item.refresh_from_db()
    assignment = Assignment.objects.get()
    assert item.status == Status.CLOSED
    assert assignment.released_at is not None
    assert assignment.commitment.released_at is not None
    assert free_capacity(champion, later) == Decimal("10")


def test_requests_in_progress_show_hours_in_the_portfolio(board, steering, client_for):
    item = in_status(Status.ACCEPTED)
    _post(client_for(steering), item, _champion("Eve"), "3.5")

    response = client_for(board).get(reverse("facilitation:portfolio"))

    assert response.context["total_hours"] == Decimal("3.5")
    assert dict(response.context["summary"]["status"])["In progress"].hours_per_month == Decimal("3.5")


@pytest.mark.parametrize("persona", ["member", "board"])
def test_only_the_steering_group_and_admins_assign(persona, make_persona, client_for):
    item = in_status(Status.ACCEPTED)

    response = _post(client_for(make_persona(persona)), item, _champion("Fay"), "2")

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_a_queued_request_cannot_have_facilitators_yet(steering, client_for):
    item = in_status(Status.QUEUED)

    assert _post(client_for(steering), item, _champion("Gus"), "2").status_code == 404


def test_the_queue_shows_the_free_capacity_of_matching_champions(
    steering, client_for, django_assert_max_num_queries
):
    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    for n in range(4):
        in_status(
            Status.QUEUED, title=f"Frailty request {n}", system_priority=frailty, support_wanted=["coaching"]
        )
    for name in ("Hana", "Ivo", "Jon"):
        _champion(name, hours="6", topics=[frailty], methods=["system_coaching"])
    client = client_for(steering)

    with django_assert_max_num_queries(24):
        response = client.get(reverse("facilitation:queue"))

    capacity = response.context["capacity"]
    assert len(capacity) == 4
    first = next(iter(capacity.values()))
    assert {c.name for c in first} == {"Hana Champion", "Ivo Champion", "Jon Champion"}
    assert all(c.free_hours == Decimal("6") for c in first)
    assert "Hana Champion: 6.0 h/month free" in response.content.decode()


def test_the_assign_and_meeting_pages_read_the_register_in_bounded_queries(
    steering, client_for, django_assert_max_num_queries
):
    from facilitation.models import Meeting

    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    accepted = in_status(Status.ACCEPTED, system_priority=frailty, support_wanted=["coaching"])
    in_status(Status.QUEUED, system_priority=frailty, support_wanted=["coaching"])
    for n in range(8):
        champion = _champion(
            f"Coach{n}", topics=[frailty], methods=["system_coaching"], places=[PlaceFactory()]
        )
        CommitmentFactory(champion=champion, hours_per_month=Decimal("1"))
    meeting = Meeting.objects.create(held_on=TODAY)
    client = client_for(steering)

    with django_assert_max_num_queries(22):
        assign = client.get(reverse("facilitation:assign", kwargs={"pk": accepted.pk}))
    with django_assert_max_num_queries(22):
        walk = client.get(reverse("facilitation:meeting", kwargs={"pk": meeting.pk}))

    assert len(assign.context["ranked"]) == 8
    assert len(walk.context["capacity"][walk.context["item"].pk]) == 3


def test_a_champion_whose_agreement_ends_next_month_still_shows_free_time_until_then(steering, client_for):
    import datetime

    from django.utils import timezone

    frailty = SystemPriorityFactory(name="Frailty", slug="frailty")
    in_status(Status.QUEUED, title="Frailty request", system_priority=frailty, support_wanted=["coaching"])
    today = timezone.localdate()
    ends = (today.replace(day=1) + datetime.timedelta(days=40)).replace(day=1) - datetime.timedelta(days=1)
    _champion("Kay", hours="6", topics=[frailty], methods=["system_coaching"], capacity_end=ends)

    response = client_for(steering).get(reverse("facilitation:queue"))

    first = next(iter(response.context["capacity"].values()))
    assert [(c.name, c.free_hours) for c in first] == [("Kay Champion", Decimal("6"))]
    assert f"until {ends:%-d %B %Y}; agreement not yet renewed" in " ".join(first[0].reasons)
    assert f"Kay Champion: 6.0 h/month free until {ends:%-d %B %Y}" in response.content.decode()


@pytest.mark.parametrize(
    ("timescale", "months"), [("urgent", 1), ("quarter", 3), ("year", 12), ("flexible", 6)]
)
def test_suggestions_weigh_free_time_over_the_requests_own_expected_duration(
    timescale, months, steering, client_for
):
    item = in_status(Status.ACCEPTED, timescale=timescale, support_level="facilitation")
    # Free now, but the agreement ends in two months: whole for an urgent request; for longer work shown
    # with the date it ends rather than hidden.
    ends = Month.of(TODAY).next().last_day
    _champion("Short", methods=["facilitation"], capacity_end=ends)

    response = client_for(steering).get(reverse("facilitation:assign", kwargs={"pk": item.pk}))

    period = response.context["period"]
    assert period.start == TODAY
    spanned = (period.end.year - TODAY.year) * 12 + period.end.month - TODAY.month + 1
    assert spanned == months
    assert response.context["form"]["end"].value() == period.end
    [short] = [r for r in response.context["ranked"] if r.candidate.name == "Short Champion"]
    assert short.has_time
    assert any("agreement not yet renewed" in reason for reason in short.reasons) == (months > 2)


def test_any_listed_champion_can_be_assigned_by_email(steering, client_for):
    item = in_status(Status.ACCEPTED, support_level="coaching")
    champion = _champion("Dana", hours="10")
    data = {
        "other_email": champion.person.email.upper(),
        "hours_per_month": "2",
        "start_day": START.day, "start_month": START.month, "start_year": START.year,
        "end_day": END.day, "end_month": END.month, "end_year": END.year,
    }  # fmt: skip
    client = client_for(steering)
    url = reverse("facilitation:assign", kwargs={"pk": item.pk})

    unknown = client.post(url, {**data, "other_email": "nobody@example.org"})
    neither = client.post(url, {**data, "other_email": ""})
    assert unknown.status_code == 200
    assert unknown.context["form"].errors["other_email"] == ["No listed champion has that email"]
    assert (
        "Choose a champion, or give another listed champion's email"
        in neither.context["form"].errors["champion"]
    )
    assert not Assignment.objects.exists()

    assert client.post(url, data).status_code == 302
    assert Assignment.objects.get().champion == champion


def test_the_champion_menu_lists_suggestions_first_then_other_listed_champions_by_name(steering, client_for):
    item = in_status(Status.ACCEPTED, support_wanted=["workshop"], support_level="facilitation")
    match = _champion("Mo", methods=["facilitation"])
    zed, amy = _champion("Zed", methods=["lean"]), _champion("Amy", methods=["lean"])
    _champion("Paused", methods=["lean"], status="paused")  # not listed: not offered

    response = client_for(steering).get(reverse("facilitation:assign", kwargs={"pk": item.pk}))

    menu = response.context["form"].fields["champion"].choices
    choices = [(value, label) for value, label in menu if value]
    assert [value for value, _ in choices] == [str(match.pk), str(amy.pk), str(zed.pk)]
    assert choices[1][1] == "Amy Champion (not a match)"
