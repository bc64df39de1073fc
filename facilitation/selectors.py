"""Reads of facilitation requests, scoped to the user, shared by pages and the API."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from community.models import User
from core.audit import audit_trail
from core.permissions import can
from facilitation.models import (
    Criterion,
    CriterionScore,
    Decision,
    FacilitationRequest,
    FrameworkVersion,
    Meeting,
    ScoreSheet,
    Transition,
)
from facilitation.permissions import is_admin, is_decider
from facilitation.scoring import may_see_others_scores
from facilitation.status import OPEN, TRIAGE, Status
from projects.models import Project


def _base() -> QuerySet[FacilitationRequest]:
    return FacilitationRequest.objects.select_related(
        "requester", "place", "system_priority", "related_project"
    ).prefetch_related("organisations")


def visible_requests(user: User) -> QuerySet[FacilitationRequest]:
    """Every request this user may see: their own; all but others' drafts for the steering group;
    everything for admins."""
    rows = _base()
    if is_admin(user):
        return rows
    if is_decider(user):
        return rows.filter(Q(requester=user) | ~Q(status=Status.DRAFT))
    return rows.filter(requester=user)


def my_requests(user: User) -> QuerySet[FacilitationRequest]:
    return _base().filter(requester=user).order_by("-updated_at")


def request_for(user: User, pk: int) -> FacilitationRequest:
    """The request, or 404 when it does not exist or the user may not see it."""
    request = _base().filter(pk=pk).first()
    if request is None or not can(user, "facilitation_request.view", request):
        raise Http404("No such request")
    return request


def triage_list() -> QuerySet[FacilitationRequest]:
    return _base().filter(status__in=TRIAGE).order_by("submitted_at")


def returned_list() -> QuerySet[FacilitationRequest]:
    return _base().filter(status=Status.RETURNED).order_by("-updated_at")


def queue() -> QuerySet[FacilitationRequest]:
    """Queued requests by priority score (unscored last) then age, with their score sheets."""
    return (
        _base()
        .filter(status=Status.QUEUED)
        .prefetch_related(
            Prefetch("score_sheets", queryset=ScoreSheet.objects.select_related("scorer", "version"))
        )
        .order_by(F("priority_score").desc(nulls_last=True), "submitted_at", "pk")
    )


def deferred() -> QuerySet[FacilitationRequest]:
    return _base().filter(status=Status.DEFERRED).order_by("review_date", "submitted_at")


def transitions(request: FacilitationRequest) -> QuerySet[Transition]:
    return Transition.objects.filter(request=request).select_related("actor").order_by("at", "pk")


def decisions(request: FacilitationRequest) -> QuerySet[Decision]:
    return Decision.objects.filter(request=request).select_related("decided_by", "meeting")


def history(request: FacilitationRequest) -> Any:
    return audit_trail(request).order_by("-at")


def current_framework() -> FrameworkVersion | None:
    return (
        FrameworkVersion.objects.prefetch_related("criteria")
        .select_related("created_by")
        .order_by("-number")
        .first()
    )


def framework_versions() -> QuerySet[FrameworkVersion]:
    return (
        FrameworkVersion.objects.select_related("created_by").prefetch_related("criteria").order_by("-number")
    )


def own_sheet(user: User, request: FacilitationRequest) -> ScoreSheet | None:
    return (
        ScoreSheet.objects.filter(request=request, scorer=user)
        .select_related("version")
        .prefetch_related(Prefetch("items", queryset=CriterionScore.objects.select_related("criterion")))
        .first()
    )


def visible_sheets(user: User, request: FacilitationRequest) -> list[ScoreSheet]:
    """The score sheets this user may read: all once they have scored (or are an admin), else their own."""
    sheets = list(
        ScoreSheet.objects.filter(request=request)
        .select_related("scorer", "version")
        .prefetch_related(Prefetch("items", queryset=CriterionScore.objects.select_related("criterion")))
        .order_by("scored_at")
    )
    has_scored = any(s.scorer_id == user.pk for s in sheets)
    if may_see_others_scores(is_admin=is_admin(user), has_scored=has_scored):
        return sheets
    return [s for s in sheets if s.scorer_id == user.pk]


def may_see_scores(user: User, request: FacilitationRequest) -> bool:
    has_scored = ScoreSheet.objects.filter(request=request, scorer=user).exists()
    return may_see_others_scores(is_admin=is_admin(user), has_scored=has_scored)


def sheets_visible_in_queue(user: User, rows: list[FacilitationRequest]) -> dict[int, bool]:
    """For each queued request: may this user see its scores? (uses the prefetched sheets)."""
    admin = is_admin(user)
    return {
        r.pk: may_see_others_scores(
            is_admin=admin, has_scored=any(s.scorer_id == user.pk for s in r.score_sheets.all())
        )
        for r in rows
    }


def criteria_for(version: FrameworkVersion) -> QuerySet[Criterion]:
    return version.criteria.order_by("order", "pk")


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("started_by").order_by("-held_on", "-pk")


def meeting_for(pk: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def meeting_decisions(meeting: Meeting) -> QuerySet[Decision]:
    return meeting.decisions.select_related("request", "decided_by").order_by("decided_at")


# --- similar open requests ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "have",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "this",
        "to",
        "we",
        "with",
        "want",
        "would",
        "need",
        "help",
    ]
)


def _words(*texts: str) -> set[str]:
    return {w for t in texts for w in _WORD.findall((t or "").lower()) if len(w) > 2 and w not in _STOP}


def similar_open_requests(
    request: FacilitationRequest, limit: int = 5
) -> list[tuple[FacilitationRequest, float]]:
    """Other open requests that look alike: shared words in title, challenge and aim; same priority
    or place."""
    mine = _words(request.title, request.challenge, request.aim)
    candidates = (
        FacilitationRequest.objects.filter(status__in=OPEN)
        .exclude(pk=request.pk)
        .only("pk", "title", "challenge", "aim", "status", "system_priority_id", "place_id", "submitted_at")
    )
    scored = []
    for other in candidates:
        theirs = _words(other.title, other.challenge, other.aim)
        overlap = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
        bonus = 0.0
        if request.system_priority_id and other.system_priority_id == request.system_priority_id:
            bonus += 0.1
        if request.place_id and other.place_id == request.place_id:
            bonus += 0.05
        if overlap >= 0.08:
            scored.append((other, round(overlap + bonus, 3)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


# --- portfolio ---------------------------------------------------------------------------------------


def portfolio() -> QuerySet[FacilitationRequest]:
    """All facilitation work past the draft stage, for the steering group, board and admins."""
    return _base().exclude(status=Status.DRAFT).order_by("-submitted_at", "-pk")


def hours_by_request(request_ids: list[int]) -> dict[int, Any]:
    """Hours per month committed to each request by its facilitators (none until assignment exists)."""
    return {}


# --- the project register ------------------------------------------------------------------------------


def related_project_choices() -> QuerySet[Project]:
    """Published projects a request can name as related (drafts are their teams' own business)."""
    return Project.objects.filter(published_at__isnull=False).only("pk", "title").order_by("title")


def similar_projects_for(request: FacilitationRequest) -> list[dict[str, Any]]:
    """Registered projects like this request, from the register's own overlap detection."""
    from projects.overlap import similar_projects

    found = similar_projects(
        title=request.title,
        problem=request.challenge,
        aim=request.aim,
        priority_ids=[request.system_priority_id] if request.system_priority_id else [],
        place_ids=[request.place_id] if request.place_id else [],
        exclude_id=request.related_project_id,
    )
    return [
        {"title": s.project.title, "url": s.project.get_absolute_url(), "reasons": list(s.reasons)}
        for s in found
    ]
