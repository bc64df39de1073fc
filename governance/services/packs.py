"""Asking for a board pack."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.tasks import QUEUE_UNAVAILABLE, enqueue
from governance.models import BoardPack
from governance.tasks import build_board_pack


def board_pack_request(*, actor: Any) -> BoardPack:
    today = timezone.localdate()
    with transaction.atomic():
        pack = BoardPack.objects.create(
            title=f"Improvement board pack, {today:%-d %B %Y}", requested_by=actor
        )
        audit_record(actor=actor, obj=pack, action="requested")

    def not_queued() -> None:
        BoardPack.objects.filter(pk=pack.pk, status=BoardPack.Status.QUEUED).update(
            status=BoardPack.Status.FAILED, error=QUEUE_UNAVAILABLE, finished_at=timezone.now()
        )

    enqueue(build_board_pack, pack.pk, on_failure=not_queued)
    return pack
