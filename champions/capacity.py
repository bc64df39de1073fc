"""Champion capacity arithmetic: agreed hours, committed hours, free hours, and ranking for a request.

Pure functions over plain data (no Django), used by the register's pages, its API, and by anything that
commits a champion's time (facilitation assignments) through `champions.services`.

Counting rules
- Capacity is agreed in **hours per month** for a period (start and end dates, inclusive). Commitments
  (assignments) are also hours per month for a period.
- Arithmetic is done per **calendar month**. A commitment counts in every month its period touches; the
  agreement provides its hours in every month its period touches, and nothing in other months.
- Free capacity in a month = agreed - committed in that month. Free capacity over a period is the
  **smallest** monthly figure in it: the time that can be promised for the whole period. Overlapping
  commitments add up in the months they share.
- Free capacity shown to people is never below zero. A month where committed > agreed is over-committed;
  a new commitment that would over-commit any month is refused unless an admin overrides it with a reason.

Suggestions (`availability`, `rank`)
- A suggestion is for the assignment's own period (the assign page's start and end; six months from
  today unless chosen). Most agreements run to the end of the financial year and are renewed then: an
  agreement that ends inside the period is not "no time". Free time is the smallest monthly figure over
  the months the agreement covers within the period, and the suggestion says until when ("free 6 hours a
  month until 31 March 2027; agreement not yet renewed"). An agreement that ends at or after the
  period's end covers all of it. A champion with no agreement touching the period has no free time.
- Ranking puts champions with enough free time first, then the better match, then those whose agreement
  covers the whole period before those whose agreement ends sooner, then more free hours, then name.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: datetime.date) -> Month:
        return cls(day.year, day.month)

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), 1 if self.month == 12 else self.month + 1)

    @property
    def first_day(self) -> datetime.date:
        return _first_day(self.year, self.month)

    @property
    def last_day(self) -> datetime.date:
        return _last_day(self.year, self.month)

    def label(self) -> str:
        return self.first_day.strftime("%B %Y")


# Suggestions ask each month for its first and last day thousands of times a page; there are few months.
@functools.lru_cache(maxsize=1024)
def _first_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)


@functools.lru_cache(maxsize=1024)
def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both inclusive."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period cannot end before it starts")

    def months(self) -> Iterator[Month]:
        month, last = Month.of(self.start), Month.of(self.end)
        while month <= last:
            yield month
            month = month.next()

    def touches(self, month: Month) -> bool:
        return self.start <= month.last_day and self.end >= month.first_day

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and self.end >= other.start

    @classmethod
    def month_of(cls, day: datetime.date) -> Period:
        month = Month.of(day)
        return cls(month.first_day, month.last_day)

    def whole_months(self) -> Period:
        """From the first day of its first month to the last day of its last: commitments touching those
        months count in them."""
        return Period(Month.of(self.start).first_day, Month.of(self.end).last_day)


@dataclass(frozen=True)
class Commitment:
    hours_per_month: Decimal
    period: Period

    @classmethod
    def of(cls, hours_per_month: Decimal, start: datetime.date, end: datetime.date) -> Commitment:
        return cls(hours_per_month, Period(start, end))


@dataclass(frozen=True)
class Agreement:
    """What a champion's line manager agreed: hours per month over a period (None: nothing agreed)."""

    hours_per_month: Decimal
    period: Period | None

    def hours_in(self, month: Month) -> Decimal:
        if self.period is None or not self.period.touches(month):
            return ZERO
        return self.hours_per_month

    @classmethod
    def of(
        cls, hours_per_month: Decimal | None, start: datetime.date | None, end: datetime.date | None
    ) -> Agreement:
        """The register's fields: no hours is no agreement; an open start or end is open-ended."""
        if not hours_per_month:
            return cls(ZERO, None)
        return cls(hours_per_month, Period(start or datetime.date.min, end or datetime.date.max))


def committed_in(month: Month, commitments: Iterable[Commitment]) -> Decimal:
    return sum((c.hours_per_month for c in commitments if c.period.touches(month)), ZERO)


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    agreed: Decimal
    committed: Decimal

    @property
    def balance(self) -> Decimal:
        """Agreed - committed; negative when over-committed (only possible by an override)."""
        return self.agreed - self.committed

    @property
    def free(self) -> Decimal:
        return max(ZERO, self.balance)

    @property
    def over_committed(self) -> Decimal:
        return max(ZERO, -self.balance)


def monthly(agreement: Agreement, commitments: Sequence[Commitment], period: Period) -> list[MonthFigures]:
    return [
        MonthFigures(month, agreement.hours_in(month), committed_in(month, commitments))
        for month in period.months()
    ]


def free_hours(agreement: Agreement, commitments: Sequence[Commitment], period: Period) -> Decimal:
    """Hours per month that can still be promised for the whole of `period` (never below zero)."""
    return min(m.free for m in monthly(agreement, commitments, period))


@dataclass(frozen=True)
class Availability:
    """Free hours a month over the months an agreement covers within a period, and, when the agreement
    ends before the period does, the day it ends (None when it covers the whole period)."""

    free_hours: Decimal
    until: datetime.date | None = None


