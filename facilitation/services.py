"""Writes for facilitation requests: drafts, status moves, triage, scores, decisions, the framework.

Every change of status goes through `_move`, which asks the status machine, records a Transition (who,
when, from, to, why) and an audit entry, and emails the requester when someone else moved their request.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from champions import services as champion_services
from champions.models import Champion
from community.models import User
from core.audit import audit_record, changes_between, snapshot
from core.notify import notify
from core.permissions import can, require
from core.versioning import claim_version
from facilitation import choices, scoring, signals
from facilitation.framework_defaults import DEFAULT_CRITERIA
from facilitation.models import (
    Assignment,
    Criterion,
    CriterionScore,
    Decision,
    FacilitationRequest,
    FrameworkVersion,
    Meeting,
    ScoreSheet,
    Transition,
)
from facilitation.permissions import actors
from facilitation.status import Action, Actor, Status, TransitionRefused, check
from together import services as activity

EDITABLE_FIELDS = [
    "title",
    "team",
    "organisations",
    "place",
    "challenge",
    "aim",
    "related_project",
    "system_priority",
    "direction",
    "support_wanted",
    "timescale",
    "success_factors",
]
OUTCOME_ACTIONS = {
    "accept": Action.ACCEPT,
    "signpost": Action.SIGNPOST,
    "defer": Action.DEFER,
    "decline": Action.DECLINE,
}


def _lock(request: FacilitationRequest) -> None:
    """Lock the request's row until the transaction ends and check that its status is still the one the
    caller read: two people deciding at once get one decision and a clear refusal, never two."""
    current = (
        FacilitationRequest.objects.select_for_update().values_list("status", flat=True).get(pk=request.pk)
    )
    if current != request.status:
        request.status = current
        raise ValidationError(
            f"Someone else changed this request meanwhile: it is now {Status(current).label.lower()}. "
            "Nothing has been changed; look at it again before you act."
        )


def _move(
    *, actor: User | None, request: FacilitationRequest, action: Action, reason: str = ""
) -> Transition:
    """Move a request through the status machine; `actor` None is the review-date schedule. Callers run
    in a transaction: the row stays locked from the check to the commit."""
    _lock(request)
    acting_as = actors(actor, request) if actor is not None else frozenset({Actor.SCHEDULE})
    try:
        move = check(request.status, action, acting_as, reason)
    except TransitionRefused as refused:
        field = "reason" if "reason" in str(refused) else None
        raise ValidationError({field: str(refused)} if field else str(refused)) from None
    before = request.status
    request.status = move.target
    fields = ["status", "updated_at"]
    if action is Action.SUBMIT:
        request.submitted_at = timezone.now()
        fields.append("submitted_at")
    request.save(update_fields=fields)
    entry = Transition.objects.create(
        request=request, actor=actor, action=action, from_status=before, to_status=move.target, reason=reason
    )
    audit_record(
        actor=actor,
        obj=request,
        action=f"request_{action}",
        changes={"status": {"from": Status(before).label, "to": move.target.label}},
        message=reason,
    )
    if actor is None or actor.pk != request.requester_id:
        notify(
            recipients=[request.requester.email],
            subject=f"Your facilitation request is now {move.target.label.lower()}",
            template="facilitation/emails/status_changed.txt",
            context={"request": request, "transition": entry, "status": move.target.label},
        )
    if move.target != Status.DRAFT:
        who = actor.display_name if actor is not None else "The review schedule"
        activity.record(subject=request, actor=actor, text=f"{who} moved it to {move.target.label.lower()}")
    return entry


NULLABLE = ("place", "system_priority", "related_project")

SUBMIT_MESSAGES = {
    "title": "Enter a title for your request",
    "team": "Enter the name of your team",
    "organisations": "Choose at least one organisation",
    "challenge": "Describe the challenge you face",
    "aim": "Say what you want to achieve",
    "direction": "Say whether this is a system challenge (tight) or your team's own idea (loose)",
    "support_wanted": "Choose the support you would like",
    "timescale": "Choose a timescale",
}


def missing_for_submission(request: FacilitationRequest) -> dict[str, str]:
    """Field messages for what a draft still lacks before it can be submitted."""
    missing = {}
    for name, message in SUBMIT_MESSAGES.items():
        if name == "organisations":
            present = request.organisations.exists()
        else:
            value = getattr(request, name)
            present = bool(value.strip() if isinstance(value, str) else value)
        if not present:
            missing[name] = message
    return missing


@transaction.atomic
def request_save(
    *,
    actor: User,
    request: FacilitationRequest | None = None,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> FacilitationRequest:
    """Create a draft, or update a request its requester (draft, returned) or an admin (triage) may edit;
    `expected_version` is the version the person opened (core.versioning)."""
    if request is None:
        request = FacilitationRequest(requester=actor, status=Status.DRAFT)
    elif not can(actor, "facilitation_request.edit", request):
        raise PermissionDenied("This request cannot be changed now.")
    else:
        claim_version(request, expected_version, noun="request")
    before = snapshot(request, EDITABLE_FIELDS) if request.pk else {}
    organisations = values.get("organisations")
    for name in EDITABLE_FIELDS:
        if name != "organisations" and name in values:
            default: Any = [] if name in ("support_wanted", "success_factors") else ""
            value = values[name]
            setattr(request, name, value if value is not None or name in NULLABLE else default)
    if not (request.title or "").strip():
        raise ValidationError({"title": "Enter a title for your request"})
    request.full_clean(exclude=[n for n in SUBMIT_MESSAGES if n != "title"])
    created = request.pk is None
    request.save()
    if organisations is not None:
        request.organisations.set(organisations)
    after = snapshot(request, EDITABLE_FIELDS)
    if created:
        audit_record(actor=actor, obj=request, action="request_created")
    elif changes := changes_between(before, after):
        audit_record(actor=actor, obj=request, action="request_edited", changes=changes)
    return request


@transaction.atomic
def request_submit(*, actor: User, request: FacilitationRequest) -> Transition:
    missing = missing_for_submission(request)
    if missing:
        raise ValidationError(missing)
    return _move(actor=actor, request=request, action=Action.SUBMIT)


TRIAGE_ACTIONS = {
    "start_triage": Action.START_TRIAGE,
    "return": Action.RETURN,
    "queue": Action.QUEUE,
    "signpost": Action.SIGNPOST,
}


@transaction.atomic
def request_triage(
    *, actor: User, request: FacilitationRequest, action: str, message: str = ""
) -> Transition:
    """An admin's triage step: start, return for more information, ready for the queue, or signpost."""
    require(actor, "facilitation_request.triage", request)
    if action not in TRIAGE_ACTIONS:
        raise ValidationError({"action": "Choose what to do with the request"})
    transition = _move(actor=actor, request=request, action=TRIAGE_ACTIONS[action], reason=message.strip())
    if action == "signpost":
        Decision.objects.create(
            request=request, outcome="signpost", rationale=message.strip(), decided_by=actor
        )
    return transition


