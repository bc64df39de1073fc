"""An admin rebuilds every dashboard now and watches its progress."""

from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse

from dashboards import rebuilds, registry, tasks
from dashboards.models import DashboardRebuild, DashboardSnapshot

pytestmark = pytest.mark.django_db


def test_an_admin_queues_a_rebuild_and_is_taken_to_its_progress(
    admin_user, client_for, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.rebuild_all, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(admin_user).post(reverse("governance:rebuild"))

    rebuild = DashboardRebuild.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:rebuild_progress", kwargs={"pk": rebuild.pk})
    sent.assert_called_once_with(args=(), kwargs={"rebuild_id": rebuild.pk}, retry=False)
    page = client_for(admin_user).get(response["Location"]).content.decode()
    assert "Queued" in page and "data-running" in page and "Check progress" in page


def test_the_run_records_progress_and_a_second_delivery_does_nothing(admin_user, client_for):
    rebuild = DashboardRebuild.objects.create(requested_by=admin_user)

    built = rebuilds.dashboards_rebuild_run(rebuild_id=rebuild.pk)
    again = rebuilds.dashboards_rebuild_run(rebuild_id=rebuild.pk)

    rebuild.refresh_from_db()
    registered = len(registry.all_dashboards())
    assert registered >= 5  # community, delivery, capability, capacity, portfolio
    assert built == registered and again == 0
    assert rebuild.status == DashboardRebuild.Status.DONE
    assert (rebuild.done, rebuild.total) == (registered, registered)
    assert DashboardSnapshot.objects.filter(status="ok").count() == registered
    page = client_for(admin_user).get(reverse("governance:rebuild_progress", kwargs={"pk": rebuild.pk}))
    assert f"{registered} of {registered} snapshots built" in page.content.decode()
    assert "data-running" not in page.content.decode()


def test_with_the_broker_down_the_request_says_so_instead_of_failing(
    admin_user, client_for, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        posted = client_for(admin_user).post(reverse("governance:rebuild"))
    response = client_for(admin_user).get(posted["Location"])

    assert response.status_code == 200
    rebuild = DashboardRebuild.objects.get()
    assert rebuild.status == DashboardRebuild.Status.FAILED
    assert "task queue is unavailable" in response.content.decode()


@pytest.mark.parametrize("persona", ["member", "steering", "board"])
def test_only_admins_may_rebuild(persona, request, client_for):
    response = client_for(request.getfixturevalue(persona)).post(reverse("governance:rebuild"))
    assert response.status_code == 403
    assert not DashboardRebuild.objects.exists()
