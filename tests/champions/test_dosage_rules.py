"""Capability dosage on hand-checked numbers (pure, no database)."""

from __future__ import annotations

from champions.dosage import (
    COACH_RATE,
    EXPERT_RATE,
    OrganisationInput,
    RegisterCount,
    count_register,
    dosage,
    organisation_dosage,
    target,
)


def test_an_organisation_of_4000_staff_needs_16_experts_and_200_coaches():
    d = organisation_dosage(OrganisationInput(1, "Riverside", 4000), RegisterCount(experts=10, coaches=50))

    assert (d.expert_target, d.coach_target) == (16, 200)
    assert (d.expert_gap, d.coach_gap) == (6, 150)
    assert d.teams_supported == (150, 200)  # 50 coaches x 3 to 4 teams


def test_targets_round_to_the_nearest_person_halves_up():
    assert target(450, COACH_RATE) == 23  # 22.5
    assert target(450, EXPERT_RATE) == 2  # 1.8
    assert target(620, EXPERT_RATE) == 2  # 2.48
    assert target(625, EXPERT_RATE) == 3  # 2.5
    assert target(0, COACH_RATE) == 0


def test_experts_and_faculty_count_as_experts_coaches_as_coaches_practitioners_as_neither():
    counts = count_register([(1, "expert"), (1, "faculty"), (1, "coach"), (1, "practitioner"), (2, "coach")])

    assert counts == {1: RegisterCount(2, 1), 2: RegisterCount(0, 1)}


def test_training_records_and_register_take_the_larger_per_organisation():
    d = organisation_dosage(OrganisationInput(1, "Riverside", 4000), RegisterCount(3, 40), trained=(5, 30))

    assert (d.experts, d.coaches) == (5, 40)
    assert (d.register_experts, d.trained_experts) == (3, 5)
    # Teams come from the register's active coaches only.
    assert d.teams_supported == (120, 160)


def test_a_gap_is_negative_above_target_and_the_shortfall_is_floored():
    d = organisation_dosage(OrganisationInput(1, "Small", 500), RegisterCount(4, 30))

    assert (d.expert_target, d.coach_target) == (2, 25)
    assert (d.expert_gap, d.coach_gap) == (-2, -5)
    assert (d.expert_shortfall, d.coach_shortfall) == (0, 0)


def test_the_system_targets_come_from_total_headcount_and_actuals_add_up():
    orgs = [OrganisationInput(1, "A", 4000), OrganisationInput(2, "B", 450), OrganisationInput(3, "C", 625)]
    report = dosage(
        orgs, {1: RegisterCount(10, 50), 2: RegisterCount(0, 5)}, trained={3: (1, 2), 1: (12, 10)}
    )

    s = report.system
    assert s.headcount == 5075
    assert (s.expert_target, s.coach_target) == (20, 254)  # 20.3 and 253.75, not 16+2+3 or 200+23+31
    assert (s.experts, s.coaches) == (12 + 0 + 1, 50 + 5 + 2)
    assert s.active_register_coaches == 55
    assert [d.name for d in report.organisations] == ["A", "B", "C"]


def test_furthest_from_target_orders_by_share_of_the_coach_target_met():
    orgs = [OrganisationInput(1, "A", 4000), OrganisationInput(2, "B", 4000), OrganisationInput(3, "C", 0)]
    report = dosage(orgs, {1: RegisterCount(0, 100), 2: RegisterCount(0, 20)})

    assert [d.name for d in report.furthest_from_target()] == ["B", "A", "C"]
