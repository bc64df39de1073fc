"""A member of staff follows a project and comments on it mentioning an admin; the admin finds the
mention in their feed and opens it."""

from __future__ import annotations

from io import StringIO

import pytest

from community import demo as community_demo
from community.demo import DEMO_PASSWORD
from tests.projects.factories import ProjectFactory
from together.models import Follow, Notification


@pytest.mark.browser
def test_follow_a_project_comment_with_a_mention_and_find_it_in_the_feed(ui):
    community_demo.seed(StringIO())
    project = ProjectFactory(title="Hospital at home for older people")

    ui.sign_in("staff@ghft.example.org", DEMO_PASSWORD)
    ui.goto(f"/projects/{project.pk}/")
    ui.submit("Follow")
    assert "You follow Hospital at home for older people" in ui.text()
    assert Follow.objects.filter(user__email="staff@ghft.example.org").count() == 1

    ui.submit("Add the comment")  # empty: refused, with the reason
    assert "Write your comment" in ui.text()
    ui.fill({"#id_text": "@admin could the board see this? Notes at https://example.org/notes"})
    ui.submit("Add the comment")
    assert "Your comment has been added" in ui.text()
    assert "could the board see this?" in ui.text("#comments ~ ol, .app-comments")
    assert ui.page.locator(".app-comments a[href='https://example.org/notes']").count() == 1
    assert Notification.objects.get(user__email="admin@glos-icb.example.org").kind == "mention"

    ui.goto("/accounts/logout/")
    ui.submit("Sign out")
    ui.sign_in("admin@glos-icb.example.org", DEMO_PASSWORD)
    ui.click("text=Your feed")
    assert "mentioned you on Hospital at home for older people" in ui.text()
    ui.click("text=mentioned you on Hospital at home for older people")
    assert "could the board see this?" in ui.text()
