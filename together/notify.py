"""Notifications: made once per person and event, shown in the portal, and sent as each person chose:
by email at once (a Celery task after the transaction commits, marked sent before it sends, so a retry
sends nothing twice), in the weekly digest, or not at all."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.tasks import enqueue
from together.models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "together.unsubscribe"


def choices(user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """How each person wants each kind of notification (their choice, or the kind's default), in one query."""
    ids = set(user_ids)
    chosen: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    for user_id, kind, delivery in Preference.objects.filter(user_id__in=ids).values_list(
        "user_id", "kind", "delivery"
    ):
        chosen[user_id][kind] = delivery
    return {pk: {k: chosen[pk].get(k, DEFAULT_DELIVERY[Kind(k)]) for k in Kind.values} for pk in ids}


def deliveries(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """How each person wants this kind of notification."""
    return {pk: kinds[kind] for pk, kinds in choices(user_ids).items()}


def notify(*, users: Iterable[Any], kind: str, text: str, url: str, key: str) -> list[Notification]:
    """One notification per person for the event `key` (again for the same key: nothing new)."""
    people = {u.pk: u for u in users if u is not None and u.is_active}
    if not people:
        return []
    Notification.objects.bulk_create(
        [Notification(user_id=pk, kind=kind, text=text[:300], url=url[:300], key=key[:120]) for pk in people],
        ignore_conflicts=True,
    )
    made = list(Notification.objects.filter(user_id__in=people, key=key[:120], emailed_at__isnull=True))
    how = deliveries(people, kind)
    for notification in made:
        if how[notification.user_id] == Delivery.EMAIL:
            enqueue(deliver, notification.pk)  # after the transaction commits
    return made


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user_id: int, kind: str) -> str:
    return settings.SITE_URL + reverse(
        "together:unsubscribe", kwargs={"token": unsubscribe_token(user_id, kind)}
    )


def read_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 366)
    except signing.BadSignature:
        return None
    if data.get("k") not in Kind.values:
        return None
    return int(data["u"]), data["k"]


def send_email(*, to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(template, {**context, "site_url": settings.SITE_URL})
    EmailMessage(f"[{settings.SERVICE_NAME}] {subject}", body, None, [to]).send()


@shared_task(name="together.deliver", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver(notification_id: int) -> str:
    """Email one notification, once: it is marked sent in the same step that claims it."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    try:
        send_email(
            to=notification.user.email,
            subject=notification.text,
            template="together/emails/notification.txt",
            context={
                "notification": notification,
                "unsubscribe": unsubscribe_url(notification.user_id, notification.kind),
                "kind_label": Kind(notification.kind).label.lower(),
            },
        )
    except OSError:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)  # let the retry send it
        raise
    return "sent"


@shared_task(name="together.deliver_pending")
def deliver_pending(older_than_minutes: int = 5) -> int:
    """Catch up emails whose task never ran (the broker was down when they were made)."""
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    waiting = Notification.objects.filter(
        emailed_at__isnull=True, digested_at__isnull=True, created_at__lt=cutoff
    )
    batch = list(waiting.order_by("pk").values_list("pk", "user_id", "kind")[:1000])
    how = choices(user_id for _, user_id, _ in batch)
    return sum(deliver(pk) == "sent" for pk, user_id, kind in batch if how[user_id][kind] == Delivery.EMAIL)
