"""Writes for the governance app: one keyword-only function per action, used by pages, the API and tasks."""

from governance.services.assessment import assessment_record, recommendation_add
from governance.services.meetings import (
    agenda_item_add,
    body_member_add,
    decision_record,
    meeting_action_add,
    meeting_create,
    meeting_record,
)
from governance.services.packs import board_pack_request
from governance.services.plan import delivery_action_create, delivery_action_update, progress_note_add

__all__ = [
    "agenda_item_add",
    "assessment_record",
    "board_pack_request",
    "body_member_add",
    "decision_record",
    "delivery_action_create",
    "delivery_action_update",
    "meeting_action_add",
    "meeting_create",
    "meeting_record",
    "progress_note_add",
    "recommendation_add",
]
