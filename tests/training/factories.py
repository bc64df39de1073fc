from __future__ import annotations

import datetime

import factory

from tests.community.factories import OrganisationFactory
from training.ladder import Level, Status
from training.models import Cohort, FacultyAdmin, Programme, Provider, Trainee, TrainingRecord


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Faculty {n}")
    short_name = factory.Sequence(lambda n: f"F{n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("provider", "name")

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Programme {n}")
    code = ""
    level = Level.FOUNDATION.value
    hours = 7


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + datetime.timedelta(days=1))
    capacity = 10
    open_for_booking = True


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"trainee{n}@partner.example")
    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    trainee = factory.SubFactory(TraineeFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    status = Status.COMPLETED.value
    completed_on = datetime.date(2025, 6, 1)


class FacultyAdminFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacultyAdmin

    provider = factory.SubFactory(ProviderFactory)
