"""Every vector from the NHS's and qicharts2's own test suites (tests/projects/spc/data/vectors.json).

Each expected key is checked where it applies to the portal's rules, and a vector must check at least one
thing. P, U, C and T charts are computed by the portal from the peer's counts and sizes
(data/qicharts2_counts.json) and their centre lines, limits, points outside them and runs compared with the
peer's; xbar and s charts (subgroups of raw observations, which the portal does not draw) are checked for
the rules the portal applies to any limits."""

import json
import math
from pathlib import Path
from typing import Any

import pytest

from projects.spc import control_chart, rules, run_chart, xmr_chart
from projects.spc.icons import assurance_icon, normalise_direction
from projects.spc.limits import moving_ranges
from projects.spc.runs import runs_analysis

VECTORS = json.loads((Path(__file__).parent / "data" / "vectors.json").read_text())

NOT_APPLICABLE = {
    "tolerance": "describes how the peer printed its numbers; used to choose the comparison",
    "note": "prose",
    "limits_convention": "prose",
}
COUNTS = json.loads((Path(__file__).parent / "data" / "qicharts2_counts.json").read_text())

ASSURANCE = {
    "consistent_pass": "consistently_passing",
    "consistent_fail": "consistently_failing",
    "inconsistent": "hit_and_miss",
    None: None,
}
ICON_ASSURANCE = {"pass": "consistent_pass", "fail": "consistent_fail", "inconsistent": "inconsistent"}


def tolerance(vector: dict[str, Any]) -> dict[str, float]:
    text = vector["expect"].get("tolerance", "")
    if text.startswith("7 significant"):
        return {"rel": 1e-6, "abs": 1e-6}
    if text.startswith("3 significant"):
        return {"rel": 6e-3, "abs": 6e-3}
    if "2 dp" in text:
        return {"abs": 0.0051}
    return {"rel": 1e-9, "abs": 1e-12}


def point_type(name: str) -> str:
    return "special_cause_neutral" if name.startswith("special_cause_neutral") else name


class Checker:
    def __init__(self, vector: dict[str, Any]):
        self.v = vector
        self.expect = dict(vector["expect"])
        self.expect.update(vector.get("expect_derived", {}))
        self.checked: list[str] = []

    def take(self, key: str) -> Any:
        self.checked.append(key)
        return self.expect[key]

    def has(self, key: str) -> bool:
        return key in self.expect

    def finish(self) -> None:
        unhandled = set(self.expect) - set(self.checked) - set(NOT_APPLICABLE)
        assert not unhandled, f"expectations not checked: {sorted(unhandled)}"
        assert self.checked, "a vector must check something"


def run_ptd_unit(c: Checker) -> None:
    fn, inputs = c.v["function"], c.v["inputs"]
    expected = c.take("output")
    if fn == "ptd_seven_point_one_side_mean":
        got = [abs(f) for f in rules.run_end_flags(inputs["relative_to_mean"])]
    elif fn == "ptd_part_of_seven_trend":
        got = [abs(f) for f in rules.spread_back(inputs["flags"], rules.TREND_LENGTH)]
    elif fn == "ptd_seven_point_trend":
        got = rules.trend_end_flags(inputs["y"])
    elif fn == "ptd_two_in_three":
        got = [
            int(f) for f in rules.two_in_three_windows(inputs["close_to_limits"], inputs["relative_to_mean"])
        ]
    elif fn.startswith("ptd_part_of_two_in_three"):
        flags = rules.two_in_three_flags(inputs["close_to_limits"], inputs["relative_to_mean"])
        got = [int(f != 0) for f in flags]
    else:
        pytest.fail(f"unknown function {fn}")
    assert got == expected


def run_ptd_assurance(c: Checker) -> None:
    inputs = c.v["inputs"]
    row = inputs["rows_in_order"][-1] if "rows_in_order" in inputs else inputs
    got = assurance_icon(
        normalise_direction(c.v["improvement"]), c.v["target"], row.get("lpl"), row.get("upl")
    )
    assert got == ASSURANCE[c.take("assurance_type")]


def ptd_chart(values: list[float], c: Checker, **overrides: Any) -> Any:
    options = c.v.get("options") or {}
    kwargs: dict[str, Any] = {
        "improvement": c.v["improvement"],
        "target": c.v["target"],
        "screen_moving_ranges": options.get("screen_outliers", True),
    }
    if "rebase_flag_at" in options:
        kwargs["rebase_at"] = [i - 1 for i in options["rebase_flag_at"]]
    if "fix_after_n_points" in options:
        kwargs["baseline_points"] = options["fix_after_n_points"]
    kwargs.update(overrides)
    return xmr_chart(values, **kwargs)


