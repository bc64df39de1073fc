"""The weekly digest: one email per person listing what changed on what they follow, comments, and
anything feature apps add (data due on their projects' measures), sent at most once a week per person.

Feature apps register a section (in their AppConfig.ready): `collect()` returns, once per run, the lines
it has for each person who should hear them.
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
from together.models import Delivery, DigestSent, Kind, Notification
from together.notify import choices, send_email, unsubscribe_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Line:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    kind: str  # the notification kind whose setting switches it on or off
    collect: Callable[[], dict[int, list[Line]]]  # person (user id) -> what to tell them


_sections: list[Section] = []


def register(section: Section) -> None:
    if all(s.title != section.title for s in _sections):
        _sections.append(section)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _digest_kinds(user_ids: Iterable[int]) -> dict[int, set[str]]:
    """The kinds each person wants in their digest."""
    return {
        pk: {k for k, how in kinds.items() if how == Delivery.DIGEST}
        for pk, kinds in choices(user_ids).items()
    }


def contents(
    user: User,
    pending: list[Notification],
    wanted: set[str],
    extra: dict[str, dict[int, list[Line]]] | None = None,
) -> dict[str, list[Line]]:
    """What one person's digest says, section by section (empty sections left out); `extra`: each
    registered section's lines by person, collected once for the run."""
    said: dict[str, list[Line]] = {}
    titles = {Kind.MENTION: "Mentions", Kind.COMMENT: "Comments", Kind.ACTIVITY: "What changed"}
    for notification in pending:
        if notification.kind in wanted and notification.kind in titles:
            said.setdefault(titles[Kind(notification.kind)], []).append(
                Line(notification.text, notification.url)
            )
    for section in _sections:
        lines = (extra or {}).get(section.title, {}).get(user.pk, [])
        if section.kind in wanted and lines:
            said[section.title] = lines
    return said


def send_digests(today: datetime.date | None = None) -> dict[str, float]:
    """Send this week's digest to everyone with something in it; returns the figures of the run."""
    started = time.perf_counter()
    week = monday_of(today or timezone.localdate())
    pending: dict[int, list[Notification]] = {}
    waiting = Notification.objects.filter(digested_at__isnull=True, emailed_at__isnull=True)
    for notification in waiting.order_by("created_at", "pk"):
        pending.setdefault(notification.user_id, []).append(notification)
    extra = {section.title: section.collect() for section in _sections}
    candidates = set(pending).union(*(set(lines) for lines in extra.values()))
    candidates -= set(DigestSent.objects.filter(week=week).values_list("user_id", flat=True))
    wanted = _digest_kinds(candidates)
    sent = items = 0
    people = User.objects.filter(pk__in=candidates, is_active=True).order_by("pk")
    for user in people:
        mine = pending.get(user.pk, [])
        said = contents(user, mine, wanted.get(user.pk, set()), extra)
        if not said:
            continue
        count = sum(len(lines) for lines in said.values())
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week, items=count)
                Notification.objects.filter(pk__in=[n.pk for n in mine if n.kind in wanted[user.pk]]).update(
                    digested_at=timezone.now()
                )
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
