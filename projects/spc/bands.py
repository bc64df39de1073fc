"""The centre line and limits that apply to each point, for every control chart type.

A `Band` is one point's centre and sigma. Limits at three sigma and the 2-sigma lines are never rounded
before a rule uses them: where sigma is a square root (P, U, C, G charts) the band keeps sigma squared as an
exact fraction and a point is beyond k sigma when its squared distance from the centre exceeds k² times
it, so a point exactly on a limit is decided exactly. Laney's P-prime and U-prime and the T chart take
roots of data-dependent values and work in floating point.

The definitions follow qicharts2 (`qic()` chart types `i`, `p`, `pp`, `u`, `up`, `c`, `g`, `t`), except
that the individuals chart uses Making Data Count's 2.66 times the mean moving range where qicharts2 uses
3 / 1.128 = 2.6596 times.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .limits import D2, LIMIT_FACTOR, SCREEN_FACTOR, mean, xmr_limits
from .runs import exact_median

T_POWER = Fraction("3.6")  # the T chart draws an I chart of (time between events) ** (1 / 3.6)


@dataclass(frozen=True)
class Band:
    centre: Fraction
    sigma: Fraction | None = None  # sigma itself, when it is exact
    variance: Fraction | None = None  # sigma squared, when sigma is a square root
    floor: Fraction | None = None  # limits are not drawn below (0 for counts and proportions)
    ceiling: Fraction | None = None  # nor above (1 for proportions)

    def side_beyond(self, value: Fraction, k: int) -> int:
        """+1 if `value` is more than k sigma above the centre, -1 if more than k sigma below, else 0."""
        d = value - self.centre
        if d == 0:
            return 0
        if self.variance is not None:
            beyond = d * d > k * k * self.variance
        else:
            beyond = abs(d) > k * (self.sigma or 0)
        return (1 if d > 0 else -1) if beyond else 0

    def limit(self, k: int) -> float:
        """centre + k sigma (k may be negative), clipped to the floor and ceiling, as a float."""
        if self.variance is not None:
            value = float(self.centre) + k * math.sqrt(self.variance)
        else:
            value = float(self.centre + k * (self.sigma or 0))
        if self.floor is not None:
            value = max(value, float(self.floor))
        if self.ceiling is not None:
            value = min(value, float(self.ceiling))
        return value

    @property
    def spread_is_zero(self) -> bool:
        return not (self.variance or self.sigma)


@dataclass(frozen=True)
class Sample:
    """One period: the plotted statistic (before any multiplier) and, for P and U charts, its parts."""

    value: Fraction
    count: Fraction = Fraction(0)
    size: Fraction = Fraction(1)


@dataclass(frozen=True)
class Bands:
    centre_line: Fraction  # the line drawn and used for runs (the median for a G chart)
    bands: list[Band]  # one per sample


def xmr_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool) -> Bands:
    limits = xmr_limits([s.value for s in baseline], screen=screen)
    band = Band(limits.mean, sigma=LIMIT_FACTOR * limits.mean_moving_range / 3)
    return Bands(limits.mean, [band] * len(samples))


def _ratio(baseline: Sequence[Sample]) -> Fraction:
    size = sum((s.size for s in baseline), Fraction(0))
    return sum((s.count for s in baseline), Fraction(0)) / size if size else Fraction(0)


def p_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    p = _ratio(baseline)
    bands = [Band(p, variance=p * (1 - p) / s.size, floor=Fraction(0), ceiling=Fraction(1)) for s in samples]
    return Bands(p, bands)


def u_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    u = _ratio(baseline)
    return Bands(u, [Band(u, variance=u / s.size, floor=Fraction(0)) for s in samples])


def c_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    c = mean([s.value for s in baseline])
    return Bands(c, [Band(c, variance=c, floor=Fraction(0))] * len(samples))


def g_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    """Limits from the mean (a geometric distribution's sigma); the centre line drawn is the median."""
    g = mean([s.value for s in baseline])
    band = Band(g, variance=g * (g + 1), floor=Fraction(0))
    return Bands(exact_median([s.value for s in baseline]), [band] * len(samples))


def _laney(
    baseline: Sequence[Sample],
    samples: Sequence[Sample],
    centre: Fraction,
    variance: Callable[[Sample], Fraction],
    *,
    screen: bool,
    ceiling: Fraction | None = None,
) -> Bands:
    """Laney's prime charts: each point's binomial (or Poisson) sigma times sigma_z, the spread of the
    baseline's z-scores estimated from their moving ranges."""
    z = [float(s.value - centre) / math.sqrt(variance(s)) if variance(s) else 0.0 for s in baseline]
    ranges = [abs(z[i] - z[i - 1]) for i in range(1, len(z))]
    average = sum(ranges) / len(ranges) if ranges else 0.0
    if screen and ranges:
        kept = [r for r in ranges if r < float(SCREEN_FACTOR) * average]
        average = sum(kept) / len(kept) if kept else average
    sigma_z = average / float(D2)
    bands = [
        Band(centre, sigma=Fraction(math.sqrt(variance(s)) * sigma_z), floor=Fraction(0), ceiling=ceiling)
        for s in samples
    ]
    return Bands(centre, bands)


def pp_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    p = _ratio(baseline)
    return _laney(baseline, samples, p, lambda s: p * (1 - p) / s.size, screen=screen, ceiling=Fraction(1))


def up_bands(baseline: Sequence[Sample], samples: Sequence[Sample], *, screen: bool = False) -> Bands:
    u = _ratio(baseline)
    return _laney(baseline, samples, u, lambda s: u / s.size, screen=screen)


def t_value(hours: Fraction) -> Fraction:
    """A time between events on the scale the T chart's limits are computed on."""
    return Fraction(float(hours) ** (1 / float(T_POWER)))


def t_display(value: float) -> float:
    """Back from the transformed scale; a limit at or below zero is drawn at zero."""
    return value ** float(T_POWER) if value > 0 else 0.0


BUILDERS = {
    "xmr": xmr_bands,
    "p": p_bands,
    "pp": pp_bands,
    "u": u_bands,
    "up": up_bands,
    "c": c_bands,
    "g": g_bands,
    "t": xmr_bands,  # of the transformed times: the samples' values are already transformed
}
