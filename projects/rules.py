"""Pure rules of the project register: lifecycle, progress score, what the audit trail records.

No Django imports: these are plain functions over plain values, unit-tested without a database.
"""

from __future__ import annotations

from decimal import Decimal

AUDITED_FIELDS: tuple[str, ...] = (
    "title",
    "problem",
    "aim",
    "how_we_will_know",
    "change_ideas",
    "lead",
    "organisations",
    "places",
    "priorities",
    "methods",
    "tags",
    "status",
    "progress_score",
    "start_date",
    "end_date",
    "co_production",
    "health_inequalities",
    "results",
    "learning",
    "published_at",
)

# Statuses in lifecycle order; a project may move to any of them (work loops back as well as forwards),
# but "completed" and "stopped" are outcomes that need results or learning recorded.
ACTIVE_STATUSES = ("planning", "testing", "implementing", "spreading", "sustaining")
CLOSED_STATUSES = ("completed", "stopped")
SHOWCASE_STATUSES = ("completed", "spreading", "sustaining")

MIN_SCORE = Decimal("0.5")
MAX_SCORE = Decimal("5.0")


def valid_progress_score(score: Decimal) -> bool:
    """IHI scores run from 0.5 to 5.0 in steps of 0.5."""
    return MIN_SCORE <= score <= MAX_SCORE and (score * 2) == (score * 2).to_integral_value()


def closing_problems(*, status: str, results: str, learning: str) -> dict[str, str]:
    """Field messages when a project is closed without saying what happened."""
    problems: dict[str, str] = {}
    if status == "completed" and not results.strip():
        problems["results"] = "Enter the results of the project before marking it completed"
    if status == "stopped" and not learning.strip():
        problems["learning"] = (
            "Enter what was learned, and why the project stopped, before marking it stopped"
        )
    return problems


def score_problems(*, status: str, progress_score: Decimal) -> dict[str, str]:
    """A score of 4.0 or more means measured, significant improvement: not plausible for an idea."""
    if status in ("idea", "planning") and progress_score >= Decimal("3.0"):
        return {
            "progress_score": "A project still at the idea or planning stage cannot score 3.0 or more: "
            "choose a lower score or change the status"
        }
    return {}


PUBLISH_MESSAGES = {
    "problem": "Describe the problem before you publish",
    "aim": "Give the aim (what, how much, by when) before you publish",
    "lead": "Choose the project's lead before you publish",
    "organisations": "Tick at least one organisation taking part before you publish",
}


def missing_for_publication(*, problem: str, aim: str, has_lead: bool, organisations: int) -> dict[str, str]:
    """What a project needs before everyone can see it: the problem, the aim, a lead and at least one
    organisation, so that people who find it know what it is, who leads it and where it happens. A draft
    may leave any of them for later."""
    missing = {}
    if not problem.strip():
        missing["problem"] = PUBLISH_MESSAGES["problem"]
    if not aim.strip():
        missing["aim"] = PUBLISH_MESSAGES["aim"]
    if not has_lead:
        missing["lead"] = PUBLISH_MESSAGES["lead"]
    if organisations < 1:
        missing["organisations"] = PUBLISH_MESSAGES["organisations"]
    return missing
