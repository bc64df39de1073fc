"""Asking for a board pack."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from governance.models import BoardPack

logger = logging.getLogger(__name__)


def board_pack_request(*, actor: Any) -> BoardPack:
    from governance.tasks import build_board_pack

    today = timezone.localdate()
    with transaction.atomic():
        pack = BoardPack.objects.create(
            title=f"Improvement board pack, {today:%-d %B %Y}", requested_by=actor
        )
        audit_record(actor=actor, obj=pack, action="requested")

    def send() -> None:
        try:
            build_board_pack.apply_async(args=[pack.pk], retry=False)
        except Exception:
            logger.warning("Could not queue board pack %s", pack.pk, exc_info=True)
            BoardPack.objects.filter(pk=pack.pk, status=BoardPack.Status.QUEUED).update(
                status=BoardPack.Status.FAILED,
                error="The task queue is unavailable (Redis or the worker is down). Try again later.",
                finished_at=timezone.now(),
            )

    transaction.on_commit(send)
    return pack
