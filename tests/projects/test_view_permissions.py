"""Every page of the register, as a reader, a team member and an admin, on a published project and a draft."""

from __future__ import annotations

import pytest

from tests.projects.factories import AttachmentFactory, ProjectFactory

pytestmark = pytest.mark.django_db

READ = ["detail", "story", "attachment"]
WRITE_GET = ["edit", "team", "update_add", "attachment_add"]
WRITE_POST = ["publish", "team_remove", "attachment_remove"]


def _url(name: str, project, attachment, member_row) -> str:  # type: ignore[no-untyped-def]
    base = f"/projects/{project.pk}/"
    return {
        "detail": base,
        "story": base + "story/",
        "attachment": base + f"attachments/{attachment.pk}/",
        "edit": base + "edit/",
        "team": base + "team/",
        "update_add": base + "updates/new/",
        "attachment_add": base + "attachments/new/",
        "publish": base + "publish/",
        "team_remove": base + f"team/{member_row.pk}/remove/",
        "attachment_remove": base + f"attachments/{attachment.pk}/remove/",
    }[name]


def _setup(member, published: bool):  # type: ignore[no-untyped-def]
    project = ProjectFactory(team=[member], published_at=None)
    if published:
        project.published_at = project.created_at
        project.save()
    attachment = AttachmentFactory(project=project)
    member_row = project.memberships.get(user=member)
    return project, attachment, member_row


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("persona", ["outsider", "steering", "board"])
def test_readers_read_published_projects_only_and_change_nothing(
    request, member, client_for, persona, published
):
    project, attachment, member_row = _setup(member, published)
    client = client_for(request.getfixturevalue(persona))

    for name in READ:
        expected = 200 if published else 404
        assert client.get(_url(name, project, attachment, member_row)).status_code == expected, name
    for name in WRITE_GET:
        expected = 403 if published else 404
        assert client.get(_url(name, project, attachment, member_row)).status_code == expected, name
    for name in WRITE_POST:
        expected = 403 if published else 404
        assert client.post(_url(name, project, attachment, member_row)).status_code == expected, name
    assert project.memberships.filter(pk=member_row.pk).exists()
    assert project.attachments.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("persona", ["member", "admin_user"])
def test_the_team_and_admins_reach_every_page_of_a_draft(request, member, client_for, persona):
    project, attachment, member_row = _setup(member, published=False)
    client = client_for(request.getfixturevalue(persona))

    for name in READ + WRITE_GET:
        assert client.get(_url(name, project, attachment, member_row)).status_code == 200, name
    assert client.post(_url("attachment_remove", project, attachment, member_row)).status_code == 302
    assert client.post(_url("publish", project, attachment, member_row)).status_code == 302
    assert client.post(_url("team_remove", project, attachment, member_row)).status_code == 302  # leaves
