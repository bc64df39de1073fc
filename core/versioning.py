"""Optimistic locking: two people editing the same record never silently overwrite each other.

Each versioned record (projects, facilitation requests, champion entries, measures) has a `version` column.
A page's form carries the version it was opened at (`version_input(obj)` in the template); the API takes it
from `If-Match` or a `version` field. The service calls `claim_version` inside its transaction: the stored
version moves on by one only if it is still the one the person started from, otherwise `EditConflict` says
who changed it and when, and the page re-renders the person's input with that message.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from markupsafe import Markup, escape

from core.audit import audit_trail

FIELD = "version"


def version_field() -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        default=1, editable=False, help_text="Moves on by one with every saved edit (optimistic locking)."
    )


class EditConflict(ValidationError):
    """Someone saved the record after the person opened it; `current` is the version stored now."""

    def __init__(self, message: str, *, current: int) -> None:
        # Keyed to no field, so that views adding a service's field errors to their form show it on top.
        super().__init__({NON_FIELD_ERRORS: ValidationError(message, code="edit_conflict")})
        self.current = current


def parse_version(value: Any) -> int | None:
    """A version as a form or header sends it ("3", '"3"', 'W/"3"'); None when absent or not a number."""
    text = str(value or "").strip()
    text = text.removeprefix("W/").strip('"')
    return int(text) if text.isdigit() and len(text) < 10 else None


def _when(at: datetime.datetime) -> str:
    local = timezone.localtime(at)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def conflict_message(obj: models.Model, noun: str) -> str:
    last = audit_trail(obj).order_by("-at", "-pk").first()
    who = ""
    if last is not None:
        name = str(last.actor.get_full_name() or last.actor.email) if last.actor else "Someone"
        who = f"{name} changed this {noun} at {_when(last.at)}"
    else:
        who = f"Someone changed this {noun}"
    return (
        f"{who}, after you opened it. Your changes have not been saved: they are still below. "
        f"Check the {noun} as it is now, then save again to keep your version."
    )


def claim_version(obj: models.Model, expected: int | None, *, noun: str) -> None:
    """Inside the caller's transaction: move the stored version on by one, if it is still `expected`.

    `expected=None` (the admin site, imports, scripts that did not read a version) skips the comparison
    but still moves the version on, so that anyone holding the old one learns of the change. The row stays
    locked by the UPDATE until the transaction ends, so two claims of one version cannot both succeed.
    On success and on conflict alike, `obj` carries the version stored afterwards.
    """
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(**{FIELD: expected})
    if not rows.update(**{FIELD: F(FIELD) + 1}):
        current = type(obj)._default_manager.values_list(FIELD, flat=True).get(pk=obj.pk)
        # The caller's copy now carries the stored version: the form shown again with the message can be
        # sent again, deliberately, to keep the person's version.
        setattr(obj, FIELD, current)
        raise EditConflict(conflict_message(obj, noun), current=current)
    # The stored version is now the expected one plus one; only an unchecked claim needs to read it.
    if expected is not None:
        setattr(obj, FIELD, expected + 1)
    else:
        setattr(obj, FIELD, type(obj)._default_manager.values_list(FIELD, flat=True).get(pk=obj.pk))


def version_input(obj: Any) -> Markup:
    """The hidden field that carries the version a form was opened at."""
    version = getattr(obj, FIELD, None)
    if version is None:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, escape(str(version)))


def submitted_version(data: Any) -> int | None:
    """The version a submitted form says it was opened at."""
    return parse_version(data.get(FIELD)) if hasattr(data, "get") else None
