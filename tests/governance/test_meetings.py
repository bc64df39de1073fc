"""Governance bodies and meetings: recorded by admins and the body's members, read by board and steering."""

from __future__ import annotations

import pytest
from django.urls import reverse
from markupsafe import escape

from governance import services
from governance.models import AgendaItem, BodyMember, Decision, GovernanceBody, Meeting, MeetingAction
from tests.governance.factories import DeliveryActionFactory, GovernanceBodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steering_group(steering):
    body = GovernanceBodyFactory(kind=GovernanceBody.Kind.STEERING_GROUP)
    BodyMember.objects.create(body=body, user=steering, position="chair")
    return body


def test_a_member_of_the_body_adds_a_meeting(steering, steering_group, client_for):
    response = client_for(steering).post(
        reverse("governance:meeting_new"),
        {
            "body": steering_group.pk,
            "title": "Prioritisation",
            "held_on_day": 3,
            "held_on_month": 12,
            "held_on_year": 2026,
            "location": "Teams",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert (meeting.body, meeting.created_by) == (steering_group, steering)


def test_a_member_records_the_agenda_decisions_actions_and_minutes(steering, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group)
    url = reverse("governance:meeting", kwargs={"pk": meeting.pk})
    client = client_for(steering)

    client.post(url, {"form": "agenda", "agenda-title": "Requests awaiting decision"})
    item = AgendaItem.objects.get()
    client.post(
        url,
        {"form": "decision", "decision-text": "Accept the frailty request", "decision-agenda_item": item.pk},
    )
    client.post(
        url,
        {
            "form": "action",
            "action-description": "Assign two coaches",
            "action-owner": steering.pk,
            "action-due_on_day": 10,
            "action-due_on_month": 1,
            "action-due_on_year": 2027,
        },
    )
    client.post(url, {"form": "minutes", "minutes-status": "held", "minutes-minutes": "Quorate."})

    meeting.refresh_from_db()
    assert Decision.objects.get().agenda_item == item
    assert MeetingAction.objects.get().owner == steering
    assert (meeting.status, meeting.minutes) == ("held", "Quorate.")
    html = client.get(url).content.decode()
    assert "Accept the frailty request" in html and "Assign two coaches" in html


def test_an_empty_decision_re_renders_with_an_error(steering, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group)
    response = client_for(steering).post(
        reverse("governance:meeting", kwargs={"pk": meeting.pk}), {"form": "decision", "decision-text": ""}
    )
    assert response.status_code == 200
    assert "Error:" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_decision_from_another_app_appears_in_the_meeting_record(admin_user, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group)
    source = DeliveryActionFactory(title="Frailty collaborative")

    decision = services.decision_record(
        actor=admin_user, meeting=meeting, text="Accepted: in-depth support", source=source
    )

    assert decision.source == source
    html = (
        client_for(admin_user).get(reverse("governance:meeting", kwargs={"pk": meeting.pk})).content.decode()
    )
    assert "Accepted: in-depth support" in html and "Frailty collaborative" in html


def test_the_board_reads_steering_meetings_but_cannot_record_them(board, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group)
    url = reverse("governance:meeting", kwargs={"pk": meeting.pk})
    page = client_for(board).get(url)
    assert page.status_code == 200
    assert "Record this meeting" not in page.content.decode()
    assert client_for(board).post(url, {"form": "agenda", "agenda-title": "x"}).status_code == 403
    assert not AgendaItem.objects.exists()


def test_a_steering_member_not_seated_on_the_body_cannot_add_its_meetings(steering, client_for):
    GovernanceBodyFactory(kind=GovernanceBody.Kind.STEERING_GROUP)
    response = client_for(steering).get(reverse("governance:meeting_new"))
    assert response.status_code == 200
    assert "Only community admins and the members" in response.content.decode()


def test_staff_cannot_see_meetings(member, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group)
    assert client_for(member).get(reverse("governance:meetings")).status_code == 403
    assert client_for(member).get(reverse("governance:meeting", kwargs={"pk": meeting.pk})).status_code == 403


def test_only_holders_of_the_role_can_be_seated(admin_user, member, board):
    body = GovernanceBodyFactory(kind=GovernanceBody.Kind.IMPROVEMENT_BOARD)
    with pytest.raises(Exception, match="improvement board role"):
        services.body_member_add(actor=admin_user, body=body, user=member)
    assert services.body_member_add(actor=admin_user, body=body, user=board).position == "member"


def test_the_meetings_page_lists_bodies_members_and_meetings(
    board, steering, steering_group, client_for, django_assert_max_num_queries
):
    for i in range(15):
        MeetingFactory(body=steering_group, title=f"Meeting {i}")
    client = client_for(board)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("governance:meetings"))
    html = response.content.decode()
    # Names are escaped on the page as its templates escape them (a generated surname may be "O'Neill").
    assert f"{escape(steering.display_name)}, chair" in html and "Meeting 14" in html


def test_meeting_titles_are_links_and_are_escaped(board, steering_group, client_for):
    meeting = MeetingFactory(body=steering_group, title="Budget <b>review</b>")
    html = client_for(board).get(reverse("governance:meetings")).content.decode()
    href = reverse("governance:meeting", kwargs={"pk": meeting.pk})
    assert f'<a href="{href}">Budget &lt;b&gt;review&lt;/b&gt;</a>' in html


def test_a_meeting_page_issues_a_bounded_number_of_queries(
    steering, steering_group, client_for, django_assert_max_num_queries
):
    meeting = MeetingFactory(body=steering_group)
    for i in range(10):
        item = services.agenda_item_add(actor=steering, meeting=meeting, title=f"Item {i}")
        services.decision_record(
            actor=steering,
            meeting=meeting,
            text=f"Decision {i}",
            agenda_item=item,
            source=DeliveryActionFactory(),
        )
        services.meeting_action_add(
            actor=steering, meeting=meeting, description=f"Action {i}", owner=steering
        )
    client = client_for(steering)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("governance:meeting", kwargs={"pk": meeting.pk}))
    assert "Decision 9" in response.content.decode()
