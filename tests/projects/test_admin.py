"""The admin site edits projects too, and what it changes is audited like any other change."""

from __future__ import annotations

import pytest

from core.audit import audit_trail
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_an_admin_change_is_audited(admin_user, client_for):
    admin_user.is_staff = True
    admin_user.save()
    project = ProjectFactory(title="Falls prevention")
    client = client_for(admin_user)
    page = client.get(f"/admin/projects/project/{project.pk}/change/")
    assert page.status_code == 200

    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "title": "Falls prevention on ward 3",
            "lead": project.lead_id,
            "status": "testing",
            "progress_score": "2.0",
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00:00",
            "updated_at_0": "2026-01-01",
            "updated_at_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        }
    )
    data.pop("published_at", None)
    response = client.post(f"/admin/projects/project/{project.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = audit_trail(project).get()
    assert entry.actor == admin_user
    assert entry.changes["title"] == {"from": "Falls prevention", "to": "Falls prevention on ward 3"}
