"""Changes made in the admin site are in the audit trail like any other: roles granted, superusers made,
records changed and deleted; passwords never recorded."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from core.admin_audit import AuditedAdminMixin
from core.audit import audit_trail
from core.roles import GROUP_NAMES, Role
from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory
from tests.training.factories import RecordFactory

pytestmark = pytest.mark.django_db


def test_every_model_in_the_admin_site_is_audited():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdminMixin)
    ]
    assert unaudited == []


def _change_form(client: Any, url: str) -> dict[str, Any]:
    """What the admin's change page would send back unchanged."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.initial.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = value
    return data


def test_granting_a_role_and_superuser_in_the_admin_site_is_audited(admin_user, client_for):
    person = UserFactory(first_name="Sam", last_name="Jones")
    group = Group.objects.get_or_create(name=GROUP_NAMES[Role.COMMUNITY_ADMIN])[0]
    client = client_for(admin_user)
    url = f"/admin/community/user/{person.pk}/change/"
    data = _change_form(client, url)
    data.update({"groups": [group.pk], "is_superuser": "on"})
    data.pop("last_login", None)
    joined = person.date_joined
    data.update({"date_joined_0": joined.strftime("%Y-%m-%d"), "date_joined_1": joined.strftime("%H:%M:%S")})
    data.pop("date_joined", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = audit_trail(person).get()
    assert entry.actor == admin_user
    assert entry.action == "updated"
    assert entry.changes["groups"] == {"from": [], "to": ["Community admin"]}
    assert entry.changes["is_superuser"] == {"from": False, "to": True}
    assert "password" not in entry.changes
    assert "Changed in the admin site" in entry.message


def test_a_password_set_in_the_admin_site_is_audited_without_the_password(admin_user, client_for):
    person = UserFactory()
    response = client_for(admin_user).post(
        f"/admin/community/user/{person.pk}/password/",
        {
            "password1": "a-new-Long-passphrase-7",
            "password2": "a-new-Long-passphrase-7",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302
    entry = audit_trail(person).get()
    assert "password" in entry.message.lower()
    assert "pbkdf2" not in str(entry.changes) + entry.message


def test_a_training_record_changed_and_deleted_in_the_admin_site_is_audited(admin_user, client_for):
    record = RecordFactory(status="booked")
    client = client_for(admin_user)
    url = f"/admin/training/trainingrecord/{record.pk}/change/"
    data = _change_form(client, url)
    data["status"] = "completed"
    data["completed_on"] = "2026-11-02"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    changed = audit_trail(record).get()
    assert changed.changes["status"] == {"from": "booked", "to": "completed"}

    client.post(
        "/admin/training/trainingrecord/",
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert [e.action for e in audit_trail(record).order_by("at", "pk")] == ["updated", "deleted"]


def test_a_project_edited_in_the_admin_site_moves_its_version_on(admin_user, client_for):
    project = ProjectFactory(title="Falls prevention")
    client = client_for(admin_user)
    url = f"/admin/projects/project/{project.pk}/change/"
    data = _change_form(client, url)
    created, updated = project.created_at, project.updated_at
    data.update(
        {
            "title": "Falls prevention on ward 3",
            "created_at_0": created.strftime("%Y-%m-%d"),
            "created_at_1": created.strftime("%H:%M:%S"),
            "updated_at_0": updated.strftime("%Y-%m-%d"),
            "updated_at_1": updated.strftime("%H:%M:%S"),
        }
    )
    for prefix in ("memberships", "updates", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    for name in ("created_at", "updated_at", "published_at"):
        data.pop(name, None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.version == 2
    assert audit_trail(project).get().changes["title"]["to"] == "Falls prevention on ward 3"


PORTAL_APPS = {
    "core",
    "community",
    "dashboards",
    "projects",
    "training",
    "champions",
    "facilitation",
    "governance",
}


def test_community_admins_can_open_every_portal_model_in_the_admin_site(admin_user, client_for):
    client = client_for(admin_user)
    refused = []
    for model in admin.site._registry:
        if model._meta.app_label in PORTAL_APPS:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            if client.get(url).status_code != 200:
                refused.append(model._meta.label)
    assert refused == []
