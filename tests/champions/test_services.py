"""Services of the champion register: nomination, review, history, capacity commitments and overrides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from champions import capacity, selectors, services
from champions.models import Champion, ChampionCommitment
from core.audit import audit_trail
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
THIS_MONTH = capacity.Period.month_of(TODAY)


def _nominate(actor, person, **extra):  # type: ignore[no-untyped-def]
    values = {
        "level": "coach",
        "methods": ["process_mapping"],
        "topics": [],
        "places": [],
        "hours_per_month": D("8"),
        "capacity_start": TODAY.replace(day=1),
        "capacity_agreed_by": "Jo Manager",
        **extra,
    }
    return services.champion_nominate(actor=actor, person=person, **values)


def test_a_self_nomination_is_proposed_with_the_persons_consent(member):
    champion = _nominate(member, member, consent_to_list=True)

    assert champion.status == Champion.Status.PROPOSED
    assert champion.consent_to_list and champion.consent_at is not None
    assert champion.organisation == member.organisation
    assert [e.action for e in audit_trail(champion)] == ["nominated"]


def test_someone_nominated_by_a_colleague_must_consent_themselves_and_is_told(
    member, django_capture_on_commit_callbacks
):
    colleague = UserFactory(organisation=member.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        champion = _nominate(member, colleague, consent_to_list=True)

    assert not champion.consent_to_list
    assert champion.nominated_by == member
    to_person = [m for m in mail.outbox if m.to == [colleague.email]]
    assert len(to_person) == 1
    assert f"/champions/{champion.pk}/" in to_person[0].body


def test_a_person_cannot_be_nominated_twice(member):
    _nominate(member, member)

    with pytest.raises(ValidationError) as error:
        _nominate(member, member)
    assert "already on the register (proposed)" in str(error.value)


def test_agreed_hours_need_a_start_date_and_the_line_manager(member):
    with pytest.raises(ValidationError) as error:
        _nominate(member, member, capacity_start=None, capacity_agreed_by="")

    assert set(error.value.message_dict) == {"capacity_start", "capacity_agreed_by"}
    assert not Champion.objects.exists()


def test_admins_approve_pause_and_retire_with_reasons_and_each_step_is_in_the_history(member, admin_user):
    champion = _nominate(member, member)

    services.champion_approve(champion=champion, actor=admin_user)
    with pytest.raises(ValidationError) as error:
        services.champion_pause(champion=champion, actor=admin_user, reason=" ")
    assert "reason" in error.value.message_dict
    services.champion_pause(champion=champion, actor=admin_user, reason="Secondment until June")
    services.champion_retire(champion=champion, actor=admin_user, reason="Left the trust")

    champion.refresh_from_db()
    assert champion.status == Champion.Status.RETIRED
    assert champion.status_reason == "Left the trust"
    trail = list(audit_trail(champion).order_by("at", "pk"))
    assert [e.action for e in trail] == ["nominated", "approved", "paused", "retired"]
    assert trail[2].message == "Secondment until June"
    assert trail[2].actor == admin_user
    assert trail[3].changes == {"status": {"from": "Paused", "to": "Retired"}}


def test_a_transition_that_makes_no_sense_is_refused(admin_user):
    champion = ChampionFactory(status=Champion.Status.PROPOSED)

    with pytest.raises(ValidationError):
        services.champion_pause(champion=champion, actor=admin_user, reason="Not yet active")


def test_only_admins_review_entries(member):
    champion = ChampionFactory(status=Champion.Status.PROPOSED)

    with pytest.raises(PermissionDenied):
        services.champion_approve(champion=champion, actor=member)
    champion.refresh_from_db()
    assert champion.status == Champion.Status.PROPOSED


def test_admin_edits_are_recorded_with_what_changed(admin_user):
    champion = ChampionFactory(hours_per_month=D("10"))

    services.champion_update(champion=champion, actor=admin_user, hours_per_month=D("12"), level="expert")

    entry = audit_trail(champion).get()
    assert entry.action == "edited"
    assert entry.changes["hours_per_month"] == {"from": "10.0", "to": "12"}
    assert entry.changes["level"] == {"from": "coach", "to": "expert"}


def test_free_capacity_counts_commitments_in_the_same_period():
    champion = ChampionFactory(hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("4"))
    CommitmentFactory(
        champion=champion,
        hours_per_month=D("3"),
        start=TODAY.replace(day=1) - dt.timedelta(days=400),
        end=TODAY.replace(day=1) - dt.timedelta(days=1),
    )

    assert services.free_capacity(champion, THIS_MONTH) == D("6")


def test_the_directory_figure_in_sql_matches_the_capacity_module():
    champion = ChampionFactory(hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("4"))
    CommitmentFactory(champion=champion, hours_per_month=D("2.5"), start=TODAY, end=TODAY)
    over = ChampionFactory(hours_per_month=D("3"))
    CommitmentFactory(champion=over, hours_per_month=D("5"), override_reason="Agreed by the board")

    rows = {c.pk: c for c in selectors.listed()}

    assert rows[champion.pk].free_now == services.free_capacity(champion, THIS_MONTH) == D("3.5")
    assert rows[over.pk].free_now == services.free_capacity(over, THIS_MONTH) == D("0")
    assert rows[over.pk].committed_now == D("5")


def test_commit_refuses_to_overcommit_a_champion(steering):
    champion = ChampionFactory(hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("8"))
    start, end = TODAY.replace(day=1), TODAY.replace(day=28)

    check = services.check_commitment(champion, D("4"), start, end)
    assert check.refused and "over-commit" in check.message
    with pytest.raises(services.CapacityRefused) as error:
        services.commitment_create(
            champion=champion, hours_per_month=D("4"), start=start, end=end, title="Workshop", by=steering
        )
    assert "over-commit" in error.value.message_dict["hours_per_month"][0]
    assert champion.commitments.count() == 1


def test_only_an_admin_may_override_and_the_override_is_recorded(steering, admin_user):
    champion = ChampionFactory(hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("8"))
    start, end = TODAY.replace(day=1), TODAY.replace(day=28)

    refused = services.check_commitment(champion, D("4"), start, end, override_reason="Urgent", by=steering)
    assert refused.refused and "Only community admins" in refused.message

    commitment = services.commitment_create(
        champion=champion,
        hours_per_month=D("4"),
        start=start,
        end=end,
        title="Urgent workshop",
        by=admin_user,
        source="facilitation",
        source_ref="17",
        override_reason="Urgent system challenge agreed at the steering group",
    )

    assert commitment.overridden_by == admin_user
    assert commitment.override_reason.startswith("Urgent system challenge")
    assert services.free_capacity(champion, THIS_MONTH) == D("0")  # never shown below zero
    entry = audit_trail(champion).get(action="capacity_overridden")
    assert "Urgent system challenge" in entry.message


def test_a_commitment_within_capacity_is_saved_and_audited(steering):
    champion = ChampionFactory(hours_per_month=D("10"))

    commitment = services.commitment_create(
        champion=champion,
        hours_per_month=D("6"),
        start=TODAY.replace(day=1),
        end=TODAY.replace(day=28),
        title="Coaching",
        by=steering,
    )

    assert commitment.override_reason == ""
    assert services.free_capacity(champion, THIS_MONTH) == D("4")
    assert audit_trail(champion).filter(action="capacity_committed").count() == 1


def test_a_paused_champion_takes_no_new_commitments(admin_user):
    champion = ChampionFactory(status=Champion.Status.PAUSED)

    check = services.check_commitment(champion, D("1"), TODAY, TODAY, override_reason="x", by=admin_user)

    assert check.refused and "not an active champion" in check.message


def test_releasing_a_commitment_frees_the_months_after_it(steering):
    champion = ChampionFactory(hours_per_month=D("10"))
    commitment = CommitmentFactory(champion=champion, hours_per_month=D("6"))
    next_month = capacity.Month.of(TODAY).next()

    services.commitment_release(commitment=commitment, by=steering, on=TODAY)

    assert ChampionCommitment.objects.get().end == TODAY
    assert services.free_capacity(champion, capacity.Period(next_month.first_day, next_month.last_day)) == D(
        "10"
    )


def test_lowering_capacity_below_what_is_committed_needs_an_override_reason(admin_user):
    champion = ChampionFactory(hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("8"))

    with pytest.raises(ValidationError) as error:
        services.champion_update(champion=champion, actor=admin_user, hours_per_month=D("5"))
    assert "Give a reason to override" in error.value.message_dict["hours_per_month"][0]
    champion.refresh_from_db()
    assert champion.hours_per_month == D("10")

    services.champion_update(
        champion=champion, actor=admin_user, hours_per_month=D("5"), override_reason="Reduced hours from May"
    )
    champion.refresh_from_db()
    assert champion.hours_per_month == D("5")
    assert audit_trail(champion).get().action == "capacity_overridden"


def test_only_the_person_gives_or_withdraws_consent(member):
    champion = ChampionFactory(consent_to_list=False)

    with pytest.raises(PermissionDenied):
        services.champion_set_consent(champion=champion, actor=member, consent=True)
    services.champion_set_consent(champion=champion, actor=champion.person, consent=True)

    champion.refresh_from_db()
    assert champion.consent_to_list
    assert audit_trail(champion).get().action == "consent_given"


def test_community_admins_are_told_of_a_nomination_to_review(
    member, admin_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        champion = _nominate(member, member)

    assert [m.to for m in mail.outbox] == [[admin_user.email]]
    assert f"/champions/{champion.pk}/review/" in mail.outbox[0].body
    assert "nominated themselves" in mail.outbox[0].body


def test_only_the_override_rule_lets_a_commitment_past_the_agreed_hours(admin_user, steering):
    from core.permissions import can

    assert can(admin_user, "commitment.override") and not can(steering, "commitment.override")
    champion = ChampionFactory(hours_per_month=D("4"))
    start = champion.capacity_start
    end = start + dt.timedelta(days=27)
    refused = services.check_commitment(champion, D("10"), start, end, override_reason="Urgent", by=steering)
    assert not refused.allowed and "Only community admins" in refused.message
    allowed = services.check_commitment(
        champion, D("10"), start, end, override_reason="Urgent", by=admin_user
    )
    assert allowed.allowed and allowed.overridden
