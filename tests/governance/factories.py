from __future__ import annotations

import datetime

import factory

from dashboards.models import DashboardSnapshot
from governance import maturity
from governance.models import (
    AssessmentComponent,
    AssessmentQuestion,
    BoardPack,
    DeliveryAction,
    GovernanceBody,
    Meeting,
)


class DeliveryActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryAction

    strand = DeliveryAction.Strand.LEARN
    title = factory.Sequence(lambda n: f"Delivery action {n}")
    due_on = datetime.date(2027, 3, 31)
    rag = DeliveryAction.Rag.GREEN


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBody
        django_get_or_create = ("kind",)

    kind = GovernanceBody.Kind.STEERING_GROUP
    name = factory.LazyAttribute(lambda o: GovernanceBody.Kind(o.kind).label)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(GovernanceBodyFactory)
    held_on = datetime.date(2026, 11, 20)
    title = factory.Sequence(lambda n: f"Meeting {n}")


class BoardPackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardPack

    title = "Improvement board pack"


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DashboardSnapshot
        django_get_or_create = ("dashboard", "params_key")

    dashboard = "community"
    params_key = ""


def make_components(questions_each: int = 2) -> list[AssessmentComponent]:
    """The six components, each with a few questions."""
    made = []
    for order, (slug, name) in enumerate(maturity.COMPONENTS, start=1):
        component, _ = AssessmentComponent.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
        for i in range(questions_each):
            AssessmentQuestion.objects.get_or_create(
                component=component, text=f"{name} question {i + 1}", order=i
            )
        made.append(component)
    return made
