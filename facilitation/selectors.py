"""Reads of facilitation requests, scoped to the user, shared by pages and the API."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone

from champions import capacity
from champions import selectors as champion_selectors
from champions.models import Champion, Method
from community import selectors as community_selectors
from community.models import User
from core import counting
from core.audit import audit_trail
from core.cache import kept
from core.permissions import can
from facilitation import choices
from facilitation.matching import methods_for, related_places_of_each
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
from facilitation.permissions import is_admin, is_decider
from facilitation.portfolio import Tally
from facilitation.scoring import may_see_others_scores
from facilitation.status import OPEN, STATUS_LABELS, TRIAGE, Status
from projects.models import Project
from projects.overlap import similar_projects


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


def queue(*, by_score: bool = True) -> QuerySet[FacilitationRequest]:
    """Queued requests by priority score (unscored last) then age, with their score sheets; with
    `by_score=False`, oldest first (for someone the score order would tell what they may not see)."""
    order = (F("priority_score").desc(nulls_last=True),) if by_score else ()
    return (
        _base()
        .filter(status=Status.QUEUED)
        .prefetch_related(
            Prefetch("score_sheets", queryset=ScoreSheet.objects.select_related("scorer", "version"))
        )
        .order_by(*order, "submitted_at", "pk")
    )


def scores_hidden_from(user: User) -> bool:
    """Whether any queued request's scores are hidden from this person (they have not scored it yet): then
    the order of the queue by score would reveal what the scores themselves hide."""
    if may_see_others_scores(is_admin=is_admin(user), has_scored=False):
        return False
    return queued_not_scored_by(user).exists()


def queued_not_scored_by(user: User) -> QuerySet[FacilitationRequest]:
    """Queued requests this person has not scored yet."""
    return FacilitationRequest.objects.filter(status=Status.QUEUED).exclude(
        pk__in=ScoreSheet.objects.filter(scorer_id=user.pk).values("request_id")
    )


def deferred() -> QuerySet[FacilitationRequest]:
    """Deferred requests, due for review soonest first: their titles and review dates only (the queue lists
    them as links; a whole request with its requester, place and related project is a page's worth)."""
    return (
        FacilitationRequest.objects.filter(status=Status.DEFERRED)
        .only("pk", "title", "review_date", "submitted_at")
        .order_by("review_date", "submitted_at")
    )


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


def scored_request_ids(user: User) -> set[int]:
    return set(ScoreSheet.objects.filter(scorer=user).values_list("request_id", flat=True))


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

METHOD_LABELS = dict(Method.choices)

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


SIMILAR_CACHE_FOR = 600


def similar_open_requests(
    request: FacilitationRequest, limit: int = 5
) -> list[tuple[FacilitationRequest, float]]:
    """Other open requests that look alike: shared words in title, challenge and aim; same priority
    or place. Comparing with every open request takes most of a second at national size, so which ones
    were found is cached until the request changes or another is added (or SIMILAR_CACHE_FOR seconds);
    the requests are read afresh, so one that has closed since drops out."""
    newest = FacilitationRequest.objects.aggregate(newest=Max("pk"))["newest"]
    key = f"facilitation:similar:{request.pk}:{request.updated_at.isoformat()}:{newest}:{limit}"
    found: list[tuple[int, float]] = kept(
        key,
        lambda: [(other.pk, score) for other, score in _similar_open_requests(request, limit)],
        SIMILAR_CACHE_FOR,
    )
    still_open = FacilitationRequest.objects.filter(status__in=OPEN, pk__in=[pk for pk, _ in found])
    by_pk = {r.pk: r for r in still_open.only(*SIMILAR_FIELDS)}
    return [(by_pk[pk], score) for pk, score in found if pk in by_pk]


SIMILAR_FIELDS = (
    "pk",
    "title",
    "challenge",
    "aim",
    "status",
    "system_priority_id",
    "place_id",
    "submitted_at",
)


def _similar_open_requests(
    request: FacilitationRequest, limit: int
) -> list[tuple[FacilitationRequest, float]]:
    mine = _words(request.title, request.challenge, request.aim)
    candidates = (
        FacilitationRequest.objects.filter(status__in=OPEN).exclude(pk=request.pk).only(*SIMILAR_FIELDS)
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


# The portfolio's dimensions: the field grouped on, and how its stored value reads.
PORTFOLIO_GROUPS: dict[str, tuple[str, Any]] = {
    "status": ("status", lambda v: STATUS_LABELS[Status(v)]),
    "support_level": ("support_level", lambda v: choices.label(choices.SUPPORT_LEVELS, v)),
    "priority": ("system_priority__name", str),
    "organisation": ("organisation_label", str),
    "place": ("place__name", str),
}


def portfolio_summary(none: str = "Not given") -> dict[str, list[tuple[str, Tally]]]:
    """`portfolio.summarise` counted in the database (one query a dimension, whatever the number of
    requests): each dimension → [(value, tally)], largest first; a request with several organisations
    counts once under each."""
    active = Q(assignments__released_at__isnull=True)
    requests = FacilitationRequest.objects.exclude(status=Status.DRAFT).order_by()
    summary = {}
    for key, (group, label) in PORTFOLIO_GROUPS.items():
        rows = requests
        if key == "organisation":  # joined only here: the join repeats a request once per organisation
            rows = rows.annotate(
                organisation_label=Coalesce(
                    NullIf("organisations__short_name", Value("")), "organisations__name"
                )
            )
        counted = rows.values(group).annotate(
            requests=Count("pk", distinct=True),
            hours=Coalesce(Sum("assignments__hours_per_month", filter=active), Decimal(0)),
        )
        found = counting.grouped(counted, "requests")  # kept a minute when there are many
        tallies = [(label(r[group]) if r[group] else none, Tally(r["requests"], r["hours"])) for r in found]
        summary[key] = sorted(tallies, key=lambda kv: (-kv[1].requests, kv[0]))
    return summary


def portfolio_hours() -> Decimal:
    """Facilitator hours a month committed to the portfolio's requests by those still assigned."""
    total = Assignment.objects.filter(released_at__isnull=True).exclude(request__status=Status.DRAFT)
    return total.aggregate(total=Sum("hours_per_month"))["total"] or Decimal(0)


def hours_by_request(request_ids: list[int]) -> dict[int, Decimal]:
    """Hours per month committed to each request by its facilitators who are still assigned."""
    rows = (
        Assignment.objects.filter(request_id__in=request_ids, released_at__isnull=True)
        .values("request_id")
        .annotate(total=Sum("hours_per_month"))
    )
    return {row["request_id"]: row["total"] for row in rows}


def assignments_for(request: FacilitationRequest) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(request=request)
        .select_related("champion__person", "assigned_by")
        .order_by("released_at", "start", "pk")
    )


def default_period(today: datetime.date | None = None, months: int = 6) -> capacity.Period:
    """From today to the end of the month `months` months on (six by default): the period the queue's
    free capacity looks at."""
    start = today or timezone.localdate()
    end_month = capacity.Month.of(start)
    for _ in range(months - 1):
        end_month = end_month.next()
    return capacity.Period(start, end_month.last_day)


# How long the support is expected to run, from the timescale the requester chose ("flexible": six months).
MONTHS_BY_TIMESCALE = {"urgent": 1, "quarter": 3, "half_year": 6, "year": 12, "flexible": 6}


def assignment_period(request: FacilitationRequest, today: datetime.date | None = None) -> capacity.Period:
    """The period an assignment for this request would cover by default, and so the one suggestions
    weigh free time over: the request's own expected duration."""
    return default_period(today, months=MONTHS_BY_TIMESCALE.get(request.timescale, 6))


def suggestions(
    request: FacilitationRequest, *, hours_per_month: Decimal, period: capacity.Period
) -> list[capacity.Ranked]:
    """Champions ranked for this request by method, topic and place match and free capacity (the
    register's ranking), each with the reasons."""
    return champion_selectors.suggest(
        methods=methods_for(request.support_wanted, request.support_level),
        topic_ids=[request.system_priority_id] if request.system_priority_id else [],
        place=request.place,
        hours_per_month=hours_per_month,
        period=period,
    )


@dataclass(frozen=True)
class FreeCapacity:
    name: str
    free_hours: Decimal
    reasons: tuple[str, ...]
    until: datetime.date | None = None  # the champion's agreement ends before the period does


def matching_capacity(
    rows: list[FacilitationRequest], period: capacity.Period | None = None, limit: int = 3
) -> dict[int, list[FreeCapacity]]:
    """For each request, the matching champions with free time over `period`, best first (the register's
    ranking, asked once for all the requests)."""
    parents = community_selectors.place_parents() if rows else {}
    # Each place's surroundings once, from one walk of the tree: walking it per request cost 5 ms a page.
    around = related_places_of_each({r.place_id for r in rows}, parents)
    needs = {
        request.pk: capacity.Need(
            methods=methods_for(request.support_wanted, request.support_level),
            topic_ids=frozenset([request.system_priority_id]) if request.system_priority_id else frozenset(),
            place_ids=around[request.place_id],
        )
        for request in rows
    }
    # Only the best few with time are shown: a shortlist of four times as many leaves room for those
    # without enough time over the whole period (the shortlist knows only this month).
    ranked = champion_selectors.suggest_many(needs, period or default_period(), size=limit * 4)
    return {
        key: [
            FreeCapacity(r.candidate.name, r.candidate.free_hours, r.reasons, r.candidate.free_until)
            for r in found
            if r.has_time
        ][:limit]
        for key, found in ranked.items()
    }


# --- the project register ------------------------------------------------------------------------------


def related_project_choices() -> QuerySet[Project]:
    """Published projects a request can name as related (drafts are their teams' own business)."""
    return Project.objects.filter(published_at__isnull=False).only("pk", "title").order_by("title")


def similar_projects_for(request: FacilitationRequest) -> list[dict[str, Any]]:
    """Registered projects like this request, from the register's own overlap detection."""

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


OTHER_CHAMPIONS_SHOWN = 200


def champion_choices(ranked: list[capacity.Ranked]) -> list[tuple[str, str]]:
    """Choices for the assignment form: the suggested champions in rank order, then other listed ones by
    name, up to OTHER_CHAMPIONS_SHOWN (a register may hold tens of thousands: the form also takes any listed
    champion by email)."""
    choices = [
        (str(r.candidate.key), f"{r.candidate.name} ({r.candidate.free_hours:f} hours a month free)")
        for r in ranked
    ]
    suggested = {r.candidate.key for r in ranked}
    others = champion_selectors.listed_by_name().exclude(pk__in=suggested)
    choices += [(str(c.pk), f"{c.person.display_name} (not a match)") for c in others[:OTHER_CHAMPIONS_SHOWN]]
    return choices


def listed_champion(pk: int | None = None, *, email: str = "") -> Champion:
    """A listed champion by id, or by their account's email (case does not matter)."""
    if email:
        champion = champion_selectors.listed().filter(person__email__iexact=email.strip()).first()
        if champion is None:
            raise ValidationError({"other_email": "No listed champion has that email"})
        return champion
    champion = champion_selectors.listed().filter(pk=pk).first() if pk is not None else None
    if champion is None:
        raise ValidationError({"champion": "Choose a champion from the register"})
    return champion
