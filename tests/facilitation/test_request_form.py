"""Asking for facilitation: drafts, submitting, the requester's list and what they see."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from facilitation.models import FacilitationRequest
from facilitation.status import Status
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory
from tests.facilitation.factories import RequestFactory, in_status


def _answers(**overrides):  # type: ignore[no-untyped-def]
    organisation = OrganisationFactory(name="Gloucestershire Hospitals NHS Foundation Trust")
    data = {
        "title": "Virtual ward step-up pathway",
        "team": "Frailty virtual ward",
        "organisations": [str(organisation.pk)],
        "place": str(PlaceFactory(name="Gloucester").pk),
        "challenge": "Too few step-up referrals from primary care to the frailty virtual ward.",
        "aim": "Double step-up referrals by June.",
        "system_priority": str(SystemPriorityFactory(name="Frailty", slug="frailty").pk),
        "direction": "tight",
        "support_wanted": ["workshop", "measurement"],
        "timescale": "quarter",
        "success_factors": ["sponsor", "data"],
    }
    data.update(overrides)
    return data


def test_a_member_saves_a_draft_with_only_a_title(member, client_for):
    response = client_for(member).post(
        reverse("facilitation:new"), {"title": "Falls on ward 7", "intent": "draft"}
    )

    item = FacilitationRequest.objects.get()
    assert response.status_code == 302
    assert item.status == Status.DRAFT
    assert item.requester == member
    assert item.submitted_at is None


def test_a_draft_without_a_title_is_refused_with_a_message(member, client_for):
    response = client_for(member).post(reverse("facilitation:new"), {"title": "", "intent": "draft"})

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert FacilitationRequest.objects.count() == 0


def test_submitting_an_incomplete_request_keeps_the_draft_and_names_what_is_missing(member, client_for):
    response = client_for(member).post(
        reverse("facilitation:new"),
        {"title": "Falls on ward 7", "challenge": "Falls are up.", "intent": "submit"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"team", "organisations", "aim", "direction", "support_wanted", "timescale"} <= set(errors)
    assert "challenge" not in errors
    item = FacilitationRequest.objects.get()
    assert item.status == Status.DRAFT
    assert item.challenge == "Falls are up."


def test_a_member_submits_a_complete_request(member, client_for):
    response = client_for(member).post(reverse("facilitation:new"), {**_answers(), "intent": "submit"})

    item = FacilitationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("facilitation:detail", kwargs={"pk": item.pk})
    assert item.status == Status.SUBMITTED
    assert item.submitted_at is not None
    assert item.support_wanted == ["workshop", "measurement"]
    assert item.organisations.count() == 1
    transition = item.transitions.get()
    assert (transition.from_status, transition.to_status, transition.actor) == ("draft", "submitted", member)
    assert mail.outbox == []  # the requester's own action sends no email


def test_the_requester_sees_status_and_history(member, client_for, django_assert_max_num_queries):
    client = client_for(member)
    client.post(reverse("facilitation:new"), {**_answers(), "intent": "submit"})
    item = FacilitationRequest.objects.get()

    with django_assert_max_num_queries(25):
        page = client.get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
    mine = client.get(reverse("facilitation:mine"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Submitted" in html
    assert "Double step-up referrals by June." in html
    assert "Virtual ward step-up pathway" in mine.content.decode()


def test_my_requests_shows_only_my_own(member, outsider, client_for, django_assert_max_num_queries):
    for _ in range(5):
        RequestFactory(requester=member)
    other = RequestFactory(requester=outsider, title="Someone else's request")
    client = client_for(member)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("facilitation:mine"))

    assert len(response.context["rows"]) == 5
    assert other.title not in response.content.decode()


def test_a_returned_request_can_be_changed_and_submitted_again(member, client_for):
    item = in_status(Status.RETURNED, requester=member)
    client = client_for(member)

    response = client.post(
        reverse("facilitation:edit", kwargs={"pk": item.pk}),
        {**_answers(aim="A clearer aim, with a measure."), "intent": "submit"},
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.status == Status.SUBMITTED
    assert item.aim == "A clearer aim, with a measure."


def test_a_submitted_request_cannot_be_changed_by_its_requester(member, client_for):
    item = in_status(Status.QUEUED, requester=member)

    response = client_for(member).post(
        reverse("facilitation:edit", kwargs={"pk": item.pk}), {**_answers(), "intent": "draft"}
    )

    assert response.status_code == 404


def test_other_staff_cannot_see_a_request(member, outsider, client_for):
    item = in_status(Status.QUEUED, requester=member)

    assert client_for(outsider).get(reverse("facilitation:detail", kwargs={"pk": item.pk})).status_code == 404


def test_the_steering_group_cannot_see_drafts(member, steering, client_for):
    item = RequestFactory(requester=member)

    assert client_for(steering).get(reverse("facilitation:detail", kwargs={"pk": item.pk})).status_code == 404


def test_similar_open_requests_are_shown(member, client_for):
    RequestFactory(
        status=Status.QUEUED,
        title="Frailty virtual ward step-up referrals",
        challenge="Step-up referrals from primary care to the virtual ward are low.",
    )
    RequestFactory(status=Status.QUEUED, title="Theatre start times", challenge="Late starts in theatres.")
    client = client_for(member)
    client.post(reverse("facilitation:new"), {**_answers(), "intent": "submit"})
    item = FacilitationRequest.objects.get(requester=member)

    response = client.get(reverse("facilitation:detail", kwargs={"pk": item.pk}))

    titles = [other.title for other, _ in response.context["similar_requests"]]
    assert titles == ["Frailty virtual ward step-up referrals"]


def test_status_emails_link_to_the_portals_configured_address(
    member, steering, framework, mailoutbox, django_capture_on_commit_callbacks
):
    from facilitation import services

    item = in_status(Status.QUEUED, requester=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(actor=steering, request=item, outcome="accept", support_level="coaching")
    assert any(f"https://portal.example.org/facilitation/{item.pk}/" in m.body for m in mailoutbox)