def run_ptd_series(c: Checker) -> None:
    values = c.v["values"]
    tol = tolerance(c.v)
    chart = ptd_chart(values, c)
    seg = chart.segments[-1]
    types = [p.type for p in chart.points]
    for key, attr in (("mean", "mean"), ("lpl", "lower_limit"), ("upl", "upper_limit")):
        if c.has(key):
            assert getattr(seg, attr) == pytest.approx(c.take(key), **tol), key
    for key in [k for k in c.expect if k.startswith("relative_to_mean_first")]:
        n = int(key.rsplit("first", 1)[1])
        assert rules.relative_to_mean(values[:n], seg.mean) == c.take(key)
    if c.has("outside_limits_first8"):
        got = [f != 0 for f in rules.outside_limits(values[:8], seg.lower_limit, seg.upper_limit)]
        assert got == c.take("outside_limits_first8")
    if c.has("close_to_limits_first8"):
        got = rules.close_to_limits(values, seg.mean, seg.lower_limit, seg.upper_limit)[:8]
        assert got == c.take("close_to_limits_first8")
    if c.has("summary"):
        summary = c.take("summary")
        assert len(values) == summary["n"]
        assert types.count("common_cause") == summary["common_cause"]
        assert types.count("special_cause_improvement") == summary["special_cause_improvement"]
    if c.has("point_types"):
        assert types == [point_type(t) for t in c.take("point_types")]
    if c.has("point_types_last2"):
        assert types[-2:] == c.take("point_types_last2")
    if c.has("point_type_at_5"):
        assert types[4] == c.take("point_type_at_5")
    if c.has("special_cause_flags"):
        assert [t != "common_cause" for t in types] == c.take("special_cause_flags")
    if c.has("rebase_group"):
        assert [p.segment for p in chart.points] == c.take("rebase_group")
    if c.has("last_point_type"):
        assert types[-1] == point_type(c.take("last_point_type"))
    if c.has("assurance_type"):
        assert chart.assurance == ASSURANCE[c.take("assurance_type")]
    if c.has("icons"):
        icons = c.take("icons")
        assert chart.variation == icons[0].removeprefix("variation/").removesuffix(".svg")
        expected_assurance = (
            icons[1].removeprefix("assurance/").removesuffix(".svg") if len(icons) > 1 else None
        )
        assert chart.assurance == ASSURANCE[ICON_ASSURANCE.get(expected_assurance)]  # type: ignore[arg-type]
    if c.has("relations"):
        for relation in c.take("relations"):
            check_relation(relation, c, chart)
    if c.has("segments"):
        check_facets(c, values)
    if c.has("icons_without_target"):
        halves = [values[:12], values[12:]]
        got = [ptd_chart(h, c, target=None).variation for h in halves]
        assert got == [
            i.removeprefix("variation/").removesuffix(".svg") for i in c.take("icons_without_target")
        ]
    if c.has("short_group_warning"):
        c.take("short_group_warning")
        for half in (values[:10], values[10:]):
            assert any("trial limits" in note for note in ptd_chart(half, c).notes)


def check_relation(relation: str, c: Checker, chart: Any) -> None:
    seg = chart.segments[-1]
    default = ptd_chart(c.v["values"], c, screen_moving_ranges=True, baseline_points=None)
    if relation == "(upl-lpl) smaller than with screen_outliers=FALSE":
        unscreened = ptd_chart(c.v["values"], c, screen_moving_ranges=False).segments[-1]
        assert seg.upper_limit - seg.lower_limit < unscreened.upper_limit - unscreened.lower_limit
    elif relation == "lpl/upl differ from ptd_rnorm20_default":
        base = by_name("ptd_rnorm20_default")
        other = xmr_chart(base["values"], improvement="increase").segments[-1]
        assert (seg.lower_limit, seg.upper_limit) != (other.lower_limit, other.upper_limit)
    elif relation in ("lpl != lpl of ptd_rnorm20_default", "upl != upl of ptd_rnorm20_default"):
        attr = "lower_limit" if relation.startswith("lpl") else "upper_limit"
        assert getattr(seg, attr) != getattr(default.segments[-1], attr)
    else:
        pytest.fail(f"unknown relation {relation}")


