"""Nominate → an admin approves → staff find the champion in the directory by method and place."""

from __future__ import annotations

import datetime as dt

from champions.models import Champion
from community.models import Place
from core.roles import Role
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory, UserFactory, verified

PASSWORD = "a-good-password-123"


def follow(ui, link_text: str) -> None:  # type: ignore[no-untyped-def]
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=link_text, exact=True).first.click()
    ui.audit()


def sign_out(ui) -> None:  # type: ignore[no-untyped-def]
    ui.goto("/accounts/logout/")
    ui.submit("Sign out")


def test_a_nominee_is_approved_and_staff_find_them_by_method_and_place(ui):
    org = OrganisationFactory(name="Riverside Hospitals NHS Trust", short_name="RHT", headcount=4000)
    system = Place.objects.create(name="Shire", kind=Place.Kind.SYSTEM)
    forest = Place.objects.create(name="Forest of Dean", kind=Place.Kind.PLACE, parent=system)
    Place.objects.create(name="Cheltenham", kind=Place.Kind.PLACE, parent=system)
    admin = verified(
        UserFactory(email="admin@riverside.example", organisation=org, roles=[Role.COMMUNITY_ADMIN])
    )
    staff = verified(UserFactory(email="staff@riverside.example", organisation=org))
    nominee = verified(
        UserFactory(email="nadia@riverside.example", first_name="Nadia", last_name="Okafor", organisation=org)
    )
    ChampionFactory(
        person=UserFactory(first_name="Other", organisation=org), methods=["lean"], places=[forest]
    )
    today = dt.date.today()

    # Nadia nominates herself as a coach for process mapping in the Forest of Dean.
    ui.sign_in(nominee.email, PASSWORD)
    ui.goto("/champions/nominate/")
    page = ui.page
    page.get_by_label("Myself").check()
    page.get_by_label("I agree to be listed in the champions directory").check()
    page.get_by_label("Coach", exact=True).check()
    page.get_by_label("Process mapping").check()
    page.get_by_label("Forest of Dean (place / locality)").check()
    ui.fill(
        {
            "#id_offer": "Process mapping workshops for community teams",
            "#id_hours_per_month": "8",
            "#id_capacity_start_day": "1",
            "#id_capacity_start_month": str(today.month),
            "#id_capacity_start_year": str(today.year),
            "#id_capacity_agreed_by": "Jo Smith, head of nursing",
        }
    )
    ui.submit("Send nomination")
    assert "A community admin will review your nomination" in ui.text()
    assert Champion.objects.get(person=nominee).status == Champion.Status.PROPOSED
    sign_out(ui)

    # Staff cannot find her yet.
    ui.sign_in(staff.email, PASSWORD)
    ui.goto("/champions/?method=process_mapping")
    assert "Nadia Okafor" not in ui.text()
    sign_out(ui)

    # The admin reviews the nomination from the register and approves it.
    ui.sign_in(admin.email, PASSWORD)
    ui.goto("/champions/register/?status=proposed")
    follow(ui, "Nadia Okafor")
    assert "Proposed" in ui.text()
    ui.submit("Approve")
    assert "Nadia Okafor is now active" in ui.text()
    sign_out(ui)

    # A member of staff looks for process mapping help in the Forest of Dean with free time.
    ui.sign_in(staff.email, PASSWORD)
    ui.goto("/champions/")
    page.select_option("#id_method", "process_mapping")
    page.select_option("#id_place", str(forest.pk))
    page.get_by_label("Only champions with free time this month").check()
    ui.submit("Apply filters")
    results = ui.text()
    assert "Nadia Okafor" in results
    assert "Other" not in results
    follow(ui, "Nadia Okafor")
    assert "Process mapping workshops for community teams" in ui.text()
    assert f"mailto:{nominee.email}" in page.content()
    assert "8 hours" in ui.text()
