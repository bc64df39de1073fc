"""The data table shown under every chart (and instead of it without JavaScript)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .chart import Chart
from .icons import POINT_TYPE_LABELS


@dataclass(frozen=True)
class Row:
    period: Any
    value: float | None
    numerator: float | None
    denominator: float | None
    type: str | None
    type_label: str
    rules: list[str]
    centre: float | None
    lower_limit: float | None
    upper_limit: float | None
    annotation: str
    starts_segment: bool
    excluded: bool
    changes: tuple[str, ...] = ()  # PDSA cycles started in this period
    follows: str = ""  # the change a re-baseline here follows


def chart_rows(
    chart: Chart,
    annotations: Mapping[Any, str] | None = None,
    changes: Mapping[Any, Sequence[str]] | None = None,
    rebase_labels: Mapping[Any, str] | None = None,
) -> list[Row]:
    """One row per period: its value (and a ratio's numerator and denominator), its type in words, the
    rules that flagged it, the centre line and limits that applied to it, any annotation, the PDSA cycles
    started in the period and the change a re-baseline there follows."""
    annotations, changes, rebase_labels = annotations or {}, changes or {}, rebase_labels or {}
    rows = []
    for point in chart.points:
        segment = chart.segments[point.segment]
        if point.value is None:
            label = "No value"
        elif point.type is None:
            label = "Not analysed"
        else:
            label = POINT_TYPE_LABELS[point.type]
        rows.append(
            Row(
                period=point.period,
                value=point.value,
                numerator=point.count,
                denominator=point.size,
                type=point.type,
                type_label=label,
                rules=[chart.label(r) for r in point.rules],
                centre=point.centre,
                lower_limit=point.lower_limit,
                upper_limit=point.upper_limit,
                annotation=annotations.get(point.period, ""),
                starts_segment=point.position == segment.start and segment.index > 0,
                excluded=point.excluded,
                changes=tuple(changes.get(point.period, ())),
                follows=rebase_labels.get(point.period, "") if point.position == segment.start else "",
            )
        )
    return rows
