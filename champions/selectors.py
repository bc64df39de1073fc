"""Reads of the champion register, scoped to the user, shared by the pages and the API."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404
from django.utils import timezone

from champions import capacity, dosage, shortlist
from champions import contributions as contributions_rules
from champions.capacity import Month
from champions.models import Champion, ChampionCommitment, Level, Method
from community.models import Organisation, Place, User
from community.selectors import related_place_ids
from core import counting
from core.audit import audit_trail
from core.cache import kept
from core.permissions import can
from projects.models import TeamMember
from projects.selectors import celebrated_for
from training import selectors as training_selectors
from training.figures_db import advanced_and_leadership

HOURS = DecimalField(max_digits=7, decimal_places=1)


def _base() -> QuerySet[Champion]:
    return Champion.objects.select_related("person", "organisation").prefetch_related(
        "topics", Prefetch("places", queryset=Place.objects.order_by("name"))
    )


def with_free_now(queryset: QuerySet[Champion], today: datetime.date | None = None) -> QuerySet[Champion]:
    """Annotate `agreed_now`, `committed_now` and `free_now` (hours this calendar month), computed in SQL by
    the same monthly rule as `capacity.free_hours` for this month."""
    month = capacity.Month.of(today or timezone.localdate())
    first, last = month.first_day, month.last_day
    committed = (
        ChampionCommitment.objects.filter(champion=OuterRef("pk"), start__lte=last, end__gte=first)
        .order_by()
        .values("champion")
        .annotate(total=Sum("hours_per_month"))
        .values("total")
    )
    agreed = Case(
        When(
            (Q(capacity_start__isnull=True) | Q(capacity_start__lte=last))
            & (Q(capacity_end__isnull=True) | Q(capacity_end__gte=first)),
            then="hours_per_month",
        ),
        default=Value(Decimal("0")),
        output_field=HOURS,
    )
    committed_now = Coalesce(Subquery(committed, output_field=HOURS), Value(Decimal("0")), output_field=HOURS)
    return queryset.annotate(
        agreed_now=agreed,
        committed_now=committed_now,
        free_now=Greatest(agreed - committed_now, Value(Decimal("0")), output_field=HOURS),
    )


def _listed_filter() -> Q:
    """Listed: active, consenting to be listed, and still holding an active account."""
    return Q(status=Champion.Status.ACTIVE, consent_to_list=True, person__is_active=True)


def listed() -> QuerySet[Champion]:
    """Champions staff may see: active, consenting to be listed, and still holding an active account."""
    return with_free_now(_base().filter(_listed_filter()))


def listed_by_name() -> QuerySet[Champion]:
    """Listed champions by name, reading only their names: for menus (an assignment's other champions)."""
    return (
        Champion.objects.filter(_listed_filter())
        .select_related("person")
        .only("person__first_name", "person__last_name", "person__email")
        .order_by("person__first_name", "person__last_name", "pk")
    )


def directory(user: Any) -> QuerySet[Champion]:
    """The directory is the same for every member of staff: listed champions only (admins manage the rest
    from the register's review pages)."""
    return listed()


def register(user: Any) -> QuerySet[Champion]:
    """Every entry, whatever its status: for community admins only."""
    if not can(user, "champion.manage"):
        return Champion.objects.none()
    return with_free_now(_base())


def champion_for(user: Any, pk: int) -> Champion:
    """The entry, or 404 when the user may not see it (not listed, not theirs, not an admin)."""
    champion = with_free_now(_base()).filter(pk=pk).first()
    if champion is None or not can(user, "champion.view", champion):
        raise Http404("No such champion")
    return champion


def own_entry(user: Any) -> Champion | None:
    return Champion.objects.filter(person=user).first() if getattr(user, "pk", None) else None


def contributions(champion: Champion, today: datetime.date | None = None) -> dict[str, Any]:
    """Shown on the champion's profile, which only they, admins and (with their consent to be listed)
    staff can open: hours given so far, projects supported as a coach, and celebrated projects."""
    day = today or timezone.localdate()
    rows = champion.commitments.values_list("hours_per_month", "start", "end")
    supported = TeamMember.objects.filter(user_id=champion.person_id, role=TeamMember.Role.COACH).count()
    return {
        "hours_given": contributions_rules.hours_given(rows, day),
        "commitment_count": len(rows),
        "projects_supported": supported,
        "badges": list(celebrated_for(champion.person)),
    }


def current_commitments(champion: Champion, today: datetime.date | None = None) -> list[ChampionCommitment]:
    today = today or timezone.localdate()
    return list(champion.commitments.filter(end__gte=today).order_by("start", "pk"))


def history(champion: Champion) -> QuerySet[Any]:
    return audit_trail(champion).order_by("-at", "-pk")


def status_counts() -> dict[str, int]:
    rows = Champion.objects.order_by().values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in Champion.Status.values}
    counts.update({row["status"]: row["n"] for row in counting.grouped(rows, "n")})
    return counts