def availability(agreement: Agreement, commitments: Sequence[Commitment], period: Period) -> Availability:
    if agreement.period is None:
        return Availability(ZERO)
    covered = [m for m in monthly(agreement, commitments, period) if agreement.period.touches(m.month)]
    if not covered:
        return Availability(ZERO)
    free = min(m.free for m in covered)
    until = agreement.period.end if agreement.period.end < period.end else None
    return Availability(free, until)


def committed_hours(commitments: Sequence[Commitment], period: Period) -> Decimal:
    """The busiest month's committed hours within `period`."""
    return max(committed_in(m, commitments) for m in period.months())


@dataclass(frozen=True)
class CommitmentCheck:
    """The answer to "may this champion take on `hours` per month over `period`?"."""

    allowed: bool
    overridden: bool
    short_months: tuple[MonthFigures, ...]  # months that would be over-committed, with the new hours
    message: str

    @property
    def refused(self) -> bool:
        return not self.allowed


def check_commitment(
    agreement: Agreement,
    commitments: Sequence[Commitment],
    new: Commitment,
    *,
    override_reason: str | None = None,
) -> CommitmentCheck:
    """Refuse a commitment that would take any month over the agreed hours, unless an override gives a reason.

    Whether the person overriding may do so (an admin) is the caller's business; this rule only insists
    that an override always carries a reason.
    """
    if new.hours_per_month <= ZERO:
        return CommitmentCheck(False, False, (), "The hours per month must be more than zero.")
    after = monthly(agreement, [*commitments, new], new.period)
    short = tuple(m for m in after if m.balance < ZERO)
    if not short:
        return CommitmentCheck(True, False, (), "Within the champion's agreed capacity.")
    worst = max(short, key=lambda m: m.over_committed)
    first = short[0]
    message = (
        f"This would over-commit the champion in {len(short)} month{'s' if len(short) != 1 else ''} "
        f"from {first.month.label()}: {_hours(worst.committed)} hours a month committed against "
        f"{_hours(worst.agreed)} agreed in {worst.month.label()}."
    )
    reason = (override_reason or "").strip()
    if reason:
        return CommitmentCheck(True, True, short, message + f" Overridden: {reason}")
    return CommitmentCheck(False, False, short, message + " An admin may override this with a reason.")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}"


# --- Ranking champions for a request ----------------------------------------------------------------

METHOD_WEIGHT = 3
TOPIC_WEIGHT = 2
PLACE_WEIGHT = 2


@dataclass(frozen=True)
class Need:
    """What a request asks for. `place_ids` should already include the request's place, its ancestors and
    descendants (a champion for the whole system or for a neighbourhood in it both match a locality)."""

    methods: frozenset[str] = frozenset()
    topic_ids: frozenset[int] = frozenset()
    place_ids: frozenset[int] = frozenset()
    hours_per_month: Decimal = ZERO


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    methods: frozenset[str]
    topic_ids: frozenset[int]
    place_ids: frozenset[int]
    free_hours: Decimal
    method_labels: dict[str, str] = field(default_factory=dict)
    topic_labels: dict[int, str] = field(default_factory=dict)
    place_labels: dict[int, str] = field(default_factory=dict)
    free_until: datetime.date | None = None  # the agreement ends before the period does (`availability`)


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: int
    has_time: bool
    reasons: tuple[str, ...]


def rank(need: Need, candidates: Iterable[Candidate]) -> list[Ranked]:
    """Champions best suited first: those with enough free time before those without, then by match score
    (x3 per method matched, x2 per topic, x2 for any place), then whole-period agreements before ones
    ending sooner, then by free hours, then by name; each with its reasons.
    Candidates matching nothing the request asked for are left out (unless it asked for nothing)."""
    asked = bool(need.methods or need.topic_ids or need.place_ids)
    ranked = []
    for c in candidates:
        methods = sorted(need.methods & c.methods)
        topics = sorted(need.topic_ids & c.topic_ids)
        places = sorted(need.place_ids & c.place_ids)
        score = METHOD_WEIGHT * len(methods) + TOPIC_WEIGHT * len(topics) + (PLACE_WEIGHT if places else 0)
        if asked and score == 0:
            continue
        has_time = c.free_hours > ZERO and c.free_hours >= need.hours_per_month
        reasons = []
        if methods:
            reasons.append("Supports " + ", ".join(c.method_labels.get(m, m) for m in methods))
        if topics:
            reasons.append("Works on " + ", ".join(c.topic_labels.get(t, str(t)) for t in topics))
        if places:
            labels = dict.fromkeys(c.place_labels.get(p, str(p)) for p in places)
            reasons.append("Covers " + ", ".join(labels))
        until = f" until {c.free_until:%-d %B %Y}; agreement not yet renewed" if c.free_until else ""
        if has_time:
            reasons.append(f"{_hours(c.free_hours)} hours a month free{until}")
        elif c.free_hours > ZERO:
            reasons.append(
                f"Only {_hours(c.free_hours)} hours a month free{until} "
                f"(asked for {_hours(need.hours_per_month)})"
            )
        else:
            reasons.append("No free capacity in the period")
        ranked.append(Ranked(c, score, has_time, tuple(reasons)))
    ranked.sort(
        key=lambda r: (
            not r.has_time,
            -r.score,
            r.candidate.free_until is not None,
            -r.candidate.free_hours,
            r.candidate.name,
        )
    )
    return ranked
