"""The request status machine: every allowed transition, and refusals of everything else. No database."""

from __future__ import annotations

import itertools

import pytest

from facilitation.status import (
    Action,
    Actor,
    Status,
    TransitionRefused,
    allowed_actions,
    check,
)

REQUESTER = {Actor.REQUESTER}
ADMIN = {Actor.ADMIN}
STEERING = {Actor.STEERING}

# (from, action, who, to): the complete list of moves the machine allows.
ALLOWED = [
    (Status.DRAFT, Action.SUBMIT, REQUESTER, Status.SUBMITTED),
    (Status.RETURNED, Action.SUBMIT, REQUESTER, Status.SUBMITTED),
    (Status.SUBMITTED, Action.START_TRIAGE, ADMIN, Status.IN_TRIAGE),
    (Status.SUBMITTED, Action.RETURN, ADMIN, Status.RETURNED),
    (Status.IN_TRIAGE, Action.RETURN, ADMIN, Status.RETURNED),
    (Status.SUBMITTED, Action.QUEUE, ADMIN, Status.QUEUED),
    (Status.IN_TRIAGE, Action.QUEUE, ADMIN, Status.QUEUED),
    (Status.SUBMITTED, Action.SIGNPOST, ADMIN, Status.SIGNPOSTED),
    (Status.IN_TRIAGE, Action.SIGNPOST, ADMIN, Status.SIGNPOSTED),
    (Status.QUEUED, Action.SIGNPOST, STEERING, Status.SIGNPOSTED),
    (Status.QUEUED, Action.SIGNPOST, ADMIN, Status.SIGNPOSTED),
    (Status.QUEUED, Action.ACCEPT, STEERING, Status.ACCEPTED),
    (Status.QUEUED, Action.ACCEPT, ADMIN, Status.ACCEPTED),
    (Status.QUEUED, Action.DEFER, STEERING, Status.DEFERRED),
    (Status.QUEUED, Action.DEFER, ADMIN, Status.DEFERRED),
    (Status.QUEUED, Action.DECLINE, STEERING, Status.DECLINED),
    (Status.QUEUED, Action.DECLINE, ADMIN, Status.DECLINED),
    (Status.DEFERRED, Action.REQUEUE, STEERING, Status.QUEUED),
    (Status.DEFERRED, Action.REQUEUE, ADMIN, Status.QUEUED),
    (Status.DEFERRED, Action.REQUEUE, {Actor.SCHEDULE}, Status.QUEUED),  # on its review date
    (Status.ACCEPTED, Action.START, STEERING, Status.IN_PROGRESS),
    (Status.ACCEPTED, Action.START, ADMIN, Status.IN_PROGRESS),
    (Status.ACCEPTED, Action.CLOSE, STEERING, Status.CLOSED),
    (Status.ACCEPTED, Action.CLOSE, ADMIN, Status.CLOSED),
    (Status.IN_PROGRESS, Action.CLOSE, STEERING, Status.CLOSED),
    (Status.IN_PROGRESS, Action.CLOSE, ADMIN, Status.CLOSED),
]
ALLOWED_KEYS = {(s, a, next(iter(who))) for s, a, who, _ in ALLOWED}


@pytest.mark.parametrize(("source", "action", "who", "target"), ALLOWED)
def test_it_allows_the_move(source, action, who, target):
    assert check(source, action, who, reason="Because").target == target


@pytest.mark.parametrize(
    ("source", "action", "who"),
    [(s, a, w) for s, a, w in itertools.product(Status, Action, Actor) if (s, a, w) not in ALLOWED_KEYS],
)
def test_it_refuses_every_other_move(source, action, who):
    with pytest.raises(TransitionRefused):
        check(source, action, {who}, reason="Because")


def test_every_status_but_closed_and_the_final_decisions_has_a_way_out():
    dead_ends = {s for s in Status if not allowed_actions(s, set(Actor))}
    assert dead_ends == {Status.SIGNPOSTED, Status.DECLINED, Status.CLOSED}


@pytest.mark.parametrize(
    ("source", "action", "who"),
    [
        (Status.SUBMITTED, Action.RETURN, ADMIN),
        (Status.SUBMITTED, Action.SIGNPOST, ADMIN),
        (Status.QUEUED, Action.DEFER, STEERING),
        (Status.QUEUED, Action.DECLINE, STEERING),
        (Status.IN_PROGRESS, Action.CLOSE, ADMIN),
    ],
)
def test_it_refuses_a_move_that_needs_a_reason_without_one(source, action, who):
    with pytest.raises(TransitionRefused, match="reason"):
        check(source, action, who, reason="   ")


def test_accepting_needs_no_reason():
    assert check(Status.QUEUED, Action.ACCEPT, STEERING).target == Status.ACCEPTED


def test_the_refusal_names_the_current_status():
    with pytest.raises(TransitionRefused, match="in the queue"):
        check(Status.QUEUED, Action.SUBMIT, REQUESTER)


def test_an_unknown_action_is_refused():
    with pytest.raises(TransitionRefused):
        check(Status.DRAFT, "publish", REQUESTER)


def test_allowed_actions_lists_what_each_actor_may_do():
    assert allowed_actions(Status.SUBMITTED, ADMIN) == [
        Action.START_TRIAGE,
        Action.RETURN,
        Action.QUEUE,
        Action.SIGNPOST,
    ]
    assert allowed_actions(Status.SUBMITTED, STEERING) == []
    assert allowed_actions(Status.QUEUED, STEERING) == [
        Action.SIGNPOST,
        Action.ACCEPT,
        Action.DEFER,
        Action.DECLINE,
    ]
    assert allowed_actions(Status.DRAFT, REQUESTER) == [Action.SUBMIT]
