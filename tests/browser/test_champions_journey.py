"""Admin approves a proposed champion; staff then find them in the directory by method and place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from community.models import Champion, Place
from core.roles import Role
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory, UserFactory, verified

PASSWORD = "a-good-password-123"


def follow(ui, link_text: str) -> None:  # type: ignore[no-untyped-def]
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=link_text, exact=True).first.click()
    ui.audit()


def test_admin_approves_a_nomination_and_staff_find_the_champion(ui):
    org = OrganisationFactory(name="Riverside Hospitals NHS Trust", short_name="RHT", headcount=4000)
    system = Place.objects.create(name="Shire", kind=Place.Kind.SYSTEM)
    place = Place.objects.create(name="Forest of Dean", kind=Place.Kind.PLACE, parent=system)
    Place.objects.create(name="Cheltenham", kind=Place.Kind.PLACE, parent=system)
    admin = verified(
        UserFactory(email="admin@riverside.example", organisation=org, roles=[Role.COMMUNITY_ADMIN])
    )
    staff = verified(UserFactory(email="staff@riverside.example", organisation=org))
    nominee = UserFactory(first_name="Nadia", last_name="Okafor", organisation=org)
    champion = ChampionFactory(
        person=nominee,
        status=Champion.Status.PROPOSED,
        methods=["process_mapping"],
        places=[place],
        hours_per_month=Decimal("8"),
        capacity_start=dt.date.today().replace(day=1),
    )
    ChampionFactory(
        person=UserFactory(first_name="Other", organisation=org), methods=["lean"], places=[place]
    )

    # The admin reviews the nomination from the register and approves it.
    ui.sign_in(admin.email, PASSWORD)
    ui.goto("/champions/register/?status=proposed")
    follow(ui, "Nadia Okafor")
    assert "Proposed" in ui.text()
    ui.submit("Approve")
    assert "Nadia Okafor is now active" in ui.text()
    ui.goto("/accounts/logout/")
    ui.submit("Sign out")

    # A member of staff looks for process mapping help in the Forest of Dean with free time.
    ui.sign_in(staff.email, PASSWORD)
    ui.goto("/champions/")
    ui.page.select_option("#id_method", "process_mapping")
    ui.page.select_option("#id_place", str(place.pk))
    ui.page.get_by_label("Only champions with free time this month").check()
    ui.submit("Apply filters")
    results = ui.text()
    assert "Nadia Okafor" in results
    assert "Other" not in results
    follow(ui, "Nadia Okafor")
    assert f"mailto:{nominee.email}" in ui.page.content()
    assert "8 hours" in ui.text()
    champion.refresh_from_db()
    assert champion.status == Champion.Status.ACTIVE
