"""The rule sets a chart can be read with, stated in words on every chart, table and API answer.

A control chart (XmR, P, U, C, G, T and Laney's P-prime and U-prime) is read with one of two rule sets
that share the same four rules and differ in their lengths: Making Data Count (NHS England; the default)
and the IHI's (Provost and Murray, "The Health Care Data Guide", as Life QI applies them). A run chart is
always read with Anhøj's rules (a run longer than expected, too few crossings of the median) and
astronomical points.
"""

from dataclasses import dataclass

OUTSIDE_LIMITS = "outside_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
LONG_RUN = "long_run"
FEW_CROSSINGS = "few_crossings"
ASTRONOMICAL = "astronomical"

# When a point is flagged by more than one rule it is labelled by the first in this order.
CONTROL_PRECEDENCE = (OUTSIDE_LIMITS, TREND, TWO_OF_THREE, SHIFT)
RUN_RULES = (ASTRONOMICAL, LONG_RUN, FEW_CROSSINGS)


@dataclass(frozen=True)
class RuleSet:
    key: str
    name: str
    shift: int  # points in a row on one side of the centre line
    trend: int  # points each higher (or lower) than the one before

    def labels(self) -> dict[str, str]:
        return {
            OUTSIDE_LIMITS: "A point outside the process limits",
            TREND: f"A trend: {self.trend} or more points each higher, or each lower, than the one before",
            TWO_OF_THREE: "2 of 3 consecutive points beyond 2 sigma, on the same side of the centre line",
            SHIFT: f"A shift: {self.shift} or more points in a row on one side of the centre line",
            **RUN_LABELS,
        }

    @property
    def statement(self) -> str:
        """The rule set in one sentence, as printed under a chart."""
        return (
            f"{self.name}: a point outside the limits; a trend of {self.trend} points; "
            f"2 of 3 points beyond 2 sigma; a shift of {self.shift} points"
        )


RUN_LABELS = {
    LONG_RUN: "A shift: a run on one side of the median longer than round(log2(n) + 3) points",
    FEW_CROSSINGS: "Too few crossings of the median: below the 5th percentile of Binomial(n - 1, 0.5)",
    ASTRONOMICAL: "An astronomical point: further from the median than 3.145 times the median moving range",
}

MAKING_DATA_COUNT = RuleSet("making_data_count", "Making Data Count (NHS England)", shift=7, trend=7)
IHI = RuleSet("ihi", "IHI (Provost and Murray, as Life QI applies them)", shift=8, trend=6)
RULE_SETS = {r.key: r for r in (MAKING_DATA_COUNT, IHI)}
DEFAULT = MAKING_DATA_COUNT.key
CHOICES = [(r.key, r.name) for r in RULE_SETS.values()]

ANHOEJ_KEY = "anhoej"
ANHOEJ_STATEMENT = (
    "Anhøj's run chart rules: a run on one side of the median longer than expected, too few crossings of "
    "the median; and astronomical points"
)

# Every label any chart can show, for the pages that list rules without a chart at hand.
ALL_LABELS = {**MAKING_DATA_COUNT.labels(), **RUN_LABELS}


def rule_set(key: str | None) -> RuleSet:
    """The rule set with this key; the default for None or an empty key."""
    if not key:
        return RULE_SETS[DEFAULT]
    try:
        return RULE_SETS[key]
    except KeyError:
        raise ValueError(f"rule set must be one of {', '.join(RULE_SETS)}, not {key!r}") from None
