"""Deferred requests come back to the queue on their review date, by the hourly schedule."""

from __future__ import annotations

import datetime

from django.core import mail

from facilitation.models import FacilitationRequest, Transition
from facilitation.services import deferred_requeue_due
from facilitation.status import Status
from facilitation.tasks import requeue_due
from tests.facilitation.factories import in_status

TODAY = datetime.date(2027, 3, 1)


def test_a_deferred_request_comes_back_on_its_review_date_and_the_requester_is_told(
    db, django_capture_on_commit_callbacks
):
    due = in_status(Status.DEFERRED, review_date=TODAY)
    overdue = in_status(Status.DEFERRED, review_date=TODAY - datetime.timedelta(days=3))
    later = in_status(Status.DEFERRED, review_date=TODAY + datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert deferred_requeue_due(TODAY) == 2

    statuses = dict(FacilitationRequest.objects.values_list("pk", "status"))
    assert statuses == {due.pk: Status.QUEUED, overdue.pk: Status.QUEUED, later.pk: Status.DEFERRED}
    moved = Transition.objects.filter(request=due, action="requeue").get()
    assert moved.actor is None and moved.reason == "Its review date has come."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([due.requester.email, overdue.requester.email])
    assert deferred_requeue_due(TODAY) == 0  # nothing twice


def test_the_scheduled_task_runs_the_same_rule(db):
    in_status(Status.DEFERRED, review_date=datetime.date.today() - datetime.timedelta(days=1))
    assert requeue_due() == 1
