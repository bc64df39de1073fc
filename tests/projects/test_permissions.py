"""The object rules behind every page and endpoint of the register, per persona."""

from __future__ import annotations

import pytest

from core.permissions import can
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "view_draft", "edit"),
    [
        ("outsider", False, False),
        ("steering", False, False),
        ("board", False, False),
        ("admin_user", True, True),
    ],
)
def test_roles_other_than_admin_read_published_projects_only(request, persona, view_draft, edit):
    user = request.getfixturevalue(persona)
    published = ProjectFactory()
    draft = ProjectFactory(published_at=None)

    assert can(user, "project.view", published)
    assert can(user, "project.view", draft) is view_draft
    assert can(user, "project.edit", published) is edit
    assert can(user, "project.publish", draft) is edit
    assert can(user, "project.create")


def test_the_lead_and_every_team_member_edit_and_see_their_draft(member):
    led = ProjectFactory(lead=member, published_at=None)
    on_team = ProjectFactory(team=[member], published_at=None)

    for project in (led, on_team):
        assert can(member, "project.view", project)
        assert can(member, "project.edit", project)
        assert can(member, "project.publish", project)


def test_anonymous_and_inactive_users_may_do_nothing(member):
    project = ProjectFactory(team=[member])
    member.is_active = False
    member.save()

    assert not can(None, "project.view", project)
    assert not can(member, "project.edit", project)
    assert not can(None, "project.create")