@transaction.atomic
def request_decide(
    *,
    actor: User,
    request: FacilitationRequest,
    outcome: str,
    support_level: str = "",
    rationale: str = "",
    review_date: datetime.date | None = None,
    meeting: Meeting | None = None,
) -> Decision:
    """The steering group's decision on a queued request."""
    require(actor, "facilitation_request.decide", request)
    errors: dict[str, str] = {}
    if outcome not in OUTCOME_ACTIONS:
        errors["outcome"] = "Choose a decision"
    elif outcome == "accept" and support_level not in dict(choices.SUPPORT_LEVELS):
        errors["support_level"] = "Choose the level of support to give"
    elif outcome == "defer" and review_date is None:
        errors["review_date"] = "Enter the date to review the request again"
    elif outcome == "defer" and review_date is not None and review_date <= timezone.localdate():
        errors["review_date"] = "The review date must be in the future"
    elif outcome in ("signpost", "defer", "decline") and not rationale.strip():
        errors["rationale"] = "Give the reason: the requester will see it"
    if errors:
        raise ValidationError(errors)
    _lock(request)
    # Set before the move, so the email the move sends can say the support level or review date.
    request.support_level = support_level if outcome == "accept" else ""
    request.review_date = review_date if outcome == "defer" else None
    request.save(update_fields=["support_level", "review_date"])
    _move(actor=actor, request=request, action=OUTCOME_ACTIONS[outcome], reason=rationale.strip())
    decision = Decision.objects.create(
        request=request,
        outcome=outcome,
        support_level=request.support_level,
        rationale=rationale.strip(),
        review_date=request.review_date,
        meeting=meeting,
        decided_by=actor,
        score_at_decision=request.priority_score,
    )
    if meeting is not None:
        _record_in_steering_group_minutes(decision, meeting)
    return decision


def _record_in_steering_group_minutes(decision: Decision, meeting: Meeting) -> None:
    """A decision made in the queue's meeting mode also appears in the steering group's meeting record
    (governance listens for `decided_in_meeting`; this app does not know how minutes are kept)."""
    outcome = dict(choices.OUTCOMES)[decision.outcome]
    detail = (
        dict(choices.SUPPORT_LEVELS)[decision.support_level]
        if decision.outcome == "accept"
        else f"review on {decision.review_date:%d %B %Y}"
        if decision.outcome == "defer" and decision.review_date
        else decision.rationale
    )
    signals.decided_in_meeting.send(
        sender=Decision,
        decision=decision,
        held_on=meeting.held_on,
        summary=f"{outcome}: {decision.request.title}" + (f" ({detail})" if detail else ""),
        label=f"facilitation request {decision.request.title}",
    )


