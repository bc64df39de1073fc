from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from champions.models import Champion, ChampionCommitment
from tests.community.factories import OrganisationFactory, UserFactory


class ChampionFactory(factory.django.DjangoModelFactory):
    """An active, consenting coach with 10 hours a month agreed for this year and next."""

    class Meta:
        model = Champion
        skip_postgeneration_save = True

    person = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation or OrganisationFactory())
    level = "coach"
    methods = factory.LazyFunction(lambda: ["process_mapping", "model_for_improvement"])
    offer = "Process mapping and PDSA coaching"
    hours_per_month = Decimal("10")
    capacity_start = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year, 1, 1))
    capacity_end = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year + 1, 12, 31))
    capacity_agreed_by = "Jo Manager, matron"
    status = Champion.Status.ACTIVE
    consent_to_list = True

    @factory.post_generation
    def places(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.places.set(extracted)

    @factory.post_generation
    def topics(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.topics.set(extracted)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChampionCommitment

    champion = factory.SubFactory(ChampionFactory)
    hours_per_month = Decimal("4")
    start = factory.LazyFunction(lambda: datetime.date.today().replace(day=1))
    end = factory.LazyFunction(lambda: datetime.date(datetime.date.today().year + 1, 6, 30))
    title = "Coaching the discharge team"
