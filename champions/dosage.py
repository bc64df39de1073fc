"""Capability dosage (IHI guidance): targets for improvement experts and quality coaches from headcount.

Pure functions over plain data (no Django).

Rules
- Targets: experts 0.4% of headcount, coaches 5% of headcount, each rounded to the nearest whole person
  with halves rounded up (4,000 staff → 16 experts and 200 coaches; 450 staff → 2 and 23). The system's
  targets come from the system's total headcount, not from adding up the rounded organisation targets.
- Who counts: each person once, at their level. *Experts* are champions at the expert or faculty/trainer
  level; *coaches* are champions at the coach level. Practitioners count towards neither. Only **active**
  register entries count (proposed, paused and retired ones do not).
- Training records: `trained` gives, per organisation, the experts and coaches known from training records
  of the matching level. Until register entries and training records are linked person by person, the two
  sources overlap in unknown ways, so each figure is the **larger** of the two per organisation: never
  double-counting someone who is both on the register and in the training records, and never hiding
  either source. The system figure is the sum of the organisation figures.
- Gap = target - actual (negative: above target); `shortfall` is the gap floored at zero.
- Teams: every active coach supports 3 to 4 teams (IHI: a coach with 20-25% protected time supports 3-4
  teams), so teams supported is 3 x coaches to 4 x coaches. Only coaches on the register count (training
  records do not say who has protected time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EXPERT_RATE = Decimal("0.004")
COACH_RATE = Decimal("0.05")
TEAMS_PER_COACH = (3, 4)

EXPERT_LEVELS = frozenset({"expert", "faculty"})
COACH_LEVELS = frozenset({"coach"})


def target(headcount: int, rate: Decimal) -> int:
    return int((Decimal(headcount) * rate).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class OrganisationInput:
    key: int
    name: str
    headcount: int


@dataclass(frozen=True)
class RegisterCount:
    """Active register entries of one organisation, by role in the dosage."""

    experts: int = 0
    coaches: int = 0


@dataclass(frozen=True)
class Dosage:
    key: int | None  # organisation id; None for the whole system
    name: str
    headcount: int
    expert_target: int
    coach_target: int
    register_experts: int
    register_coaches: int
    trained_experts: int
    trained_coaches: int
    experts: int  # combined actual
    coaches: int  # combined actual
    active_register_coaches: int

    @property
    def expert_gap(self) -> int:
        return self.expert_target - self.experts

    @property
    def coach_gap(self) -> int:
        return self.coach_target - self.coaches

    @property
    def expert_shortfall(self) -> int:
        return max(0, self.expert_gap)

    @property
    def coach_shortfall(self) -> int:
        return max(0, self.coach_gap)

    @property
    def teams_supported(self) -> tuple[int, int]:
        low, high = TEAMS_PER_COACH
        return low * self.active_register_coaches, high * self.active_register_coaches

    @property
    def coach_coverage(self) -> float | None:
        """Share of the coach target met (None when the target is zero)."""
        return self.coaches / self.coach_target if self.coach_target else None

    @property
    def expert_coverage(self) -> float | None:
        return self.experts / self.expert_target if self.expert_target else None


def count_register(levels_by_organisation: Iterable[tuple[int, str]]) -> dict[int, RegisterCount]:
    """(organisation id, level) of each active champion → experts and coaches per organisation."""
    experts: dict[int, int] = {}
    coaches: dict[int, int] = {}
    for org, level in levels_by_organisation:
        if level in EXPERT_LEVELS:
            experts[org] = experts.get(org, 0) + 1
        elif level in COACH_LEVELS:
            coaches[org] = coaches.get(org, 0) + 1
    return {org: RegisterCount(experts.get(org, 0), coaches.get(org, 0)) for org in {*experts, *coaches}}


def organisation_dosage(
    org: OrganisationInput, register: RegisterCount, trained: tuple[int, int] | None = None
) -> Dosage:
    trained_experts, trained_coaches = trained or (0, 0)
    return Dosage(
        key=org.key,
        name=org.name,
        headcount=org.headcount,
        expert_target=target(org.headcount, EXPERT_RATE),
        coach_target=target(org.headcount, COACH_RATE),
        register_experts=register.experts,
        register_coaches=register.coaches,
        trained_experts=trained_experts,
        trained_coaches=trained_coaches,
        experts=max(register.experts, trained_experts),
        coaches=max(register.coaches, trained_coaches),
        active_register_coaches=register.coaches,
    )


@dataclass(frozen=True)
class DosageReport:
    organisations: list[Dosage]
    system: Dosage

    def furthest_from_target(self) -> list[Dosage]:
        """Organisations, furthest from their coach target first (by share met), then expert target."""
        return sorted(
            self.organisations,
            key=lambda d: (
                d.coach_coverage if d.coach_coverage is not None else 1.0,
                d.expert_coverage if d.expert_coverage is not None else 1.0,
                d.name,
            ),
        )


def dosage(
    organisations: Iterable[OrganisationInput],
    register: Mapping[int, RegisterCount],
    trained: dict[int, tuple[int, int]] | None = None,
    *,
    system_name: str = "Whole system",
) -> DosageReport:
    """Dosage per organisation and for the system. `trained`: organisation id → (experts, coaches) known
    from training records of the matching level, or None while training records are not available."""
    trained = trained or {}
    rows = [
        organisation_dosage(org, register.get(org.key, RegisterCount()), trained.get(org.key))
        for org in organisations
    ]
    headcount = sum(r.headcount for r in rows)
    system = Dosage(
        key=None,
        name=system_name,
        headcount=headcount,
        expert_target=target(headcount, EXPERT_RATE),
        coach_target=target(headcount, COACH_RATE),
        register_experts=sum(r.register_experts for r in rows),
        register_coaches=sum(r.register_coaches for r in rows),
        trained_experts=sum(r.trained_experts for r in rows),
        trained_coaches=sum(r.trained_coaches for r in rows),
        experts=sum(r.experts for r in rows),
        coaches=sum(r.coaches for r in rows),
        active_register_coaches=sum(r.active_register_coaches for r in rows),
    )
    return DosageReport(rows, system)
