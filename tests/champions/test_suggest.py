"""Suggesting champions for a request: match on method, topic and place, then free capacity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from champions import capacity, selectors
from champions.models import Champion
from community.models import Place
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import PlaceFactory, SystemPriorityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_suggestions_rank_listed_champions_with_reasons(django_assert_max_num_queries):
    system = Place.objects.get_or_create(name="Test system", kind=Place.Kind.SYSTEM)[0]
    forest = PlaceFactory(name="Forest of Dean", parent=system)
    frailty = SystemPriorityFactory(name="Frailty")
    busy = ChampionFactory(person=UserFactory(first_name="Busy"), places=[forest], topics=[frailty])
    CommitmentFactory(champion=busy, hours_per_month=D("9"))
    ChampionFactory(person=UserFactory(first_name="Free"), places=[forest])
    ChampionFactory(person=UserFactory(first_name="Anywhere"), methods=["lean"])
    ChampionFactory(person=UserFactory(first_name="Paused"), places=[forest], status=Champion.Status.PAUSED)
    today = dt.date.today()
    period = capacity.Period(today.replace(day=1), today.replace(day=28))

    with django_assert_max_num_queries(7):  # with the register read into the cache (two)
        ranked = selectors.suggest(
            methods=["process_mapping"],
            topic_ids=[frailty.pk],
            place=forest,
            hours_per_month=D("4"),
            period=period,
        )

    names = [r.candidate.name.split()[0] for r in ranked]
    # Those with enough time first: Free (method and place) before Anywhere (place only); Busy matches
    # best but has only 1 hour left; Paused is never suggested.
    assert names == ["Free", "Anywhere", "Busy"]
    assert ranked[0].reasons == ("Supports Process mapping", "Covers Forest of Dean", "10 hours a month free")
    assert ranked[1].reasons == ("Covers anywhere in the system", "10 hours a month free")
    assert "Only 1 hours a month free (asked for 4)" in ranked[2].reasons


def test_the_shortlist_keeps_champions_with_time_ahead_of_better_matches_without(monkeypatch):
    frailty = SystemPriorityFactory(name="Frailty")
    full = ChampionFactory(person=UserFactory(first_name="Full"), topics=[frailty])
    CommitmentFactory(champion=full, hours_per_month=D("10"))
    ChampionFactory(person=UserFactory(first_name="Ann"), hours_per_month=D("3"))
    ChampionFactory(person=UserFactory(first_name="Bo"), hours_per_month=D("8"))
    monkeypatch.setattr(selectors, "SHORTLIST", 2)
    today = dt.date.today()

    ranked = selectors.suggest(
        methods=["process_mapping"], topic_ids=[frailty.pk], period=capacity.Period(today, today)
    )

    # Full matches best but has no time; with room for two, the shortlist keeps the two with time.
    assert [r.candidate.name.split()[0] for r in ranked] == ["Bo", "Ann"]


def test_ranking_for_many_requests_takes_the_same_queries_as_for_one(django_assert_num_queries):
    frailty = SystemPriorityFactory(name="Frailty")
    places = [PlaceFactory() for _ in range(3)]
    for n in range(6):
        ChampionFactory(person=UserFactory(first_name=f"C{n}"), topics=[frailty], places=[places[n % 3]])
    today = dt.date.today()
    period = capacity.Period(today, today)

    def needs(count: int) -> dict[int, capacity.Need]:
        return {
            n: capacity.Need(methods=frozenset({"lean"}), topic_ids=frozenset({frailty.pk}),
                             place_ids=frozenset({places[n % 3].pk}))
            for n in range(count)
        }  # fmt: skip

    selectors.suggest_many(needs(1), period)  # reads the register into the cache
    with django_assert_num_queries(5):
        one = selectors.suggest_many(needs(1), period)
    with django_assert_num_queries(5):
        many = selectors.suggest_many(needs(5), period)

    assert len(many) == 5 and [r.candidate.key for r in many[0]] == [r.candidate.key for r in one[0]]
    # Those covering the request's place come first among equals in time and topic.
    assert places[0].pk in many[0][0].candidate.place_ids


def test_the_shortlist_picks_the_same_as_sorting_everything():
    """The shortlist folds the ranking's keys to skip sorting every champion: same answer as a full sort."""
    import numpy as np

    from champions import capacity, shortlist

    rng = np.random.default_rng(7)
    size = 5000
    found = shortlist.Features(
        ids=np.arange(1, size + 1, dtype=np.int64),
        methods=rng.integers(0, 1 << len(shortlist.METHODS), size),
        free_now=rng.choice([0.0, 2.0, 4.0, 4.0, 8.0, 16.5], size),
        no_places=rng.random(size) < 0.2,
        by_topic={1: np.flatnonzero(rng.random(size) < 0.3)},
        by_place={5: np.flatnonzero(rng.random(size) < 0.1)},
    )
    need = capacity.Need(
        methods=frozenset(shortlist.METHODS[:2]), topic_ids=frozenset({1}), place_ids=frozenset({5}),
        hours_per_month=4,
    )  # fmt: skip
    score = capacity.METHOD_WEIGHT * shortlist.BITS_SET[found.methods & shortlist.method_bits(need.methods)]
    score = score + capacity.TOPIC_WEIGHT * np.isin(np.arange(size), found.by_topic[1])
    score = score + capacity.PLACE_WEIGHT * (np.isin(np.arange(size), found.by_place[5]) | found.no_places)
    has_time = (found.free_now > 0) & (found.free_now >= 4)
    everything = sorted(
        (i for i in range(size) if score[i] > 0),
        key=lambda i: (not has_time[i], -score[i], -found.free_now[i], found.ids[i]),
    )
    for limit in (1, 12, 50, 400):
        assert shortlist.shortlist(found, need, limit) == [int(found.ids[i]) for i in everything[:limit]]
