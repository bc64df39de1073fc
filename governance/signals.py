"""What governance does when other apps announce a change: rebuild the community dashboard soon after
people or organisations change (debounced), and minute the steering group's decisions made in the queue's
meeting mode."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from community.models import Organisation, User
from dashboards.triggers import data_changed
from facilitation.signals import decided_in_meeting
from governance.models import GovernanceBody
from governance.services.meetings import decision_record_for_body


def _user_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return  # signing in changes nothing the dashboards count
    data_changed("community.user")


def _user_groups_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        data_changed("community.user")


def _organisation_changed(sender: Any, **kwargs: Any) -> None:
    data_changed("community.organisation")


def _decided_in_meeting(
    sender: Any, decision: Any, held_on: Any, summary: str, label: str, **kwargs: Any
) -> None:
    decision_record_for_body(
        body_kind=GovernanceBody.Kind.STEERING_GROUP,
        held_on=held_on,
        text=summary,
        source=decision,
        source_label=label,
    )


def connect() -> None:
    decided_in_meeting.connect(_decided_in_meeting, dispatch_uid="governance-minute-queue-decisions")
    post_save.connect(_user_saved, sender=User, dispatch_uid="governance-user-saved")
    post_delete.connect(_user_saved, sender=User, dispatch_uid="governance-user-deleted")
    m2m_changed.connect(
        _user_groups_changed, sender=User.groups.through, dispatch_uid="governance-user-groups"
    )
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="governance-org-saved")
    post_delete.connect(_organisation_changed, sender=Organisation, dispatch_uid="governance-org-deleted")