# --- Dosage -----------------------------------------------------------------------------------------


def training_backing(champion: Champion) -> list[Any]:
    """The person's completed training records (programme, level, date): the training behind the level."""
    return list(training_selectors.finished_by(champion.person))


REGISTER_CACHE_FOR = 600


def _until_register_changes(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in the shared cache until the register changes (`shortlist.register_stamp`):
    the dosage page's counts read every active champion, tens of thousands at national size."""
    return kept(f"champions:{name}:{shortlist.register_stamp()}", compute, REGISTER_CACHE_FOR)


def dosage_report(trained: dict[int, tuple[int, int]] | None = None) -> dosage.DosageReport:
    """Dosage for every active organisation and the system, from the register's active entries and the
    counts from training records (organisation id → (experts, coaches)): given, or read from training."""
    if trained is None:
        trained = advanced_and_leadership()
    organisations = [
        dosage.OrganisationInput(o.pk, o.label, o.headcount)
        for o in Organisation.objects.filter(is_active=True).order_by("name")
    ]
    register = _until_register_changes(
        "register-counts",
        lambda: dosage.count_register(
            Champion.objects.filter(status=Champion.Status.ACTIVE).values_list("organisation_id", "level")
        ),
    )
    return dosage.dosage(organisations, register, trained)


def _role_of(level: str) -> str:
    if level in dosage.EXPERT_LEVELS:
        return "experts"
    if level in dosage.COACH_LEVELS:
        return "coaches"
    return "practitioners"


def by_place() -> list[dict[str, Any]]:
    """Active champions per place (locality), by dosage role, with the hours a month they have agreed. A
    champion covering a PCN or neighbourhood counts under its locality, once however many of its areas
    they cover; champions with no places count under "Anywhere in the system"."""
    return list(_until_register_changes("by-place", _by_place))


def _by_place() -> list[dict[str, Any]]:
    parents = {
        pk: (parent, kind, name)
        for pk, parent, kind, name in Place.objects.values_list("pk", "parent_id", "kind", "name")
    }

    def locality(pk: int) -> str | None:
        seen: set[int] = set()
        current: int | None = pk
        while current is not None and current not in seen:
            seen.add(current)
            parent, kind, name = parents[current]
            if kind == Place.Kind.PLACE:
                return str(name)
            current = parent
        return None

    covered: dict[int, set[str]] = {}
    for champion_id, place_id in Champion.places.through.objects.filter(
        champion__status=Champion.Status.ACTIVE
    ).values_list("champion_id", "place_id"):
        name = locality(place_id)
        covered.setdefault(champion_id, set()).update([name] if name else [])
    anywhere = "Anywhere in the system"
    rows: dict[str, dict[str, Any]] = {}
    active = Champion.objects.filter(status=Champion.Status.ACTIVE).values_list(
        "pk", "level", "hours_per_month"
    )
    for pk, level, hours in active:
        for name in covered.get(pk) or {anywhere}:
            row = rows.setdefault(
                name, {"name": name, "experts": 0, "coaches": 0, "practitioners": 0, "hours": Decimal("0")}
            )
            row[_role_of(level)] += 1
            row["hours"] += hours
    return sorted(rows.values(), key=lambda r: (r["name"] == anywhere, r["name"]))


def by_method() -> list[dict[str, Any]]:
    """Active champions per method, by dosage role; methods nobody supports show as zero (the gaps)."""
    return list(_until_register_changes("by-method", _by_method))


def _by_method() -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {
        m.value: {"name": m.label, "experts": 0, "coaches": 0, "practitioners": 0, "hours": Decimal("0")}
        for m in Method
    }
    for methods, level, hours in Champion.objects.filter(status=Champion.Status.ACTIVE).values_list(
        "methods", "level", "hours_per_month"
    ):
        for method in methods:
            if method in rows:
                rows[method][_role_of(level)] += 1
                rows[method]["hours"] += hours
    return sorted(rows.values(), key=lambda r: (r["experts"] + r["coaches"] + r["practitioners"], r["name"]))


LEVEL_LABELS = dict(Level.choices)


# --- Suggestions for a request (facilitation) ---------------------------------------------------------


# How many of the best-matching champions each request's ranking looks at (`champions.shortlist`).
SHORTLIST = 50


def suggest_many(
    needs: dict[int, capacity.Need], period: capacity.Period, size: int | None = None
) -> dict[int, list[capacity.Ranked]]:
    """For each keyed need, the listed champions ranked for it (`capacity.rank`, best first, with reasons),
    from the shortlist of its best matches. A need's `place_ids` should already hold the places around its
    place (`related_place_ids`); champions with no places help anywhere. A fixed number of queries
    whatever the number of needs or champions; `size` shortlists fewer (or more) than SHORTLIST each."""
    if not needs:
        return {}
    today = timezone.localdate()
    found = shortlist.features(
        with_free_now(Champion.objects.filter(_listed_filter()), today), Month.of(today)
    )
    shortlisted = {key: shortlist.shortlist(found, need, size or SHORTLIST) for key, need in needs.items()}
    span = period.whole_months()
    wanted = {pk for pks in shortlisted.values() for pk in pks}
    # Only what the ranking reads, as values: a page of the queue ranks over two hundred shortlisted
    # champions, and building a champion and a person object for each cost more than the ranking.
    champions = {
        pk: (User.name_from(first, last, email), methods, capacity.Agreement.of(hours, start, end))
        for pk, methods, hours, start, end, first, last, email in Champion.objects.filter(
            _listed_filter(), pk__in=wanted
        ).values_list(
            "pk", "methods", "hours_per_month", "capacity_start", "capacity_end",
            "person__first_name", "person__last_name", "person__email",
        )
    }  # fmt: skip
    topics: dict[int, dict[int, str]] = {}
    for champion_id, topic_id, name in Champion.topics.through.objects.filter(
        champion_id__in=champions
    ).values_list("champion_id", "systempriority_id", "systempriority__name"):
        topics.setdefault(champion_id, {})[topic_id] = name
    places: dict[int, dict[int, str]] = {}
    for champion_id, place_id, name in (
        Champion.places.through.objects.filter(champion_id__in=champions)
        .order_by("place__name")
        .values_list("champion_id", "place_id", "place__name")
    ):
        places.setdefault(champion_id, {})[place_id] = name
    commitments: dict[int, list[capacity.Commitment]] = {}
    for champion_id, hours, start, end in ChampionCommitment.objects.filter(
        champion_id__in=champions, start__lte=span.end, end__gte=span.start
    ).values_list("champion_id", "hours_per_month", "start", "end"):
        commitments.setdefault(champion_id, []).append(capacity.Commitment.of(hours, start, end))
    method_labels = dict(Method.choices)
    free = {
        pk: capacity.availability(agreement, commitments.get(pk, []), period)
        for pk, (_, _, agreement) in champions.items()
    }
    result = {}
    for key, need in needs.items():
        candidates = []
        for pk in (pk for pk in shortlisted[key] if pk in champions):
            name, methods, _ = champions[pk]
            own_places = places.get(pk, {})
            own_topics = topics.get(pk, {})
            candidates.append(
                capacity.Candidate(
                    key=pk,
                    name=name,
                    methods=frozenset(methods),
                    topic_ids=frozenset(own_topics),
                    # A champion for anywhere covers every place asked for.
                    place_ids=frozenset(own_places) if own_places else need.place_ids,
                    free_hours=free[pk].free_hours,
                    free_until=free[pk].until,
                    method_labels=method_labels,
                    topic_labels=own_topics,
                    place_labels=own_places or {p: "anywhere in the system" for p in need.place_ids},
                )
            )
        result[key] = capacity.rank(need, candidates)
    return result


def suggest(
    *,
    methods: Iterable[str] = (),
    topic_ids: Iterable[int] = (),
    place: Place | None = None,
    hours_per_month: Decimal = Decimal("0"),
    period: capacity.Period,
) -> list[capacity.Ranked]:
    """Listed champions ranked for a request by method, topic and place match and by free capacity over
    `period`, each with the reasons (`capacity.rank`). A place matches champions for it, for the areas
    within it and for the places around it; champions with no places help anywhere."""
    need = capacity.Need(
        methods=frozenset(methods),
        topic_ids=frozenset(topic_ids),
        place_ids=related_place_ids(place.pk) if place else frozenset(),
        hours_per_month=hours_per_month,
    )
    return suggest_many({0: need}, period)[0]
