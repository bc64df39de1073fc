"""The facilitation dashboard: its arithmetic on hand-checked rows, the snapshot built from the database
with the organisation filter, and the debounced rebuild a change queues."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from dashboards import snapshots, triggers
from facilitation import choices
from facilitation.dashboard_figures import DecisionRow, RequestRow, build, queue_age_days
from facilitation.models import Assignment, Decision
from facilitation.status import STATUS_LABELS, Status
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory
from tests.facilitation.factories import in_status

TODAY = datetime.date(2026, 11, 30)
LABELS = {
    "status_labels": {s.value: label for s, label in STATUS_LABELS.items()},
    "outcome_labels": dict(choices.OUTCOMES),
    "level_labels": dict(choices.SUPPORT_LEVELS),
}


def _chart(data, chart_id):  # type: ignore[no-untyped-def]
    return {row[0]: row[1:] for row in next(c for c in data["charts"] if c["id"] == chart_id)["rows"]}


def test_queue_ages_count_days_since_submission_oldest_first() -> None:
    rows = [
        RequestRow("queued", "", datetime.date(2026, 11, 1), Decimal(0)),
        RequestRow("queued", "", datetime.date(2026, 8, 1), Decimal(0)),
        RequestRow("accepted", "coaching", datetime.date(2026, 1, 1), Decimal(0)),
    ]
    assert queue_age_days(rows, TODAY) == [121, 29]


def test_the_figures_on_hand_checked_rows() -> None:
    requests = [
        RequestRow("queued", "", datetime.date(2026, 11, 20), Decimal(0)),  # 10 days
        RequestRow("queued", "", datetime.date(2026, 10, 1), Decimal(0)),  # 60 days
        RequestRow("queued", "", datetime.date(2026, 7, 1), Decimal(0)),  # 152 days
        RequestRow("in_progress", "coaching", datetime.date(2026, 5, 1), Decimal("4")),
        RequestRow("in_progress", "coaching", datetime.date(2026, 5, 2), Decimal("2.5")),
        RequestRow("accepted", "in_depth", datetime.date(2026, 6, 1), Decimal(0)),
        RequestRow("draft", "", None, Decimal(0)),
    ]
    decisions = [DecisionRow("accept", TODAY)] * 3 + [DecisionRow("decline", TODAY)]

    data = build(requests, decisions, TODAY, **LABELS)

    headline = {h["label"]: h["value"] for h in data["headline"]}
    assert headline["Requests in the queue"] == 3
    assert headline["Longest wait in the queue (days)"] == 152
    assert headline["Facilitator hours a month committed"] == 6.5
    assert _chart(data, "queue-age") == {"Under 4 weeks": [1], "4 to 12 weeks": [1], "Over 12 weeks": [1]}
    assert _chart(data, "decisions-by-outcome") == {
        "Accept": [3],
        "Signpost": [0],
        "Defer": [0],
        "Decline": [1],
    }
    levels = _chart(data, "support-levels")
    assert levels["Coaching"] == [2, 6.5] and levels["In-depth collaboration"] == [1, 0]
    statuses = _chart(data, "requests-by-status")
    assert "Draft" not in statuses and sum(v[0] for v in statuses.values()) == 6


def test_the_snapshot_is_built_from_the_database_and_filtered_by_organisation(
    db, django_assert_max_num_queries
):
    ours, theirs = OrganisationFactory(), OrganisationFactory()
    accepted = in_status(Status.IN_PROGRESS, support_level="coaching", organisations=[ours])
    in_status(Status.QUEUED, organisations=[ours])
    in_status(Status.QUEUED, organisations=[theirs])
    Decision.objects.create(request=accepted, outcome="accept", support_level="coaching")
    today = timezone.localdate()
    Assignment.objects.create(
        request=accepted,
        champion=ChampionFactory(),
        hours_per_month=Decimal("4"),
        start=today,
        end=today + datetime.timedelta(days=60),
    )

    with django_assert_max_num_queries(12):
        everyone = snapshots.rebuild("facilitation").data
    ours_only = snapshots.rebuild("facilitation", {"organisation": ours.pk}).data

    assert {h["label"]: h["value"] for h in everyone["headline"]}["Requests in the queue"] == 2
    headline = {h["label"]: h["value"] for h in ours_only["headline"]}
    assert headline["Requests in the queue"] == 1
    assert headline["Facilitator hours a month committed"] == 4


def test_a_change_to_a_request_queues_one_debounced_rebuild(
    db, clean_pending, django_capture_on_commit_callbacks
) -> None:
    from unittest import mock

    from dashboards import tasks

    request = in_status(Status.QUEUED)
    triggers.clear_pending("facilitation")  # the setup's own change, which never commits in a test
    with mock.patch.object(tasks.rebuild_dashboard, "apply_async") as sent:
        with django_capture_on_commit_callbacks(execute=True):
            request.title = "Renamed"
            request.save()
        assert triggers.redis_client().exists(triggers.pending_key("facilitation")) == 1
        with django_capture_on_commit_callbacks(execute=True):
            triggers.data_changed("facilitation.request")  # already pending: nothing more is queued
    assert [c.kwargs["args"] for c in sent.call_args_list] == [["facilitation"]]
