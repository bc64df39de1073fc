"""Writes for governance bodies and their meetings: agenda, decisions and actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.audit import audit_record
from core.permissions import require
from core.roles import Role, has_role
from governance.models import AgendaItem, BodyMember, Decision, GovernanceBody, Meeting, MeetingAction

ROLE_OF_BODY = {
    GovernanceBody.Kind.STEERING_GROUP: Role.STEERING_GROUP,
    GovernanceBody.Kind.IMPROVEMENT_BOARD: Role.IMPROVEMENT_BOARD,
}


def body_member_add(*, actor: Any, body: GovernanceBody, user: Any, position: str = "member") -> BodyMember:
    """Seat someone on a body; they must hold the body's role (given through the admin's groups)."""
    require(actor, "plan.edit")  # admins only
    role = ROLE_OF_BODY[GovernanceBody.Kind(body.kind)]
    if not has_role(user, role):
        raise ValidationError({"user": f"{user} does not hold the {role.label.lower()} role"})
    with transaction.atomic():
        member, _ = BodyMember.objects.update_or_create(
            body=body, user=user, defaults={"position": position, "is_active": True}
        )
        audit_record(actor=actor, obj=body, action="member added", message=str(user))
    return member


def meeting_create(
    *, actor: Any, body: GovernanceBody, held_on: datetime.date, title: str, location: str = ""
) -> Meeting:
    require(actor, "body.record", body)
    meeting = Meeting(body=body, held_on=held_on, title=title.strip(), location=location, created_by=actor)
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        audit_record(actor=actor, obj=meeting, action="created")
    return meeting


def meeting_record(*, actor: Any, meeting: Meeting, status: str, minutes: str) -> Meeting:
    require(actor, "meeting.record", meeting)
    if status not in Meeting.Status.values:
        raise ValidationError({"status": "Choose planned, held or cancelled"})
    with transaction.atomic():
        before = {"status": meeting.status, "minutes": meeting.minutes}
        meeting.status = status
        meeting.minutes = minutes
        meeting.save(update_fields=["status", "minutes"])
        audit_record(
            actor=actor,
            obj=meeting,
            action="recorded",
            changes={"status": {"from": before["status"], "to": status}},
        )
    return meeting


def agenda_item_add(
    *, actor: Any, meeting: Meeting, title: str, presenter: str = "", notes: str = ""
) -> AgendaItem:
    require(actor, "meeting.record", meeting)
    if not title.strip():
        raise ValidationError({"title": "Enter the agenda item"})
    with transaction.atomic():
        order = meeting.agenda.count() + 1
        item = AgendaItem.objects.create(
            meeting=meeting, order=order, title=title.strip(), presenter=presenter, notes=notes
        )
        audit_record(actor=actor, obj=meeting, action="agenda item added", message=item.title)
    return item


def decision_record(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    source: models.Model | None = None,
    source_label: str = "",
) -> Decision:
    """Record a decision. Another app (facilitation) passes `source` so the decision appears in the
    meeting's record, linked back to what was decided."""
    require(actor, "meeting.record", meeting)
    if not text.strip():
        raise ValidationError({"text": "Write the decision"})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item on this meeting's agenda"})
    with transaction.atomic():
        decision = Decision.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            text=text.strip(),
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=source.pk if source is not None else None,
            source_label=source_label or (str(source) if source is not None else ""),
        )
        audit_record(actor=actor, obj=meeting, action="decision recorded", message=decision.text[:200])
    return decision


def meeting_action_add(
    *, actor: Any, meeting: Meeting, description: str, owner: Any = None, due_on: datetime.date | None = None
) -> MeetingAction:
    require(actor, "meeting.record", meeting)
    if not description.strip():
        raise ValidationError({"description": "Describe the action"})
    with transaction.atomic():
        action = MeetingAction.objects.create(
            meeting=meeting, description=description.strip(), owner=owner, due_on=due_on
        )
        audit_record(actor=actor, obj=meeting, action="action added", message=action.description[:200])
    return action


def decision_record_for_body(
    *,
    body_kind: str,
    held_on: datetime.date,
    text: str,
    source: models.Model,
    source_label: str = "",
) -> Decision:
    """Put a decision another app has already authorised and saved (the prioritisation queue's meeting
    mode) into the record of the body's meeting held that day, creating the meeting when there is none,
    so the meeting's record shows every decision it made (the body is set up if it is not yet)."""
    with transaction.atomic():
        body, _ = GovernanceBody.objects.get_or_create(
            kind=body_kind, defaults={"name": GovernanceBody.Kind(body_kind).label}
        )
        meeting = Meeting.objects.filter(body=body, held_on=held_on).order_by("pk").first()
        if meeting is None:
            meeting = Meeting.objects.create(
                body=body, held_on=held_on, title=f"{body.name} meeting", status=Meeting.Status.HELD
            )
        return Decision.objects.create(
            meeting=meeting,
            text=text.strip(),
            source_type=ContentType.objects.get_for_model(source),
            source_id=source.pk,
            source_label=source_label or str(source),
        )
