"""Writes to the delivery plan: actions and their dated progress notes."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, snapshot
from core.permissions import require
from dashboards.triggers import data_changed
from governance.models import DeliveryAction, ProgressNote

ACTION_FIELDS = ["strand", "title", "description", "owner", "due_on", "rag"]


def delivery_action_create(
    *,
    actor: Any,
    strand: str,
    title: str,
    due_on: datetime.date,
    description: str = "",
    owner: Any = None,
    rag: str = DeliveryAction.Rag.GREEN,
    order: int = 0,
) -> DeliveryAction:
    require(actor, "plan.edit")
    action = DeliveryAction(
        strand=strand,
        title=title.strip(),
        description=description,
        owner=owner,
        due_on=due_on,
        rag=rag,
        order=order,
    )
    action.full_clean()
    with transaction.atomic():
        action.save()
        audit_record(actor=actor, obj=action, action="created", changes=snapshot(action, ACTION_FIELDS))
        data_changed("governance.plan")
    return action


def delivery_action_update(*, actor: Any, action: DeliveryAction, **values: Any) -> DeliveryAction:
    require(actor, "plan.edit", action)
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    before = snapshot(action, ACTION_FIELDS)
    for name, value in values.items():
        setattr(action, name, value)
    action.full_clean()
    with transaction.atomic():
        action.save()
        audit_record(
            actor=actor,
            obj=action,
            action="updated",
            changes=changes_between(before, snapshot(action, ACTION_FIELDS)),
        )
        data_changed("governance.plan")
    return action


def progress_note_add(
    *, actor: Any, action: DeliveryAction, text: str, rag: str, written_on: datetime.date | None = None
) -> ProgressNote:
    """A dated note on progress; its RAG becomes the action's RAG."""
    require(actor, "plan.note", action)
    if not text.strip():
        raise ValidationError({"text": "Say what has happened since the last note"})
    if rag not in DeliveryAction.Rag.values:
        raise ValidationError({"rag": "Choose red, amber, green or complete"})
    day = written_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"written_on": "The date of a progress note cannot be in the future"})
    with transaction.atomic():
        note = ProgressNote.objects.create(
            action=action, written_on=day, author=actor, text=text.strip(), rag=rag
        )
        if action.rag != rag:
            before = action.rag
            action.rag = rag
            action.save(update_fields=["rag"])
            audit_record(
                actor=actor, obj=action, action="rag changed", changes={"rag": {"from": before, "to": rag}}
            )
        audit_record(actor=actor, obj=action, action="progress noted", message=note.text[:200])
        data_changed("governance.plan")
    return note
