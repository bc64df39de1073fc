from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from projects.models import Attachment, Benefit, Method, Project, ProjectUpdate, Tag, TeamMember
from tests.community.factories import UserFactory


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Method {n}")
    slug = factory.Sequence(lambda n: f"method-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"tag {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    """A published project led by a new user, who is also on its team as lead."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Improvement project {n}")
    problem = "Patients wait too long."
    aim = "Reduce waiting by 20% by March."
    lead = factory.SubFactory(UserFactory)
    status = Project.Status.TESTING
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_lead_membership(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            TeamMember.objects.get_or_create(project=self, user=self.lead, defaults={"role": "lead"})

    @factory.post_generation
    def team(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        for user in extracted or ():
            TeamMember.objects.get_or_create(project=self, user=user, defaults={"role": "member"})

    @factory.post_generation
    def organisations(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.organisations.set(extracted)

    @factory.post_generation
    def places(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.places.set(extracted)

    @factory.post_generation
    def priorities(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.priorities.set(extracted)

    @factory.post_generation
    def methods(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.methods.set(extracted)


class ProjectUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectUpdate

    project = factory.SubFactory(ProjectFactory)
    author = factory.LazyAttribute(lambda o: o.project.lead)
    text = "Second PDSA cycle started on ward 4."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    project = factory.SubFactory(ProjectFactory)
    title = "Poster"
    file = factory.django.FileField(filename="poster.pdf", data=b"%PDF-1.4\n%%EOF\n")
    content_type = "application/pdf"
    size = 15


class BenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benefit

    project = factory.SubFactory(ProjectFactory)
    type = Benefit.Type.STAFF_TIME
    description = "Nursing time released from chasing beds"
    value = Decimal("10")
    unit = "hours"
    period = Benefit.Period.MONTH
    how_measured = "Timed for two weeks before and after"
    confidence = Benefit.Confidence.MEDIUM
