"""Portfolio summary tallies: the pure rule, and the database's count of it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from facilitation import selectors
from facilitation.models import Assignment, FacilitationRequest
from facilitation.portfolio import Row, Tally, summarise, top
from facilitation.status import Status
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory
from tests.facilitation.factories import in_status


def test_it_counts_requests_and_hours_in_each_dimension():
    rows = [
        Row("Accepted", "Coaching", "Frailty", ("GHFT", "GHC"), "Cheltenham", Decimal("6")),
        Row("In progress", "Coaching", "Frailty", ("GHFT",), "Gloucester", Decimal("4.5")),
        Row("In the queue", "", "", (), ""),
    ]

    summary = summarise(rows)

    status = dict(summary["status"])
    assert status["Accepted"].requests == 1
    support = dict(summary["support_level"])
    assert support["Coaching"].requests == 2
    assert support["Coaching"].hours_per_month == Decimal("10.5")
    assert support["Not given"].requests == 1
    organisations = dict(summary["organisation"])
    assert organisations["GHFT"].requests == 2
    assert organisations["GHC"].hours_per_month == Decimal("6")
    assert organisations["Not given"].requests == 1
    assert summary["priority"][0][0] == "Frailty"  # largest first
    assert dict(summary["place"])["Not given"].hours_per_month == 0


def test_an_empty_portfolio_has_empty_tables():
    assert all(table == [] for table in summarise([]).values())


@pytest.mark.django_db
def test_the_database_counts_the_portfolio_as_the_pure_summary_does():
    """`selectors.portfolio_summary` (SQL) against `summarise` (the rule) on the same requests."""
    frailty = SystemPriorityFactory(name="Frailty")
    ghft, ghc = OrganisationFactory(short_name="GHFT"), OrganisationFactory(short_name="", name="Hospice")
    place = PlaceFactory(name="Cheltenham")
    accepted = in_status(Status.ACCEPTED, support_level="coaching", system_priority=frailty, place=place)
    accepted.organisations.set([ghft, ghc])
    going = in_status(Status.IN_PROGRESS, support_level="coaching")
    going.organisations.set([ghft])
    queued = in_status(Status.QUEUED)
    queued.organisations.set([])
    in_status(Status.DRAFT)
    today = datetime.date.today()
    for item, hours, released in ((accepted, "6", None), (going, "4.5", None), (going, "2", timezone.now())):
        Assignment.objects.create(
            request=item,
            champion=ChampionFactory(),
            hours_per_month=Decimal(hours),
            start=today,
            end=today,
            released_at=released,
        )

    requests = FacilitationRequest.objects.exclude(status=Status.DRAFT)
    hours = selectors.hours_by_request([r.pk for r in requests])
    expected = summarise(
        Row(
            status=r.status_label,
            support_level=r.get_support_level_display() if r.support_level else "",
            priority=r.system_priority.name if r.system_priority else "",
            organisations=tuple(o.label for o in r.organisations.all()),
            place=r.place.name if r.place else "",
            hours_per_month=hours.get(r.pk, Decimal(0)),
        )
        for r in requests
    )

    assert selectors.portfolio_summary() == expected
    assert dict(expected["organisation"])["Hospice"].hours_per_month == Decimal("6")
    assert selectors.portfolio_hours() == Decimal("10.5")


def test_a_long_dimension_shows_its_largest_rows_and_adds_up_the_rest():
    table = [(f"Org {n}", Tally(requests=20 - n, hours_per_month=Decimal(n))) for n in range(6)]

    assert top(table, 5) == table  # one left over shows as itself, not as "1 others"
    shown = top(table, 3)

    assert [label for label, _ in shown] == ["Org 0", "Org 1", "Org 2", "3 others"]
    assert shown[-1][1] == Tally(requests=17 + 16 + 15, hours_per_month=Decimal(3 + 4 + 5))
