"""Which chart suits a measure, and why: the advice shown beside the chart choice on the measure form.

Plain rules over what is recorded for each period (and, once there are data, how large the denominators
are), so the advice is the same on the form, in the API and in the tests.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from .chart import CHART_NAMES, PP, RUN, UP, XMR, C, G, P, T, U

# Above this average denominator a P or U chart's limits are so narrow that almost every point falls
# outside them (overdispersion); Laney's prime charts widen them by the spread between periods.
LARGE_DENOMINATOR = 1000

# What each kind of recorded value may be drawn as; the first is the advice without data.
CHARTS_FOR = {
    "value": (XMR, RUN),
    "proportion": (P, PP, XMR, RUN),
    "rate": (U, UP, XMR, RUN),
    "count": (C, XMR, RUN),
    "cases_between": (G, XMR, RUN),
    "time_between": (T, XMR, RUN),
}

REASONS = {
    XMR: "you record one value a period: an XmR chart's limits come from the variation between periods",
    P: "you record a numerator and a denominator: a P chart's limits widen and narrow with each "
    "period's denominator",
    U: "you record a count of events and the exposure they come from: a U chart's limits widen and "
    "narrow with each period's exposure",
    C: "you record a count of events from the same size of area or population each period",
    G: "events are rare, so the chart counts the cases between them: more cases between events is fewer "
    "events",
    T: "events are rare, so the chart shows the time between them: a longer time is fewer events",
}


@dataclass(frozen=True)
class Advice:
    chart: str
    reason: str

    @property
    def chart_name(self) -> str:
        return CHART_NAMES[self.chart]

    @property
    def sentence(self) -> str:
        return f"{self.chart_name}: {self.reason}."


def advise(value_kind: str, denominators: Sequence[float | None] = ()) -> Advice:
    """The chart for a measure that records `value_kind`, given its denominators so far."""
    first = CHARTS_FOR.get(value_kind, CHARTS_FOR["value"])[0]
    present = [d for d in denominators if d]
    if first in (P, U) and present:
        average = sum(present) / len(present)
        if average >= LARGE_DENOMINATOR:
            prime = PP if first == P else UP
            return Advice(
                prime,
                f"the denominators are large (on average {average:,.0f}), and with large denominators a "
                f"{CHART_NAMES[first].split(' (')[0]}'s limits are so narrow that most points fall outside "
                "them; Laney's chart widens them by the variation between periods",
            )
    return Advice(first, REASONS[first])


def allowed(value_kind: str, chart: str) -> bool:
    return chart in CHARTS_FOR.get(value_kind, ())
