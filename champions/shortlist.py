"""Shortlisting champions for requests when the register holds tens of thousands of them.

Ranking every listed champion for every request (`capacity.rank`, with the months of each one's
commitments) costs a second a request at national size. So the register is first read once into a compact
form (`Features`: each champion's methods as bits, topics and places as indexes, free hours this month),
kept in the shared cache until the register changes, and each request's best `limit` matches are picked
from it with array arithmetic, in the ranking's own order as far as it can be known without the months:
free time this month first, then the match score (x3 a method, x2 the topic, x2 the place), then free hours.
`capacity.rank` then orders the shortlist exactly, with its reasons.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet

from champions import capacity
from champions.models import Champion, ChampionCommitment, Method
from core.cache import kept
from core.held import for_seconds

METHODS = [m.value for m in Method]  # bit i stands for METHODS[i]
BITS_SET = np.array([bin(n).count("1") for n in range(1 << len(METHODS))], dtype=np.int64)
CACHE_FOR = 600  # seconds; a change to the register makes a new key sooner
NO_ROWS = np.zeros(0, dtype=np.int64)


def method_bits(methods: frozenset[str] | list[str]) -> int:
    return sum(1 << METHODS.index(m) for m in methods if m in METHODS)


@dataclass(frozen=True)
class Features:
    ids: np.ndarray  # champion ids, one row per listed champion
    methods: np.ndarray  # method bits
    free_now: np.ndarray  # free hours this month
    no_places: np.ndarray  # helps anywhere
    by_topic: dict[int, np.ndarray]  # topic id -> rows
    by_place: dict[int, np.ndarray]  # place id -> rows


def register_stamp() -> str:
    """Changes whenever champions, their topics and places, or commitments are added, changed or removed
    (one query of counts and latest times: 15 ms at national size, so each process reads it at most once
    every REGISTER_HELD_SECONDS)."""
    return for_seconds("champions:register-stamp", _read_stamp, float(settings.REGISTER_HELD_SECONDS))


def _read_stamp() -> str:
    tables = [
        (Champion._meta.db_table, "max(updated_at)::text"),
        (ChampionCommitment._meta.db_table, "concat(max(created_at), '/', max(released_at))"),
        (Champion.topics.through._meta.db_table, "''"),
        (Champion.places.through._meta.db_table, "''"),
    ]
    parts = " || '|' || ".join(
        f"(SELECT count(*) || ':' || coalesce({latest}, '') FROM {t})" for t, latest in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return hashlib.sha256(str(cursor.fetchone()[0]).encode()).hexdigest()[:32]


def _load(listed: QuerySet[Champion]) -> Features:
    topics = Champion.topics.through.objects.filter(champion_id=OuterRef("pk")).values("systempriority_id")
    places = Champion.places.through.objects.filter(champion_id=OuterRef("pk")).values("place_id")
    rows = list(
        listed.annotate(topic_ids=ArraySubquery(topics), place_ids=ArraySubquery(places))
        .order_by("pk")
        .values_list("pk", "methods", "free_now", "topic_ids", "place_ids")
    )
    by_topic: dict[int, list[int]] = {}
    by_place: dict[int, list[int]] = {}
    for row, (_, _, _, topic_ids, place_ids) in enumerate(rows):
        for t in topic_ids:
            by_topic.setdefault(t, []).append(row)
        for p in place_ids:
            by_place.setdefault(p, []).append(row)
    return Features(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        methods=np.array([method_bits(r[1]) for r in rows], dtype=np.int64),
        free_now=np.array([float(r[2]) for r in rows], dtype=np.float64),
        no_places=np.array([not r[4] for r in rows], dtype=bool),
        by_topic={k: np.array(v, dtype=np.int64) for k, v in by_topic.items()},
        by_place={k: np.array(v, dtype=np.int64) for k, v in by_place.items()},
    )


def features(listed: QuerySet[Champion], month: capacity.Month) -> Features:
    """The listed champions' features; `listed` must annotate `free_now` for `month` (`with_free_now`).
    Each web process also reuses them for REGISTER_HELD_SECONDS without asking whether the register
    changed, so the queue and assign pages neither fetch nor unpickle them on every view; the shortlisted
    champions themselves, their commitments and the ranking are always read afresh."""
    month_key = f"{month.first_day:%Y-%m}"

    def shared() -> Features:
        key = f"champions:shortlist-features:{month_key}:{register_stamp()}"
        return kept(key, lambda: _load(listed), CACHE_FOR)

    return for_seconds(("champions:features", month_key), shared, float(settings.REGISTER_HELD_SECONDS))


def _rows_in(index: dict[int, np.ndarray], keys: frozenset[int], size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    for key in keys:
        mask[index.get(key, NO_ROWS)] = True
    return mask


def shortlist(found: Features, need: capacity.Need, limit: int) -> list[int]:
    """The ids of the `limit` champions best placed for `need`, best first (see the module's docstring)."""
    size = len(found.ids)
    if not size:
        return []
    score = capacity.METHOD_WEIGHT * BITS_SET[found.methods & method_bits(need.methods)]
    if need.topic_ids:
        score = score + capacity.TOPIC_WEIGHT * _rows_in(found.by_topic, need.topic_ids, size)
    if need.place_ids:
        covers = _rows_in(found.by_place, need.place_ids, size) | found.no_places
        score = score + capacity.PLACE_WEIGHT * covers
    hours = float(need.hours_per_month)
    has_time_now = (found.free_now > 0) & (found.free_now >= hours)
    rows = np.flatnonzero(score > 0) if need.methods or need.topic_ids or need.place_ids else np.arange(size)
    if len(rows) > limit:
        # Only rows as good as the limit-th best can be in the answer: the order's keys folded into one
        # number (free now, then score, then free hours) picks them without sorting everything.
        folded = has_time_now[rows] * 1e7 + score[rows] * 1e4 + np.clip(found.free_now[rows], 0, 9999)
        kth = np.partition(folded, len(rows) - limit)[len(rows) - limit]
        rows = rows[folded >= kth]
    order = rows[np.lexsort((found.ids[rows], -found.free_now[rows], -score[rows], ~has_time_now[rows]))]
    return [int(pk) for pk in found.ids[order[:limit]]]
