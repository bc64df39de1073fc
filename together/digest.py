"""The weekly digest: one email per person listing what changed on what they follow, comments, and
anything feature apps add (data due on their projects' measures), sent at most once a week per person.

Feature apps register a section (in their AppConfig.ready): `who()` names the people it has something
for, `lines(user)` says what.
"""

from __future__ import annotations

import datetime
import functools
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.models import User
from together.models import DEFAULT_DELIVERY, Delivery, DigestSent, Kind, Notification, Preference
from together.notify import send_email, unsubscribe_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Line:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    kind: str  # the notification kind whose setting switches it on or off
    who: Callable[[], Iterable[int]]
    lines: Callable[[User], list[Line]]


_sections: list[Section] = []


def register(section: Section) -> None:
    if all(s.title != section.title for s in _sections):
        _sections.append(section)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _digest_kinds(user_ids: Iterable[int]) -> dict[int, set[str]]:
    """The kinds each person wants in their digest."""
    ids = list(user_ids)
    chosen: dict[int, dict[str, str]] = {}
    for user_id, kind, delivery in Preference.objects.filter(user_id__in=ids).values_list(
        "user_id", "kind", "delivery"
    ):
        chosen.setdefault(user_id, {})[kind] = delivery
    return {
        pk: {
            k for k in Kind.values if chosen.get(pk, {}).get(k, DEFAULT_DELIVERY[Kind(k)]) == Delivery.DIGEST
        }
        for pk in ids
    }


def contents(user: User, pending: list[Notification], wanted: set[str]) -> dict[str, list[Line]]:
    """What one person's digest says, section by section (empty sections left out)."""
    said: dict[str, list[Line]] = {}
    titles = {Kind.MENTION: "Mentions", Kind.COMMENT: "Comments", Kind.ACTIVITY: "What changed"}
    for notification in pending:
        if notification.kind in wanted and notification.kind in titles:
            said.setdefault(titles[Kind(notification.kind)], []).append(
                Line(notification.text, notification.url)
            )
    for section in _sections:
        if section.kind in wanted:
            lines = section.lines(user)
            if lines:
                said[section.title] = lines
    return said


def send_digests(today: datetime.date | None = None) -> dict[str, float]:
    """Send this week's digest to everyone with something in it; returns the figures of the run."""
    started = time.perf_counter()
    week = monday_of(today or timezone.localdate())
    pending_ids = set(
        Notification.objects.filter(digested_at__isnull=True, emailed_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    candidates = set(pending_ids)
    for section in _sections:
        candidates |= set(section.who())
    candidates -= set(DigestSent.objects.filter(week=week).values_list("user_id", flat=True))
    wanted = _digest_kinds(candidates)
    sent = items = 0
    people = User.objects.filter(pk__in=candidates, is_active=True).order_by("pk")
    for user in people:
        pending = list(
            Notification.objects.filter(
                user=user, digested_at__isnull=True, emailed_at__isnull=True
            ).order_by("created_at")
        )
        said = contents(user, pending, wanted.get(user.pk, set()))
        if not said:
            continue
        count = sum(len(lines) for lines in said.values())
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week, items=count)
                Notification.objects.filter(
                    pk__in=[n.pk for n in pending if n.kind in wanted[user.pk]]
                ).update(digested_at=timezone.now())
                transaction.on_commit(functools.partial(_send, user, said, week))
        except IntegrityError:  # another run sent this week's digest a moment ago
            continue
        sent += 1
        items += count
    figures = {"digests": sent, "items": items, "seconds": round(time.perf_counter() - started, 3)}
    logger.info("Weekly digests: %s", figures)
    return figures


def _send(user: User, said: dict[str, list[Line]], week: datetime.date) -> None:
    try:
        send_email(
            to=user.email,
            subject=f"Your week in the improvement community, to {week + datetime.timedelta(days=6):%-d %B}",
            template="together/emails/digest.txt",
            context={"user": user, "sections": said, "unsubscribe": unsubscribe_url(user.pk, Kind.ACTIVITY)},
        )
    except OSError:
        logger.exception("Could not send the weekly digest to %s", user.email)


@shared_task(name="together.send_digests")
def send_digests_task() -> dict[str, float]:
    return send_digests()
