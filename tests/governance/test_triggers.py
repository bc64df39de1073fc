"""The "data changed" trigger: a burst of changes queues one rebuild; Redis being down raises nothing."""

from __future__ import annotations

from unittest import mock

import pytest

from dashboards import registry, tasks, triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    with mock.patch.object(tasks.rebuild_dashboard, "apply_async") as apply_async:
        yield apply_async


def test_a_burst_of_a_thousand_changes_queues_one_rebuild(
    sent, clean_pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = [triggers.data_changed("community.user") for _ in range(1000)]

    assert queued[0] == ["community"]
    assert all(q == [] for q in queued[1:])
    sent.assert_called_once()
    assert sent.call_args.kwargs["args"] == ["community"]
    assert sent.call_args.kwargs["countdown"] == triggers.debounce_seconds()


def test_a_change_after_the_rebuild_starts_queues_the_next_one(
    sent, clean_pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        triggers.data_changed("community")
    with mock.patch("dashboards.snapshots.rebuild_everything", return_value=[]):
        tasks.rebuild_dashboard("community")  # the task clears the pending mark first
    with django_capture_on_commit_callbacks(execute=True):
        triggers.data_changed("community")

    assert sent.call_count == 2


def test_a_source_reaches_every_dashboard_that_reads_it(
    sent, clean_pending, django_capture_on_commit_callbacks
):
    registry.register("second", lambda p: {}, title="Second", sources=["community.user"])
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queued = triggers.data_changed("community.user")
    finally:
        registry.unregister("second")

    assert queued == ["community", "second"]
    assert sent.call_count == 2


def test_an_unknown_source_queues_nothing(sent, clean_pending):
    assert triggers.data_changed("nobody.reads.this") == []
    sent.assert_not_called()


def test_with_redis_down_a_change_is_left_to_the_schedule_without_raising(
    broker_down, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        triggers.data_changed("community")
    sent.assert_not_called()
    assert triggers._redis_failed_at is not None  # and the next changes skip Redis for a while
    assert triggers.data_changed("community") == []


def test_a_failed_send_clears_the_pending_mark_so_the_next_change_retries(
    clean_pending, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.rebuild_dashboard, "apply_async", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        triggers.data_changed("community")
    assert not triggers.redis_client().exists(triggers.pending_key("community"))


def test_a_new_organisation_queues_a_community_rebuild(
    sent, clean_pending, django_capture_on_commit_callbacks
):
    from tests.community.factories import OrganisationFactory

    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory(name="A new partner")

    # the capacity dashboard's dosage targets come from organisations' headcounts too
    assert sorted(c.kwargs["args"][0] for c in sent.call_args_list) == ["capacity", "community"]


def test_signing_in_does_not_queue_a_rebuild(member, sent, clean_pending, django_capture_on_commit_callbacks):
    from django.utils import timezone

    member.last_login = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        member.save(update_fields=["last_login"])

    sent.assert_not_called()


def test_after_redis_fails_further_changes_skip_it_for_a_while(
    broker_down, sent, django_capture_on_commit_callbacks
):
    with mock.patch.object(triggers, "redis_client", wraps=triggers.redis_client) as client:
        for _ in range(50):
            with django_capture_on_commit_callbacks(execute=True):
                triggers.data_changed("community")
    assert client.call_count == 1
    sent.assert_not_called()


def test_nothing_touches_redis_until_the_change_commits(sent, clean_pending):
    with mock.patch.object(triggers, "redis_client", wraps=triggers.redis_client) as client:
        assert triggers.data_changed("community") == ["community"]  # asked for, on commit
    client.assert_not_called()
    sent.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_pending_mark_behind(sent, clean_pending):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        triggers.data_changed("community")
        raise RuntimeError("the save failed")
    assert not triggers.redis_client().exists(triggers.pending_key("community"))
    sent.assert_not_called()

    with transaction.atomic():
        assert triggers.data_changed("community") == ["community"]
    sent.assert_called_once()
