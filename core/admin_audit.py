"""The admin site writes to the same audit trail as the portal's pages, under the same action names.

Every ModelAdmin registered on the portal's admin site derives from `AuditedModelAdmin` (a test walks the
registry to keep it so). Django's admin calls `log_addition`, `log_change` and `log_deletions` after every
add, change (including inlines, list-editable rows and password changes) and delete (including the
"delete selected" action); each also records an AuditEntry with the fields that changed. Passwords are
never recorded. A versioned record edited here moves its version on, so a person holding an older copy in
a page or the API learns of the change (core.versioning).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import models
from django.http import HttpRequest

from core.audit import audit_record, changes_between, snapshot
from core.versioning import FIELD as VERSION_FIELD
from core.versioning import claim_version

# Never copied into the audit trail: secrets, and bookkeeping that changes on every save.
NOT_AUDITED = frozenset({"id", "password", "last_login", VERSION_FIELD})
ADMIN_MESSAGE = "Changed in the admin site"


def audited_fields(model: type[models.Model]) -> list[str]:
    names = [f.name for f in model._meta.concrete_fields] + [f.name for f in model._meta.many_to_many]
    return [n for n in names if n not in NOT_AUDITED]


def _readable(message: Any) -> str:
    """Django's structured change message ("Changed title and groups.") as a sentence."""
    if not message:
        return ""
    text = message if isinstance(message, str) else json.dumps(message)
    return LogEntry(change_message=text).get_change_message()


class AuditedAdminMixin:
    """Mix into any ModelAdmin (before it) so that its writes are audited."""

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None and request.method == "POST":
            # What was stored before the form changes the object: `log_change` compares with it.
            befores = request.__dict__.setdefault("_audit_before", {})
            befores[(type(obj), obj.pk)] = snapshot(obj, audited_fields(type(obj)))
        return obj

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and any(f.name == VERSION_FIELD for f in obj._meta.concrete_fields):
            claim_version(obj, None, noun=str(obj._meta.verbose_name))
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        after = snapshot(obj, audited_fields(type(obj)))
        changes = changes_between({}, {k: v for k, v in after.items() if v not in (None, "", [])})
        audit_record(actor=request.user, obj=obj, action="created", changes=changes, message=ADMIN_MESSAGE)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        before = request.__dict__.get("_audit_before", {}).get((type(obj), obj.pk))
        changes = changes_between(before, snapshot(obj, audited_fields(type(obj)))) if before else {}
        readable = _readable(message)
        audit_record(
            actor=request.user,
            obj=obj,
            action="updated",
            changes=changes,
            message=f"{ADMIN_MESSAGE}: {readable}" if readable else ADMIN_MESSAGE,
        )
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        entries = super().log_deletions(request, queryset)  # type: ignore[misc]
        for obj in queryset:
            audit_record(actor=request.user, obj=obj, action="deleted", message=ADMIN_MESSAGE)
        return entries


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyModelAdmin(AuditedModelAdmin):
    """Records the portal writes itself (snapshots, packs): listed and deletable, never added or edited."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
