"""Each demo role signs in and sees the navigation its role allows, and nothing more. Only the community
part of the demo (organisations and the demo accounts) is seeded: the navigation depends on roles alone."""

from __future__ import annotations

from io import StringIO

import pytest

from community import demo as community_demo
from community.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from core.access import access_for
from core.navigation import SECTIONS
from core.roles import Role

ROLE_OF = {account.roles[-1]: account for account in DEMO_ACCOUNTS}

# Sections a role must never be offered, whatever else exists.
NEVER = {
    Role.STAFF: {"Admin", "Prioritisation queue", "Dashboards"},
    Role.STEERING_GROUP: {"Admin", "Dashboards"},
    Role.IMPROVEMENT_BOARD: {"Admin", "Prioritisation queue"},
    Role.COMMUNITY_ADMIN: set(),
}


def _expected(role: Role) -> list[str]:
    from django.urls import NoReverseMatch, reverse

    labels = []
    for section in SECTIONS:
        access = access_for(section.route)
        if access is None:
            continue
        try:
            reverse(section.route)
        except NoReverseMatch:
            continue
        if access.kind == "signed_in" or role in access.roles or role == Role.COMMUNITY_ADMIN:
            labels.append(section.label)
    return labels


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_and_sees_its_navigation(ui, role):
    community_demo.seed(StringIO())
    account = ROLE_OF[role]

    ui.sign_in(account.email, DEMO_PASSWORD)

    assert ui.page.url.endswith("/home/")
    nav = [t.strip() for t in ui.page.locator(".nhsuk-header__navigation-list a").all_inner_texts()]
    assert nav == _expected(role)
    assert not NEVER[role] & set(nav)
    if role == Role.COMMUNITY_ADMIN:
        assert "Admin" in nav
    assert account.first_name in ui.text("h1")


def test_a_staff_member_is_refused_the_admin_site(ui):
    community_demo.seed(StringIO())
    ui.sign_in(ROLE_OF[Role.STAFF].email, DEMO_PASSWORD)

    response = ui.goto("/admin/")

    assert response.status == 403
    assert "You do not have access to this page" in ui.text("h1")


def test_a_newcomer_signs_up_confirms_their_address_and_signs_in(ui, mailoutbox):
    community_demo.seed(StringIO())

    ui.goto("/accounts/signup/")
    ui.fill(
        {
            "#id_first_name": "Jo",
            "#id_last_name": "Bloggs",
            "#id_email": "jo.bloggs@ghc.example.org",
            "#id_password1": "a-long-password-42",
            "#id_password2": "a-long-password-42",
        }
    )
    ui.submit("Create account")
    assert "Check your email" in ui.text("h1")

    link = next(line for line in mailoutbox[-1].body.splitlines() if "/accounts/confirm-email/" in line)
    ui.goto(link[link.index("/accounts/") :].strip())
    ui.submit("Confirm")

    assert ui.page.url.endswith("/home/")
    assert "Hello, Jo" in ui.text("h1")
