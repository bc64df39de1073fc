"""The delivery plan: read by the board, edited by admins, progress noted by the owner."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.models import AuditEntry
from governance.models import DeliveryAction, ProgressNote
from tests.governance.factories import DeliveryActionFactory

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_the_plan_groups_actions_under_lead_enable_and_energise(
    board, client_for, django_assert_max_num_queries
):
    for i in range(12):
        DeliveryActionFactory(
            strand=DeliveryAction.Strand.values[i % 7], owner=board, rag="amber" if i % 3 else "red"
        )
    client = client_for(board)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("governance:plan"))

    html = response.content.decode()
    assert response.status_code == 200
    for heading in ("LEAD", "ENABLE", "ENERGISE", "Convene", "Celebrate"):
        assert f">{heading}<" in html
    assert response.context["rag"] == {"red": 4, "amber": 8, "green": 0, "complete": 0}


def test_the_plan_exports_to_csv(board, client_for):
    DeliveryActionFactory(title="Organise an improvement conference", strand="celebrate", owner=board)
    response = client_for(board).get(reverse("governance:plan"), {"export": "csv"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Theme,Strand,Action,Owner,Due,RAG")
    assert lines[1].startswith("ENERGISE,Celebrate,Organise an improvement conference,Board")


def test_the_owner_adds_a_dated_progress_note_that_sets_the_rag(board, client_for):
    action = DeliveryActionFactory(owner=board, rag="green")
    day = datetime.date.today() - datetime.timedelta(days=2)

    response = client_for(board).post(
        reverse("governance:plan_action", kwargs={"pk": action.pk}),
        {"text": "Two cohorts cancelled", "rag": "amber", **_date("written_on", day)},
    )

    assert response.status_code == 302
    action.refresh_from_db()
    note = ProgressNote.objects.get()
    assert (action.rag, note.rag, note.written_on, note.author) == ("amber", "amber", day, board)
    assert AuditEntry.objects.filter(action="rag changed").exists()


def test_a_bad_note_re_renders_with_errors_and_saves_nothing(board, client_for):
    action = DeliveryActionFactory(owner=board)
    future = datetime.date.today() + datetime.timedelta(days=3)

    response = client_for(board).post(
        reverse("governance:plan_action", kwargs={"pk": action.pk}),
        {"text": "Later", "rag": "green", **_date("written_on", future)},
    )

    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert "Error:" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_a_board_member_who_does_not_own_the_action_cannot_add_notes(board, admin_user, client_for):
    action = DeliveryActionFactory(owner=admin_user)
    page = client_for(board).get(reverse("governance:plan_action", kwargs={"pk": action.pk}))
    response = client_for(board).post(
        reverse("governance:plan_action", kwargs={"pk": action.pk}), {"text": "x", "rag": "red"}
    )
    assert "Add a progress note" not in page.content.decode()
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


def test_an_admin_adds_and_edits_an_action(admin_user, board, client_for):
    client = client_for(admin_user)
    response = client.post(
        reverse("governance:plan_action_new"),
        {
            "strand": "connect",
            "title": "Build a register of QI champions",
            "description": "",
            "owner": board.pk,
            "rag": "green",
            **_date("due_on", datetime.date(2027, 3, 31)),
        },
    )
    action = DeliveryAction.objects.get()
    assert response.status_code == 302
    assert action.owner == board and action.due_on == datetime.date(2027, 3, 31)

    client.post(
        reverse("governance:plan_action_edit", kwargs={"pk": action.pk}),
        {
            "strand": "connect",
            "title": action.title,
            "owner": board.pk,
            "rag": "amber",
            **_date("due_on", datetime.date(2027, 3, 31)),
        },
    )
    action.refresh_from_db()
    assert action.rag == "amber"
    entry = AuditEntry.objects.filter(action="updated").get()
    assert entry.changes == {"rag": {"from": "green", "to": "amber"}}


def test_an_action_without_a_due_date_is_refused_with_a_message(admin_user, client_for):
    response = client_for(admin_user).post(
        reverse("governance:plan_action_new"), {"strand": "connect", "title": "No date", "rag": "green"}
    )
    assert response.status_code == 200
    assert "Enter" in response.content.decode() or "required" in response.content.decode()
    assert not DeliveryAction.objects.exists()


@pytest.mark.parametrize(
    "persona, status", [("member", 403), ("steering", 403), ("board", 200), ("admin_user", 200)]
)
def test_the_plan_is_for_the_board_and_admins(persona, status, request, client_for):
    assert client_for(request.getfixturevalue(persona)).get(reverse("governance:plan")).status_code == status


def test_only_admins_edit_the_plan(board, client_for):
    assert client_for(board).get(reverse("governance:plan_action_new")).status_code == 403


def test_actions_link_to_their_page_and_overdue_ones_say_so(board, client_for):
    action = DeliveryActionFactory(title="Late <action>", due_on=datetime.date(2020, 1, 1), rag="amber")
    html = client_for(board).get(reverse("governance:plan")).content.decode()
    href = reverse("governance:plan_action", kwargs={"pk": action.pk})
    assert f'<a href="{href}">Late &lt;action&gt;</a>' in html
    assert "<strong>(overdue)</strong>" in html


def test_a_steering_member_updates_an_action_they_own_but_sees_no_other(steering, admin_user, client_for):
    mine = DeliveryActionFactory(owner=steering, title="Run a single prioritisation queue")
    other = DeliveryActionFactory(owner=admin_user)
    client = client_for(steering)

    assert "Run a single prioritisation queue" in client.get(reverse("governance:meetings")).content.decode()
    response = client.post(
        reverse("governance:plan_action", kwargs={"pk": mine.pk}), {"text": "Live", "rag": "complete"}
    )
    assert response.status_code == 302
    assert client.get(reverse("governance:plan_action", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("governance:plan")).status_code == 403


def test_the_plan_counts_and_shows_an_overdue_green_action_as_amber(board, client_for):
    import datetime as _dt

    from django.utils import timezone

    from tests.governance.factories import DeliveryActionFactory

    DeliveryActionFactory(
        title="Run the spring event", rag="green", due_on=timezone.localdate() - _dt.timedelta(days=3)
    )
    response = client_for(board).get("/governance/plan/")
    assert response.context["rag"]["amber"] == 1 and response.context["rag"]["green"] == 0
    assert "Amber (overdue)" in response.content.decode()
