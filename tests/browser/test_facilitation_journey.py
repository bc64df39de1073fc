"""A request's whole journey in the browser: staff submit it, an admin triages it, two steering group
members score it, the meeting accepts it, a champion is assigned, and the requester sees it accepted."""

from __future__ import annotations

from decimal import Decimal

from core.roles import Role
from facilitation.models import FacilitationRequest
from facilitation.services import framework_ensure_default
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory, UserFactory, verified

PASSWORD = "a-good-password-123"


def _person(email: str, *roles: Role):  # type: ignore[no-untyped-def]
    return verified(UserFactory(email=email, first_name=email.split("@")[0].title(), roles=roles))


def _sign_out_and_in(ui, email: str) -> None:  # type: ignore[no-untyped-def]
    ui.page.context.clear_cookies()
    ui.sign_in(email, PASSWORD)


def test_a_request_goes_from_staff_to_an_accepted_decision(ui):
    organisation = OrganisationFactory(
        name="Gloucestershire Hospitals NHS Foundation Trust", short_name="GHFT"
    )
    requester = _person("sam@ghft.example.org")
    _person("alex@icb.example.org", Role.COMMUNITY_ADMIN)
    _person("priya@ghc.example.org", Role.STEERING_GROUP)
    _person("rachel@icb.example.org", Role.STEERING_GROUP)
    criteria = list(framework_ensure_default().criteria.all())
    coach = ChampionFactory(
        person=_person("casey@ghc.example.org"), hours_per_month=Decimal("8"), methods=["system_coaching"]
    )

    # Staff ask for facilitation.
    ui.sign_in(requester.email, PASSWORD)
    ui.goto("/facilitation/")
    ui.click("text=Ask for facilitation")
    ui.fill(
        {
            "#id_title": "Falls with harm on the acute frailty unit",
            "#id_team": "Acute frailty unit",
            "#id_challenge": "Falls with harm rose by a third over the winter.",
            "#id_aim": "Halve falls with harm by March.",
        }
    )
    ui.page.check(f"input[name=organisations][value='{organisation.pk}']")
    ui.page.check("input[name=direction][value=loose]")
    ui.page.check("input[name=support_wanted][value=coaching]")
    ui.page.check("input[name=timescale][value=quarter]")
    ui.page.check("input[name=success_factors][value=sponsor]")
    ui.submit("Submit request")
    assert "Submitted" in ui.text("h1 + p")
    item = FacilitationRequest.objects.get(title="Falls with harm on the acute frailty unit")

    # An admin triages it into the queue.
    _sign_out_and_in(ui, "alex@icb.example.org")
    ui.goto("/facilitation/triage/")
    ui.click("text=Falls with harm on the acute frailty unit")
    ui.submit("Ready for the queue")
    item.refresh_from_db()
    assert item.status == "queued"

    # Two steering group members score it.
    for email, value in (("priya@ghc.example.org", "3"), ("rachel@icb.example.org", "2")):
        _sign_out_and_in(ui, email)
        ui.goto(f"/facilitation/{item.pk}/score/")
        for criterion in criteria:
            ui.page.check(f"input[name=criterion_{criterion.pk}][value='{value}']")
        ui.submit("Save your scores")
        assert "Prioritisation scores" in ui.text()
    item.refresh_from_db()
    assert str(item.priority_score) == "2.50"

    # The meeting walks the queue and accepts it.
    ui.goto("/facilitation/queue/")
    assert "Falls with harm on the acute frailty unit" in ui.text()
    ui.submit("Start a meeting")
    assert "Falls with harm on the acute frailty unit" in ui.text("main h2")
    ui.page.check("input[name=outcome][value=accept]")
    ui.page.check("input[name=support_level][value=coaching]")
    ui.fill({"#id_rationale": "Strong case with a named sponsor."})
    ui.submit("Record the decision")
    assert "The queue is empty" in ui.text()

    # A champion is assigned, within their agreed capacity.
    ui.goto(f"/facilitation/{item.pk}/assign/")
    assert "Casey" in ui.text("table")
    ui.fill({"#id_hours_per_month": "3"})
    ui.submit("Assign")
    assert "has been emailed" in ui.text()
    item.refresh_from_db()
    assert item.status == "in_progress"
    assert item.assignments.get().champion == coach

    # The requester sees it accepted.
    _sign_out_and_in(ui, requester.email)
    ui.goto("/facilitation/")
    assert "In progress" in ui.text("table")
    ui.click("text=Falls with harm on the acute frailty unit")
    assert "Decision: accept (coaching)" in ui.text()
    assert "Strong case with a named sponsor." in ui.text()
    assert "Casey" in ui.text("#facilitators + table")
