"""A small chart for a grid of measures (a project's small multiples): an inline SVG, drawn on the server,
with the values, the centre line, the limits where there are any, and the latest point in its type's
colour. Everything in it is a number or escaped text, so it can be placed in a page as it is."""

from html import escape

from . import colours
from .chart import Chart

WIDTH, HEIGHT, PAD = 240, 64, 4


def sparkline(chart: Chart, label: str) -> str:
    """`label` is what a screen reader hears (the measure and its latest finding)."""
    present = [(i, p) for i, p in enumerate(chart.points) if p.value is not None]
    if len(present) < 2:
        return ""
    numbers = [p.value for _, p in present if p.value is not None]
    for _, p in present:
        numbers += [v for v in (p.lower_limit, p.upper_limit, p.centre) if v is not None]
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    last = len(chart.points) - 1 or 1

    def x(i: int) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * i / last, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * (v - low) / span, 1)

    def path(pairs: list[tuple[int, float | None]]) -> str:
        return " ".join(f"{x(i)},{y(v)}" for i, v in pairs if v is not None)

    parts = [
        f'<svg class="spc-sparkline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}" focusable="false">'
    ]
    for side in ("lower_limit", "upper_limit"):
        line = path([(i, getattr(p, side)) for i, p in present])
        if line:
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{colours.LIMIT_LINE}" '
                'stroke-width="1" stroke-dasharray="3 2"/>'
            )
    centre = path([(i, p.centre) for i, p in present])
    if centre:
        parts.append(
            f'<polyline points="{centre}" fill="none" stroke="{colours.MEAN_LINE}" stroke-width="1"/>'
        )
    parts.append(
        f'<polyline points="{path([(i, p.value) for i, p in present])}" fill="none" '
        f'stroke="{colours.VALUE_LINE}" stroke-width="1.5"/>'
    )
    for i, p in present:
        if p.type and p.type != "common_cause" and p.value is not None:
            parts.append(
                f'<circle cx="{x(i)}" cy="{y(p.value)}" r="2.5" fill="{colours.POINT_COLOURS[p.type]}"/>'
            )
    i, latest = present[-1]
    if latest.value is not None:
        fill = colours.POINT_COLOURS.get(latest.type or "common_cause", colours.VALUE_LINE)
        parts.append(f'<circle cx="{x(i)}" cy="{y(latest.value)}" r="4" fill="{fill}" stroke="#FFFFFF"/>')
    parts.append("</svg>")
    return "".join(parts)