def check_facets(c: Checker, values: list[float]) -> None:
    tol = tolerance(c.v)
    for facet in c.take("segments"):
        first, last = (int(x) for x in facet["points"].split("-"))
        chart = ptd_chart(values[first - 1 : last], c, target=c.v["target"])
        seg = chart.segments[-1]
        types = [p.type for p in chart.points]
        for key, attr in (("mean", "mean"), ("lpl", "lower_limit"), ("upl", "upper_limit")):
            if key in facet:
                assert getattr(seg, attr) == pytest.approx(facet[key], **tol)
        if "n" in facet:
            assert len(types) == facet["n"]
            assert types.count("common_cause") == facet["common_cause"]
            assert types.count("special_cause_improvement") == facet["special_cause_improvement"]
        if "last_point_type" in facet:
            assert types[-1] == facet["last_point_type"]
        if "assurance_type_with_target_0.5" in facet:
            assert chart.assurance == ASSURANCE[facet["assurance_type_with_target_0.5"]]


def check_runs(c: Checker, values: list[float | None], centre: float) -> None:
    runs = runs_analysis(values, centre)
    for key in ("n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min"):
        if c.has(key):
            assert getattr(runs, key) == c.take(key), key
    # qicharts2 forces the runs signal off for moving-range charts
    if c.has("signals") and "runs_signal" in c.expect["signals"] and c.v["chart"] != "mr":
        assert runs.signal == c.expect["signals"]["runs_signal"]


def per_point(x: Any, n: int) -> list[Any]:
    return x if isinstance(x, list) else [x] * n


def sigma_indices(values: list[float | None], lcl: Any, ucl: Any) -> list[int]:
    n = len(values)
    out = []
    for i, (v, lo, hi) in enumerate(zip(values, per_point(lcl, n), per_point(ucl, n), strict=True)):
        if v is not None and ((hi is not None and v > hi) or (lo is not None and v < lo)):
            out.append(i + 1)
    return out


def run_qic(c: Checker) -> None:
    values: list[float | None] = c.v["values"]
    options = c.v.get("options") or {}
    kind = c.v["chart"]
    if kind == "i":
        freeze = options.get("freeze")
        chart = xmr_chart(
            values, baseline_points=freeze, screen_moving_ranges=options.get("qic.screenedmr", False)
        )
        seg = chart.segments[0]
        assert seg.mean == pytest.approx(c.take("mean"))
        mr_bar = (seg.upper_limit - seg.mean) / 2.66
        # qicharts2 uses 3 / 1.128 = 2.6596 where Making Data Count uses 2.66
        assert seg.mean + 3 / 1.128 * mr_bar == pytest.approx(c.take("upl"))
        assert seg.mean - 3 / 1.128 * mr_bar == pytest.approx(c.take("lpl"))
        assert sigma_indices(values, c.expect["lpl"], c.expect["upl"]) == c.take("sigma_signal_indices")
        assert [i + 1 for i, p in enumerate(chart.points) if "outside_limits" in p.rules] == c.expect[
            "sigma_signal_indices"
        ]
        check_runs(c, values, seg.mean)
        c.checked.append("signals")
        assert c.expect["signals"]["sigma_signal_count"] == len(c.expect["sigma_signal_indices"])
        return
    if kind == "mr":
        freeze = options["freeze"]
        ranges = moving_ranges([v for v in values if v is not None])
        assert [None, *ranges] == c.take("moving_ranges")
        centre = sum(ranges[: freeze - 1]) / (freeze - 1)
        assert centre == pytest.approx(c.take("mean"))
        assert 3.267 * centre == pytest.approx(c.take("upl"))
        assert c.take("lpl") == 0
        assert [i + 2 for i, r in enumerate(ranges) if r > 3.267 * centre] == c.take("sigma_signal_indices")
        check_runs(c, list(ranges), centre)
        c.checked.append("signals")
        return
    if kind == "run":
        freeze = options.get("freeze")
        chart = run_chart(values, baseline_points=freeze)
        seg = chart.segments[0]
        if c.has("center"):
            assert seg.median == c.take("center")
        check_runs(c, values, seg.median)  # type: ignore[arg-type]
        c.checked.append("signals")
        assert (
            bool(chart.signals and {s.rule for s in chart.signals} & {"long_run", "few_crossings"})
            == c.expect["signals"]["runs_signal"]
        )
        return
    if kind in ("p", "u", "c", "t"):
        run_qic_attribute(c)
        return
    # xbar and s charts: the limits come from the peer; the portal's own rules are the outside-the-limits
    # test and the runs analysis about the centre line.
    n = len(values)
    centre = per_point(c.take("center"), n)
    assert sigma_indices(values, c.take("lcl"), c.take("ucl")) == c.take("sigma_signal_indices")
    check_runs(c, values, centre[0])
    (part,) = c.take("runs")
    runs = runs_analysis(values, centre[0])
    assert (part["n_obs"], part["longest_run"], part["crossings"]) == (n, runs.longest_run, runs.crossings)
    c.checked.append("signals")
    assert c.expect["signals"].get("sigma_signal_count") in (None, 0, len(c.expect["sigma_signal_indices"]))