def deferred_requeue_due(today: datetime.date | None = None) -> int:
    """Bring every deferred request whose review date has come back to the queue (the daily schedule);
    each move is recorded and the requester emailed. Returns how many came back."""
    today = today or timezone.localdate()
    moved = 0
    for pk in FacilitationRequest.objects.filter(status=Status.DEFERRED, review_date__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            request = FacilitationRequest.objects.select_for_update().get(pk=pk)
            if request.status != Status.DEFERRED:
                continue  # someone brought it back meanwhile
            _move(actor=None, request=request, action=Action.REQUEUE, reason="Its review date has come.")
            moved += 1
    return moved


@transaction.atomic
def request_requeue(*, actor: User, request: FacilitationRequest, reason: str = "") -> Transition:
    require(actor, "facilitation_request.manage", request)
    return _move(actor=actor, request=request, action=Action.REQUEUE, reason=reason.strip())


@transaction.atomic
def request_start(*, actor: User, request: FacilitationRequest) -> Transition:
    require(actor, "facilitation_request.manage", request)
    return _move(actor=actor, request=request, action=Action.START)


@transaction.atomic
def request_close(*, actor: User, request: FacilitationRequest, outcome: str) -> Transition:
    """Close the work, recording what it achieved."""
    require(actor, "facilitation_request.manage", request)
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what the work achieved"})
    request.outcome = outcome.strip()
    request.save(update_fields=["outcome"])
    transition = _move(actor=actor, request=request, action=Action.CLOSE, reason=outcome.strip())
    # Closing frees the facilitators' time from today on; the months already worked stay on record.
    _release_assignments(actor=actor, request=request)
    return transition


# --- the framework ---------------------------------------------------------------------------------


def current_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.order_by("-number").first()


def framework_ensure_default() -> FrameworkVersion:
    """The current version, creating version 1 from the default criteria when there is none."""

    version = current_version()
    if version is None:
        version = FrameworkVersion.objects.create(
            number=1, note="The framework agreed when the portal opened."
        )
        Criterion.objects.bulk_create(
            Criterion(version=version, name=name, description=description, weight=Decimal(weight), order=i)
            for i, (name, description, weight) in enumerate(DEFAULT_CRITERIA)
        )
    return version


@dataclass(frozen=True)
class CriterionInput:
    name: str
    description: str
    weight: Decimal


@transaction.atomic
def framework_update(*, actor: User, criteria: Sequence[CriterionInput], note: str = "") -> FrameworkVersion:
    """Save the criteria as a new framework version; earlier scores keep the version they were given under."""
    require(actor, "facilitation_framework.edit")
    if not criteria:
        raise ValidationError({"criteria": "Keep at least one criterion"})
    names = [c.name.strip() for c in criteria]
    if any(not n for n in names):
        raise ValidationError({"criteria": "Every criterion needs a name"})
    if len(set(n.lower() for n in names)) != len(names):
        raise ValidationError({"criteria": "Two criteria have the same name"})
    for item in criteria:
        try:
            scoring.check_weight(item.weight)
        except scoring.ScoringError as error:
            raise ValidationError({"criteria": str(error)}) from None
    latest = FrameworkVersion.objects.select_for_update().order_by("-number").first()
    version = FrameworkVersion.objects.create(
        number=(latest.number + 1) if latest else 1, created_by=actor, note=note.strip()
    )
    Criterion.objects.bulk_create(
        Criterion(
            version=version, name=c.name.strip(), description=c.description.strip(), weight=c.weight, order=i
        )
        for i, c in enumerate(criteria)
    )
    audit_record(
        actor=actor,
        obj=version,
        action="framework_updated",
        changes={"criteria": [f"{c.name.strip()} (weight {c.weight})" for c in criteria]},
        message=note.strip(),
    )
    return version


# --- scores ----------------------------------------------------------------------------------------


def _recalculate(request: FacilitationRequest) -> Decimal | None:
    sheets = ScoreSheet.objects.filter(request=request).prefetch_related("items__criterion")
    score = scoring.priority_score(
        [[scoring.CriterionValue(i.criterion.weight, i.value) for i in s.items.all()] for s in sheets]
    )
    request.priority_score = score
    request.save(update_fields=["priority_score"])
    return score


@transaction.atomic
def request_score(
    *, actor: User, request: FacilitationRequest, values: dict[int, tuple[int, str]]
) -> ScoreSheet:
    """Record (or replace) this member's scores under the current framework version.

    `values` maps criterion id to (score from 0 to 3, comment)."""
    require(actor, "facilitation_request.score", request)
    version = current_version()
    if version is None:
        raise ValidationError("The steering group has not set up the prioritisation framework yet.")
    criteria = list(version.criteria.all())
    errors = {}
    for criterion in criteria:
        if criterion.pk not in values:
            errors[f"criterion_{criterion.pk}"] = f"Score “{criterion.name}” from 0 to 3"
            continue
        try:
            scoring.check_value(values[criterion.pk][0])
        except scoring.ScoringError as error:
            errors[f"criterion_{criterion.pk}"] = str(error)
    if errors:
        raise ValidationError(errors)
    sheet_value = scoring.sheet_score([scoring.CriterionValue(c.weight, values[c.pk][0]) for c in criteria])
    sheet, _ = ScoreSheet.objects.update_or_create(
        request=request,
        scorer=actor,
        defaults={
            "version": version,
            "score": round(Decimal(sheet_value.numerator) / sheet_value.denominator, 2),
        },
    )
    sheet.items.all().delete()
    CriterionScore.objects.bulk_create(
        CriterionScore(sheet=sheet, criterion=c, value=values[c.pk][0], comment=values[c.pk][1].strip())
        for c in criteria
    )
    score = _recalculate(request)
    audit_record(
        actor=actor,
        obj=request,
        action="request_scored",
        changes={"scores": [f"{c.name}: {values[c.pk][0]}" for c in criteria]},
        message=f"Priority score now {score}",
    )
    return sheet


@transaction.atomic
def meeting_start(*, actor: User, held_on: datetime.date, title: str = "") -> Meeting:
    require(actor, "facilitation_framework.edit")  # the steering group and admins run meetings
    meeting = Meeting.objects.create(held_on=held_on, title=title.strip(), started_by=actor)
    audit_record(actor=actor, obj=meeting, action="meeting_started")
    return meeting


# --- assignments -----------------------------------------------------------------------------------


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    request: FacilitationRequest,
    champion: Champion,
    hours_per_month: Decimal,
    start: datetime.date,
    end: datetime.date,
    override_reason: str = "",
) -> Assignment:
    """Commit a champion's hours to an accepted request, through the register's capacity rule.

    Refused (a ValidationError on `hours_per_month`) when it would take any month over the champion's
    agreed capacity, unless a community admin overrides with a reason. The first assignment starts the
    work; the champion is emailed.
    """
    require(actor, "facilitation_request.assign", request)
    if hours_per_month is None or hours_per_month <= 0:
        raise ValidationError({"hours_per_month": "Enter the hours per month, more than zero"})
    if end < start:
        raise ValidationError({"end": "The end must be on or after the start"})
    assignment = Assignment.objects.create(
        request=request,
        champion=champion,
        hours_per_month=hours_per_month,
        start=start,
        end=end,
        override_reason=override_reason.strip(),
        assigned_by=actor,
    )
    commitment = champion_services.commitment_create(
        champion=champion,
        hours_per_month=hours_per_month,
        start=start,
        end=end,
        title=f"Facilitation: {request.title}"[:200],
        by=actor,
        source="facilitation",
        source_ref=str(assignment.pk),
        override_reason=override_reason.strip() or None,
    )
    assignment.commitment = commitment
    if not commitment.override_reason:
        assignment.override_reason = ""
    assignment.save(update_fields=["commitment", "override_reason"])
    audit_record(
        actor=actor,
        obj=request,
        action="champion_assigned",
        changes={
            "facilitator": {
                "from": None,
                "to": f"{champion.person.display_name}: {hours_per_month} h/month, {start} to {end}",
            }
        },
        message=assignment.override_reason and f"Capacity overridden: {assignment.override_reason}",
    )
    notify(
        recipients=[champion.person.email],
        subject=f"You have been asked to facilitate “{request.title}”",
        template="facilitation/emails/assigned.txt",
        context={"request": request, "assignment": assignment, "champion": champion},
    )
    if request.status == Status.ACCEPTED:
        _move(actor=actor, request=request, action=Action.START)
    return assignment


def _release_assignments(*, actor: User, request: FacilitationRequest) -> int:
    today = timezone.localdate()
    released = 0
    for assignment in request.assignments.filter(released_at__isnull=True).select_related("commitment"):
        if assignment.commitment is not None:
            champion_services.commitment_release(commitment=assignment.commitment, by=actor, on=today)
        assignment.released_at = timezone.now()
        assignment.end = max(assignment.start, min(assignment.end, today))
        assignment.save(update_fields=["released_at", "end"])
        released += 1
    return released
