"""Two people acting on one request at once: one decision, a clear refusal for the other, never two.

Real concurrent transactions on PostgreSQL (threads), not mocks.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from facilitation import services
from facilitation.models import Decision, FacilitationRequest, Transition
from facilitation.status import Status
from projects.models import Project
from tests.concurrency import at_once
from tests.facilitation.factories import in_status
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _decide(actor, pk: int, outcome: str) -> Callable[[], object]:  # type: ignore[no-untyped-def]
    def act() -> object:
        request = FacilitationRequest.objects.get(pk=pk)
        return services.request_decide(
            actor=actor,
            request=request,
            outcome=outcome,
            support_level="coaching" if outcome == "accept" else "",
            rationale="" if outcome == "accept" else "Not for us now.",
        )

    return act


def test_accept_and_decline_at_once_make_one_decision(steering, steering_two, framework):
    item = in_status(Status.QUEUED)
    results = at_once(_decide(steering, item.pk, "accept"), _decide(steering_two, item.pk, "decline"))
    # The other is refused: by the version check when both read the request before either saved, or, when
    # the first decision was saved before the second read it (a busy machine), by the rule that only a
    # queued request can be decided.
    refused = [r for r in results if isinstance(r, ValidationError | PermissionDenied)]
    assert len(refused) == 1
    if isinstance(refused[0], ValidationError):
        assert "Someone else changed this request meanwhile" in " ".join(refused[0].messages)
    else:
        assert "facilitation_request.decide" in str(refused[0])
    assert Decision.objects.filter(request=item).count() == 1
    item.refresh_from_db()
    decision = Decision.objects.get(request=item)
    assert item.status == {"accept": Status.ACCEPTED, "decline": Status.DECLINED}[decision.outcome]
    assert Transition.objects.filter(request=item, from_status=Status.QUEUED).count() == 1


def test_three_quick_submits_make_one_transition(member):
    item = in_status(Status.DRAFT, requester=member)

    def submit() -> object:
        return services.request_submit(actor=member, request=FacilitationRequest.objects.get(pk=item.pk))

    results = at_once(submit, submit, submit)
    assert sum(isinstance(r, ValidationError) for r in results) == 2
    assert Transition.objects.filter(request=item, action="submit").count() == 1


def test_two_publishes_at_once_are_audited_once(member):
    from core.audit import audit_trail
    from projects.services import project_publish

    project = ProjectFactory(lead=member, published_at=None, organisations=[member.organisation])

    def publish() -> object:
        return project_publish(actor=member, project=Project.objects.get(pk=project.pk))

    at_once(publish, publish)
    assert [e.action for e in audit_trail(project)].count("published") == 1
