"""Writes to the champion register, and the capacity seam other apps use to commit a champion's time.

Seam for facilitation (and anything else that assigns champions):

    check_commitment(champion, hours_per_month, start, end, *, override_reason=None, by=None)
        -> capacity.CommitmentCheck      # allowed / refused with a message; saves nothing
    commitment_create(champion=, hours_per_month=, start=, end=, title=, by=, source=, source_ref=,
                      override_reason=None) -> ChampionCommitment   # raises CapacityRefused
    commitment_release(commitment=, by=, on=None)                     # stops it counting after `on`
    free_capacity(champion, period) -> Decimal                        # hours a month free over the period
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from champions import capacity
from champions.models import Champion, ChampionCommitment
from community.models import Organisation, Place, SystemPriority, User
from core.audit import audit_record, changes_between, snapshot
from core.notify import notify
from core.permissions import can, is_admin, require
from core.roles import GROUP_NAMES, Role
from core.versioning import claim_version

DETAIL_FIELDS = [
    "organisation",
    "level",
    "methods",
    "topics",
    "places",
    "offer",
    "hours_per_month",
    "capacity_start",
    "capacity_end",
    "capacity_agreed_by",
    "training_evidence",
]
Status = Champion.Status

# status now -> {status next: whether a reason is required}
TRANSITIONS: dict[str, dict[str, bool]] = {
    Status.PROPOSED: {Status.ACTIVE: False, Status.RETIRED: True},
    Status.ACTIVE: {Status.PAUSED: True, Status.RETIRED: True},
    Status.PAUSED: {Status.ACTIVE: False, Status.RETIRED: True},
    Status.RETIRED: {Status.ACTIVE: True},
}
ACTION_NAMES: dict[tuple[str, str], str] = {
    (Status.PROPOSED, Status.ACTIVE): "approved",
    (Status.PAUSED, Status.ACTIVE): "resumed",
    (Status.RETIRED, Status.ACTIVE): "reinstated",
    (Status.ACTIVE, Status.PAUSED): "paused",
    (Status.PROPOSED, Status.RETIRED): "declined",
}


class CapacityRefused(ValidationError):
    """A commitment that would over-commit a champion; carries the capacity check."""

    def __init__(self, check: capacity.CommitmentCheck) -> None:
        super().__init__({"hours_per_month": [check.message]})
        self.check = check


def _admin_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.COMMUNITY_ADMIN]).values_list(
            "email", flat=True
        )
    )


# --- Capacity ---------------------------------------------------------------------------------------


def agreement_of(champion: Champion) -> capacity.Agreement:
    return capacity.Agreement.of(champion.hours_per_month, champion.capacity_start, champion.capacity_end)


def commitments_of(
    champion: Champion, period: capacity.Period, *, exclude: ChampionCommitment | None = None
) -> list[capacity.Commitment]:
    rows = champion.commitments.filter(start__lte=period.end, end__gte=period.start)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return [
        capacity.Commitment.of(c.hours_per_month, c.start, c.end)
        for c in rows.only("hours_per_month", "start", "end")
    ]


def free_capacity(champion: Champion, period: capacity.Period) -> Decimal:
    """Hours a month the champion can still take on for the whole of `period` (never below zero)."""
    return capacity.free_hours(
        agreement_of(champion), commitments_of(champion, period.whole_months()), period
    )


def check_commitment(
    champion: Champion,
    hours_per_month: Decimal,
    start: datetime.date,
    end: datetime.date,
    *,
    override_reason: str | None = None,
    by: Any = None,
) -> capacity.CommitmentCheck:
    """May `champion` take on `hours_per_month` from `start` to `end`? Saves nothing.

    Refused when the champion is not active, when the period is back to front, or when any month would be
    over-committed, unless `by` is a community admin giving `override_reason`.
    """
    if end < start:
        return capacity.CommitmentCheck(False, False, (), "The end date must be on or after the start.")
    if champion.status != Status.ACTIVE:
        return capacity.CommitmentCheck(
            False, False, (), f"{champion.person.display_name} is not an active champion."
        )
    reason = (override_reason or "").strip()
    if reason and not can(by, "commitment.override", champion):
        return capacity.CommitmentCheck(
            False, False, (), "Only community admins may override a champion's agreed capacity."
        )
    period = capacity.Period(start, end)
    return capacity.check_commitment(
        agreement_of(champion),
        commitments_of(champion, period.whole_months()),
        capacity.Commitment(Decimal(hours_per_month), period),
        override_reason=reason or None,
    )


@transaction.atomic
def commitment_create(
    *,
    champion: Champion,
    hours_per_month: Decimal,
    start: datetime.date,
    end: datetime.date,
    title: str,
    by: Any,
    source: str = "register",
    source_ref: str = "",
    override_reason: str | None = None,
) -> ChampionCommitment:
    """Commit a champion's time, refusing (CapacityRefused) what `check_commitment` refuses."""
    champion = Champion.objects.select_for_update().select_related("person").get(pk=champion.pk)
    check = check_commitment(champion, hours_per_month, start, end, override_reason=override_reason, by=by)
    if check.refused:
        raise CapacityRefused(check)
    commitment = ChampionCommitment.objects.create(
        champion=champion,
        hours_per_month=hours_per_month,
        start=start,
        end=end,
        title=title.strip() or "Assignment",
        source=source,
        source_ref=source_ref,
        override_reason=(override_reason or "").strip() if check.overridden else "",
        overridden_by=by if check.overridden else None,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit_record(
        actor=by,
        obj=champion,
        action="capacity_committed" if not check.overridden else "capacity_overridden",
        changes={
            "commitment": {
                "from": None,
                "to": f"{commitment.title}: {hours_per_month} h/month, {start} to {end}",
            }
        },
        message=check.message if check.overridden else "",
    )
    return commitment


@transaction.atomic
def commitment_release(
    *, commitment: ChampionCommitment, by: Any, on: datetime.date | None = None
) -> ChampionCommitment:
    """Stop a commitment counting after `on` (default today); its past months stay on record."""
    on = on or timezone.localdate()
    commitment.end = max(commitment.start, min(commitment.end, on))
    commitment.released_at = timezone.now()
    commitment.save(update_fields=["end", "released_at"])
    audit_record(
        actor=by,
        obj=commitment.champion,
        action="capacity_released",
        changes={"commitment": {"from": commitment.title, "to": f"ends {commitment.end}"}},
    )
    return commitment


# --- Nomination and review --------------------------------------------------------------------------


def _over_committed_after_edit(champion: Champion) -> capacity.MonthFigures | None:
    """The first month, from this month on, in which existing commitments exceed the (edited) agreement."""
    future = champion.commitments.filter(end__gte=timezone.localdate()).only(
        "hours_per_month", "start", "end"
    )
    commitments = [capacity.Commitment.of(c.hours_per_month, c.start, c.end) for c in future]
    if not commitments:
        return None
    start = max(capacity.Month.of(timezone.localdate()).first_day, min(c.period.start for c in commitments))
    end = max(c.period.end for c in commitments)
    for month in capacity.monthly(agreement_of(champion), commitments, capacity.Period(start, end)):
        if month.balance < 0:
            return month
    return None


def _validate_capacity_fields(champion: Champion) -> None:
    errors: dict[str, str] = {}
    if champion.hours_per_month and champion.capacity_start is None:
        errors["capacity_start"] = "Enter the date the agreed hours start"
    if champion.capacity_start and champion.capacity_end and champion.capacity_end < champion.capacity_start:
        errors["capacity_end"] = "The agreed period must end on or after the date it starts"
    if champion.hours_per_month and not champion.capacity_agreed_by.strip():
        errors["capacity_agreed_by"] = "Enter the line manager who agreed the hours"
    if errors:
        raise ValidationError(errors)


def _set_details(
    champion: Champion,
    *,
    topics: Iterable[SystemPriority] | None,
    places: Iterable[Place] | None,
    values: dict[str, Any],
) -> None:
    for name, value in values.items():
        setattr(champion, name, value.strip() if isinstance(value, str) and name != "level" else value)
    champion.methods = sorted(set(champion.methods))
    _validate_capacity_fields(champion)
    champion.full_clean(exclude=["person", "topics", "places", "nominated_by"])
    champion.save()
    if topics is not None:
        champion.topics.set(topics)
    if places is not None:
        champion.places.set(places)


@transaction.atomic
def champion_nominate(
    *,
    actor: User,
    person: User,
    level: str,
    methods: list[str],
    topics: Iterable[SystemPriority],
    places: Iterable[Place],
    offer: str = "",
    hours_per_month: Decimal = Decimal("0"),
    capacity_start: datetime.date | None = None,
    capacity_end: datetime.date | None = None,
    capacity_agreed_by: str = "",
    training_evidence: str = "",
    consent_to_list: bool = False,
    organisation: Organisation | None = None,
) -> Champion:
    """Propose someone (or oneself) for the register. Only the person can consent to being listed, so
    a nomination by someone else starts without consent and asks the person for it by email."""
    require(actor, "champion.nominate")
    if Champion.objects.filter(person=person).exists():
        existing = Champion.objects.get(person=person)
        raise ValidationError(
            {
                "person_email": f"{person.display_name} is already on the register "
                f"({existing.get_status_display().lower()})."
            }
        )
    organisation = organisation or person.organisation
    is_self = person.pk == actor.pk
    if organisation is None:
        raise ValidationError(
            {
                "person_email": "Add your organisation to your profile first."
                if is_self
                else f"{person.display_name} has no organisation on their profile yet."
            }
        )
    champion = Champion(person=person, nominated_by=actor, status=Status.PROPOSED)
    champion.consent_to_list = bool(consent_to_list) and is_self
    champion.consent_at = timezone.now() if champion.consent_to_list else None
    _set_details(
        champion,
        topics=topics,
        places=places,
        values={
            "organisation": organisation,
            "level": level,
            "methods": list(methods),
            "offer": offer,
            "hours_per_month": hours_per_month or Decimal("0"),
            "capacity_start": capacity_start,
            "capacity_end": capacity_end,
            "capacity_agreed_by": capacity_agreed_by,
            "training_evidence": training_evidence,
        },
    )
    audit_record(
        actor=actor,
        obj=champion,
        action="nominated",
        changes=changes_between({}, snapshot(champion, [*DETAIL_FIELDS, "consent_to_list"])),
        message="Self-nomination" if is_self else f"Nominated by {actor.display_name}",
    )
    notify(
        recipients=_admin_emails(),
        subject="A QI champion nomination is waiting for review",
        template="champions/emails/to_review.txt",
        context={"champion": champion, "nominator": actor},
    )
    if not is_self:
        notify(
            recipients=[person.email],
            subject="You have been nominated as a QI champion",
            template="champions/emails/nominated.txt",
            context={"champion": champion, "nominator": actor},
        )
    return champion


@transaction.atomic
def champion_update(
    *,
    champion: Champion,
    actor: Any,
    topics: Iterable[SystemPriority] | None = None,
    places: Iterable[Place] | None = None,
    override_reason: str | None = None,
    expected_version: int | None = None,
    **values: Any,
) -> Champion:
    """An admin edits an entry's details or capacity. Lowering the agreed capacity below what is already
    committed needs an override with a reason. `expected_version` is the version the admin opened."""
    require(actor, "champion.manage")
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown champion fields: {sorted(unknown)}")
    claim_version(champion, expected_version, noun="champion entry")
    champion = Champion.objects.select_for_update().get(pk=champion.pk)
    before = snapshot(champion, DETAIL_FIELDS)
    _set_details(champion, topics=topics, places=places, values=values)
    short = _over_committed_after_edit(champion)
    reason = (override_reason or "").strip()
    if short is not None and not reason:
        raise ValidationError(
            {
                "hours_per_month": f"Existing commitments need {short.committed} hours a month in "
                f"{short.month.label()}, more than the {short.agreed} agreed. Give a reason to override."
            }
        )
    changes = changes_between(before, snapshot(champion, DETAIL_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            obj=champion,
            action="capacity_overridden" if short is not None else "edited",
            changes=changes,
            message=f"Over-committed from {short.month.label()}: {reason}" if short is not None else "",
        )
    return champion


@transaction.atomic
def champion_set_status(*, champion: Champion, actor: Any, status: str, reason: str = "") -> Champion:
    """Approve, pause, resume, retire or reinstate an entry; pausing, retiring, reinstating need a reason."""
    require(actor, "champion.manage")
    champion = Champion.objects.select_for_update().get(pk=champion.pk)
    allowed = TRANSITIONS.get(champion.status, {})
    if status not in allowed:
        raise ValidationError(
            {
                "status": f"An entry that is {champion.get_status_display().lower()} cannot become "
                f"{Status(status).label.lower() if status in Status.values else status}."
            }
        )
    reason = reason.strip()
    if allowed[status] and not reason:
        raise ValidationError({"reason": "Give a reason: it is kept in the entry's history"})
    before = champion.status
    champion.status = status
    champion.status_reason = reason
    champion.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(
        actor=actor,
        obj=champion,
        action=ACTION_NAMES.get((before, status), str(status)),
        changes={"status": {"from": Status(before).label, "to": Status(status).label}},
        message=reason,
    )
    return champion


def champion_approve(*, champion: Champion, actor: Any, reason: str = "") -> Champion:
    return champion_set_status(champion=champion, actor=actor, status=Status.ACTIVE, reason=reason)


def champion_pause(*, champion: Champion, actor: Any, reason: str) -> Champion:
    return champion_set_status(champion=champion, actor=actor, status=Status.PAUSED, reason=reason)


def champion_retire(*, champion: Champion, actor: Any, reason: str) -> Champion:
    return champion_set_status(champion=champion, actor=actor, status=Status.RETIRED, reason=reason)


@transaction.atomic
def champion_set_consent(*, champion: Champion, actor: Any, consent: bool) -> Champion:
    """The person gives or withdraws consent to be listed (an admin may record it on their behalf)."""
    if actor.pk != champion.person_id and not is_admin(actor):
        raise PermissionDenied("Only the person themselves may give or withdraw consent.")
    if champion.consent_to_list == consent:
        return champion
    champion.consent_to_list = consent
    champion.consent_at = timezone.now() if consent else None
    champion.save(update_fields=["consent_to_list", "consent_at", "updated_at"])
    audit_record(
        actor=actor,
        obj=champion,
        action="consent_given" if consent else "consent_withdrawn",
        changes={"consent_to_list": {"from": not consent, "to": consent}},
    )
    return champion
