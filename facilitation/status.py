"""The facilitation request's status machine: which action may move a request from which status, by whom.

Pure rules with no Django imports. Services ask `check(...)` before every change of status, so a refused
move raises `TransitionRefused` with a message a person can read, whatever called the service.

    draft → submitted → in triage → queued → accepted → in progress → closed
    triage can return a request for more information (the requester submits it again) or signpost it;
    the queue's decisions are accept, signpost, defer (later brought back to the queue) or decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_TRIAGE = "in_triage"
    RETURNED = "returned"
    QUEUED = "queued"
    ACCEPTED = "accepted"
    SIGNPOSTED = "signposted"
    DEFERRED = "deferred"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.SUBMITTED: "Submitted",
    Status.IN_TRIAGE: "In triage",
    Status.RETURNED: "Returned for more information",
    Status.QUEUED: "In the queue",
    Status.ACCEPTED: "Accepted",
    Status.SIGNPOSTED: "Signposted",
    Status.DEFERRED: "Deferred",
    Status.DECLINED: "Declined",
    Status.IN_PROGRESS: "In progress",
    Status.CLOSED: "Closed",
}


class Actor(StrEnum):
    """Who is acting, as far as the status machine cares."""

    REQUESTER = "requester"
    ADMIN = "admin"  # a community admin
    STEERING = "steering"  # a steering group member
    # The hourly beat task (facilitation-requeue-due) that brings deferred requests back on their review date.
    SCHEDULE = "schedule"


class Action(StrEnum):
    SUBMIT = "submit"
    START_TRIAGE = "start_triage"
    RETURN = "return"  # for more information
    QUEUE = "queue"
    SIGNPOST = "signpost"  # directly at triage, or as the meeting's decision
    ACCEPT = "accept"
    DEFER = "defer"
    DECLINE = "decline"
    REQUEUE = "requeue"  # a deferred request comes back for review
    START = "start"  # work begins on an accepted request
    CLOSE = "close"


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    actors: frozenset[Actor]
    needs_reason: bool = False


TRIAGE = frozenset({Status.SUBMITTED, Status.IN_TRIAGE})
DECIDERS = frozenset({Actor.STEERING, Actor.ADMIN})

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        Action.SUBMIT,
        frozenset({Status.DRAFT, Status.RETURNED}),
        Status.SUBMITTED,
        frozenset({Actor.REQUESTER}),
    ),
    Transition(
        Action.START_TRIAGE, frozenset({Status.SUBMITTED}), Status.IN_TRIAGE, frozenset({Actor.ADMIN})
    ),
    Transition(Action.RETURN, TRIAGE, Status.RETURNED, frozenset({Actor.ADMIN}), needs_reason=True),
    Transition(Action.QUEUE, TRIAGE, Status.QUEUED, frozenset({Actor.ADMIN})),
    Transition(Action.SIGNPOST, TRIAGE | {Status.QUEUED}, Status.SIGNPOSTED, DECIDERS, needs_reason=True),
    Transition(Action.ACCEPT, frozenset({Status.QUEUED}), Status.ACCEPTED, DECIDERS),
    Transition(Action.DEFER, frozenset({Status.QUEUED}), Status.DEFERRED, DECIDERS, needs_reason=True),
    Transition(Action.DECLINE, frozenset({Status.QUEUED}), Status.DECLINED, DECIDERS, needs_reason=True),
    Transition(Action.REQUEUE, frozenset({Status.DEFERRED}), Status.QUEUED, DECIDERS | {Actor.SCHEDULE}),
    Transition(Action.START, frozenset({Status.ACCEPTED}), Status.IN_PROGRESS, DECIDERS),
    Transition(
        Action.CLOSE,
        frozenset({Status.ACCEPTED, Status.IN_PROGRESS}),
        Status.CLOSED,
        DECIDERS,
        needs_reason=True,
    ),
)
BY_ACTION = {t.action: t for t in TRANSITIONS}

# Signposting from triage is an admin's call; from the queue it is the steering group's decision.
_TRIAGE_SIGNPOSTERS = frozenset({Actor.ADMIN})

EDITABLE_BY_REQUESTER = frozenset({Status.DRAFT, Status.RETURNED})
EDITABLE_BY_ADMIN = TRIAGE  # "complete" a request during triage
OPEN = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_TRIAGE,
        Status.RETURNED,
        Status.QUEUED,
        Status.ACCEPTED,
        Status.DEFERRED,
        Status.IN_PROGRESS,
    }
)
DECISIONS = frozenset({Action.ACCEPT, Action.SIGNPOST, Action.DEFER, Action.DECLINE})


class TransitionRefused(ValueError):
    pass


def _actors_for(transition: Transition, status: Status) -> frozenset[Actor]:
    if transition.action is Action.SIGNPOST and status in TRIAGE:
        return _TRIAGE_SIGNPOSTERS
    return transition.actors


def check(
    status: Status | str, action: Action | str, actors: frozenset[Actor] | set[Actor], reason: str = ""
) -> Transition:
    """The transition `action` makes from `status`, or TransitionRefused saying why not."""
    current = Status(status)
    try:
        transition = BY_ACTION[Action(action)]
    except ValueError:
        raise TransitionRefused(f"“{action}” is not something that can be done to a request.") from None
    if current not in transition.sources:
        raise TransitionRefused(
            f"A request that is {current.label.lower()} cannot be moved by "
            f"“{transition.action.replace('_', ' ')}”."
        )
    if not set(actors) & _actors_for(transition, current):
        raise TransitionRefused("You may not do that to this request.")
    if transition.needs_reason and not reason.strip():
        raise TransitionRefused("Give a reason: the requester will see it.")
    return transition


def allowed_actions(status: Status | str, actors: frozenset[Actor] | set[Actor]) -> list[Action]:
    """Actions these actors may take on a request in this status (reasons aside), in the table's order."""
    current = Status(status)
    return [t.action for t in TRANSITIONS if current in t.sources and set(actors) & _actors_for(t, current)]