def run_qic_attribute(c: Checker) -> None:
    """P, U, C and T charts drawn by the portal from the peer's inputs, with qicharts2's options."""
    values, options, kind = c.v["values"], c.v.get("options") or {}, c.v["chart"]
    n = len(values)
    include = options.get("include") or [True] * n
    kwargs: dict[str, Any] = {
        "exclude": [i for i in range(n) if not include[i]],
        "rebase_at": [options["part"]] if "part" in options else [],
        "baseline_points": options.get("freeze"),
        "screen_moving_ranges": False,  # qicharts2's default
    }
    if kind in ("p", "u"):
        inputs = COUNTS[c.v["name"]]
        chart = control_chart(
            kind, inputs["counts"], sizes=inputs["sizes"], multiplier=options.get("multiply", 1), **kwargs
        )
    else:
        chart = control_chart(kind, values, **kwargs)
    points = chart.points
    assert [p.value for p in points] == pytest.approx(values, rel=1e-12)
    if c.has("center"):
        assert [p.centre for p in points] == pytest.approx(per_point(c.take("center"), n), rel=1e-12)
    lower, upper = [p.lower_limit for p in points], [p.upper_limit for p in points]
    if kind == "t":
        # The T chart is an individuals chart of y ** (1 / 3.6): restate its limits with qicharts2's
        # 3 / 1.128 in place of Making Data Count's 2.66, exactly.
        lower, upper = qicharts2_t_limits(points)
    if c.has("lcl"):
        assert lower == pytest.approx(per_point(c.take("lcl"), n), rel=1e-9, abs=1e-15)
        assert upper == pytest.approx(per_point(c.take("ucl"), n), rel=1e-9)
    if c.has("mean_lcl"):
        assert sum(lower) / n == pytest.approx(c.take("mean_lcl"), rel=1e-9, abs=1e-15)
        assert sum(upper) / n == pytest.approx(c.take("mean_ucl"), rel=1e-9)
    outside = [p.position + 1 for p in points if "outside_limits" in p.rules]
    if c.has("sigma_signal_indices"):
        assert outside == c.take("sigma_signal_indices")
    runs_by_part = []
    for segment in chart.segments:
        kept = [p for p in points[segment.start : segment.end + 1] if not p.excluded]
        runs_by_part.append((segment, kept, runs_analysis([p.value for p in kept], kept[0].centre)))
    if c.has("runs"):
        for part, (segment, kept, runs) in zip(c.take("runs"), runs_by_part, strict=True):
            assert f"{segment.start + 1}-{segment.end + 1}" == part["points"]
            assert len(kept) == part["n_obs"]
            for key in ("n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min"):
                assert getattr(runs, key) == part[key], (part["part"], key)
            assert runs.signal == part["runs_signal"]
    if len(runs_by_part) == 1:
        runs = runs_by_part[0][2]
        if c.has("n_obs"):
            assert len(runs_by_part[0][1]) == c.take("n_obs")
        for key in ("n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min"):
            if c.has(key):
                assert getattr(runs, key) == c.take(key), key
        if c.has("signals"):
            c.checked.append("signals")
            assert runs.signal == c.expect["signals"]["runs_signal"]
            assert c.expect["signals"].get("sigma_signal_count", len(outside)) == len(outside)


def qicharts2_t_limits(points: list[Any]) -> tuple[list[float], list[float]]:
    lower, upper = [], []
    for p in points:
        centre = p.centre ** (1 / 3.6)
        mr_bar = (p.upper_limit ** (1 / 3.6) - centre) / 2.66
        low = centre - 3 / 1.128 * mr_bar
        lower.append(low**3.6 if low > 0 else 0.0)
        upper.append((centre + 3 / 1.128 * mr_bar) ** 3.6)
    return lower, upper


def by_name(name: str) -> dict[str, Any]:
    return next(v for v in VECTORS if v["name"] == name)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_the_portal_reproduces_every_conformance_vector(vector: dict[str, Any]) -> None:
    c = Checker(vector)
    name = vector["name"]
    if name.startswith("ptd_unit_"):
        run_ptd_unit(c)
    elif vector.get("kind") == "assurance":
        run_ptd_assurance(c)
    elif name.startswith("ptd_"):
        run_ptd_series(c)
    elif name.startswith("qic_"):
        run_qic(c)
    else:
        pytest.fail(f"no runner for {name}")
    c.finish()


def test_there_are_one_hundred_vectors() -> None:
    assert len(VECTORS) == 100
    assert not any(math.isnan(x) for v in VECTORS for x in (v.get("values") or []) if x is not None)
