"""The chart advisor: which chart suits what a measure records, and why."""

import pytest

from projects.spc.advisor import CHARTS_FOR, advise, allowed


@pytest.mark.parametrize(
    ("kind", "chart", "words"),
    [
        ("value", "xmr", "one value a period"),
        ("proportion", "p", "numerator and a denominator"),
        ("rate", "u", "exposure"),
        ("count", "c", "same size"),
        ("cases_between", "g", "cases between"),
        ("time_between", "t", "time between"),
    ],
)
def test_each_kind_of_measure_gets_its_chart_with_a_reason(kind, chart, words):
    advice = advise(kind)
    assert advice.chart == chart and words in advice.reason
    assert advice.sentence.startswith(advice.chart_name + ": ")


def test_large_denominators_suggest_laneys_prime_charts_and_say_why():
    assert advise("proportion", [120, 130, None]).chart == "p"
    advice = advise("proportion", [4800, 5200, 5000])
    assert advice.chart == "pp" and "on average 5,000" in advice.reason
    assert advise("rate", [20000, 25000]).chart == "up"


def test_every_kind_may_also_be_drawn_as_an_xmr_and_a_run_chart_and_nothing_unsuitable():
    for kind, charts in CHARTS_FOR.items():
        assert allowed(kind, "xmr") and allowed(kind, "run")
        assert charts[0] == advise(kind).chart
    assert not allowed("value", "p") and not allowed("count", "u") and not allowed("proportion", "c")
