from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from facilitation.models import FacilitationRequest, Transition
from facilitation.status import Status
from tests.community.factories import OrganisationFactory, UserFactory


class RequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FacilitationRequest
        skip_postgeneration_save = True

    requester = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Reducing delayed discharges on ward {n}")
    team = "Acute medicine"
    challenge = "Patients medically fit to leave wait days for packages of care."
    aim = "Cut the average wait after medically fit from 4 days to 2 by March."
    direction = "loose"
    support_wanted = factory.LazyFunction(lambda: ["coaching"])
    timescale = "quarter"
    success_factors = factory.LazyFunction(lambda: ["sponsor", "data"])
    status = Status.DRAFT

    @factory.lazy_attribute
    def submitted_at(self) -> Any:
        return None if self.status == Status.DRAFT else timezone.now()

    @factory.post_generation
    def organisations(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        self.organisations.set(extracted if extracted is not None else [OrganisationFactory()])


def in_status(status: Status, **kwargs: Any) -> FacilitationRequest:
    """A request already in `status`, with the transition that put it there."""
    request = RequestFactory(status=status, **kwargs)
    if status != Status.DRAFT:
        Transition.objects.create(
            request=request, action="seed", from_status=Status.SUBMITTED, to_status=status
        )
    return request
