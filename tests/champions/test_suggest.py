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

    with django_assert_max_num_queries(6):
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
