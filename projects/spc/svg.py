"""A measure's chart as an inline SVG drawn on the server: no JavaScript to load, the same picture in the
page, in print and offline. Values joined by a line; points coloured and shaped by type (with their period,
value and rules as a tooltip); each segment's centre line and limits (steps where they vary); the target;
re-baselines and what they follow; annotations; PDSA cycles as numbered markers along the foot; a legend.
Everything written into it is a number or escaped text."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

from . import colours, icons
from .chart import Chart

WIDTH, HEIGHT = 760, 400
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 28, 112
FONT = 'font-family="Frutiger W01, Arial, sans-serif"'


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks, value = [start], start
    while value < high - step * 1e-9:
        value += step
        ticks.append(round(value, 10))
    return ticks


def _number(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    shape = colours.POINT_SYMBOLS.get(kind, "circle")
    if shape == "diamond":
        corners = f"M{x:g},{y - 6:g} L{x + 6:g},{y:g} L{x:g},{y + 6:g} L{x - 6:g},{y:g} Z"
        return f'<path d="{corners}" fill="{fill}" stroke="#FFFFFF"'
    if shape == "square":
        return f'<rect x="{x - 5:g}" y="{y - 5:g}" width="10" height="10" fill="{fill}" stroke="#FFFFFF"'
    radius = 4.5 if kind == icons.COMMON_CAUSE else 5.5
    return f'<circle cx="{x:g}" cy="{y:g}" r="{radius}" fill="{fill}" stroke="#FFFFFF"'


def chart_svg(
    chart: Chart,
    *,
    title: str,
    unit: str = "",
    period_text: Callable[[Any], str] = str,
    period_title: str = "",
    annotations: Mapping[Any, str] | None = None,
    changes: Mapping[Any, Sequence[str]] | None = None,
    rebase_labels: Mapping[Any, str] | None = None,
) -> str:
    points = chart.points
    present = [p for p in points if p.value is not None]
    if not present:
        return ""
    annotations, changes, rebase_labels = annotations or {}, changes or {}, rebase_labels or {}
    numbers = [p.value for p in present if p.value is not None]
    for p in present:
        numbers += [v for v in (p.lower_limit, p.upper_limit, p.centre) if v is not None]
    if chart.target is not None:
        numbers.append(chart.target)
    ticks = _nice_ticks(min(numbers), max(numbers))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + (step * i if len(points) > 1 else plot_w / 2), 1)

    def y(v: float) -> float:
        return round(TOP + plot_h - plot_h * (v - low) / ((high - low) or 1), 1)

    out = [
        f'<svg class="spc-svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="spc-svg-title" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="spc-svg-title">{escape(title)}: the same data as the table below</title>',
    ]
    for tick in ticks:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" stroke="#E8EDEE"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4}" text-anchor="end" font-size="12" {FONT} '
            f'fill="#425563">{escape(_number(tick))}</text>'
        )
    if unit:
        out.append(
            f'<text x="14" y="{TOP + plot_h / 2:g}" transform="rotate(-90 14 {TOP + plot_h / 2:g})" '
            f'text-anchor="middle" font-size="12" {FONT} fill="#425563">{escape(unit)}</text>'
        )
    every = max(1, math.ceil(len(points) / 8))
    for i in range(0, len(points), every):
        out.append(
            f'<text x="{x(i)}" y="{TOP + plot_h + 18}" text-anchor="middle" font-size="12" {FONT} '
            f'fill="#425563">{escape(period_text(points[i].period))}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#425563"/>'
    )
    if period_title:
        out.append(
            f'<text x="{LEFT + plot_w / 2:g}" y="{TOP + plot_h + 36}" text-anchor="middle" font-size="12" '
            f'{FONT} fill="#425563">{escape(period_title)}</text>'
        )
    for segment in chart.segments:
        seg = [p for p in points[segment.start : segment.end + 1] if p.value is not None]
        if not seg:
            continue
        if segment.index > 0:
            sx = x(segment.start) - step / 2
            follows = rebase_labels.get(points[segment.start].period)
            label = f"Re-baselined after {follows}" if follows else "Re-baselined"
            out.append(
                f'<line x1="{sx:g}" x2="{sx:g}" y1="{TOP}" y2="{TOP + plot_h}" '
                f'stroke="{colours.REBASE_LINE}" '
                f'stroke-dasharray="2 3"/><text x="{sx + (4 if sx < WIDTH / 2 else -4):g}" y="{TOP - 8}" '
                f'text-anchor="{"start" if sx < WIDTH / 2 else "end"}" font-size="12" {FONT} '
                f'fill="{colours.REBASE_LINE}">{escape(label)}</text>'
            )
        for attr, colour, dash in (
            ("lower_limit", colours.LIMIT_LINE, ' stroke-dasharray="6 4"'),
            ("upper_limit", colours.LIMIT_LINE, ' stroke-dasharray="6 4"'),
            ("centre", colours.MEAN_LINE, ""),
        ):
            values = [(p.position, getattr(p, attr)) for p in seg if getattr(p, attr) is not None]
            if not values:
                continue
            path = []
            for k, (i, v) in enumerate(values):
                left, right = x(i) - (step / 2 if k else 0), x(i) + (step / 2 if k < len(values) - 1 else 0)
                path.append(f"{'M' if k == 0 else 'L'}{left:g},{y(v)} L{right:g},{y(v)}")
            out.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>')
        if chart.is_control and segment.trial and segment.upper_limit is not None:
            out.append(
                f'<text x="{x(segment.end)}" y="{y(segment.upper_limit) - 6}" text-anchor="end" '
                'font-size="12" '
                f'{FONT} fill="#425563">Trial limits ({segment.baseline_points} points)</text>'
            )
    if chart.target is not None:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(chart.target)}" y2="{y(chart.target)}" '
            f'stroke="{colours.TARGET_LINE}" stroke-dasharray="4 3" stroke-width="1.5"/>'
        )
    line: list[str] = []
    runs: list[list[str]] = []
    for p in points:
        if p.value is None:
            if line:
                runs.append(line)
            line = []
        else:
            line.append(f"{x(p.position)},{y(p.value)}")
    runs.append(line)
    for run in runs:
        if len(run) > 1:
            out.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{colours.VALUE_LINE}" '
                'stroke-width="1.5"/>'
            )
    for p in present:
        kind = p.type or icons.COMMON_CAUSE
        fill = colours.POINT_COLOURS.get(kind, colours.VALUE_LINE) if p.type else "#FFFFFF"
        stroke = "" if p.type else f' style="stroke:{colours.VALUE_LINE}"'
        said = "; ".join(chart.label(r) for r in p.rules)
        label = icons.POINT_TYPE_LABELS.get(p.type, "Not analysed yet") if p.type else "Not analysed yet"
        tip = f"{period_text(p.period)}: {_number(p.value or 0)}, {label}" + (f" ({said})" if said else "")
        out.append(
            _marker(kind, x(p.position), y(p.value or 0), fill)
            + f'{stroke} class="spc-point spc-point--{kind}">'
            f"<title>{escape(tip)}</title></{_tag(kind)}>"
        )
        note = annotations.get(p.period)
        if note:
            out.append(
                f'<text x="{x(p.position)}" y="{y(p.value or 0) - 12}" text-anchor="middle" font-size="11" '
                f'{FONT} fill="#212B32">{escape(note[:40])}</text>'
            )
    number = 0
    for p in points:
        started = changes.get(p.period)
        if not started:
            continue
        first = number + 1
        number += len(started)
        text = str(first) if first == number else f"{first}-{number}"
        base = TOP + plot_h - 4
        out.append(
            f'<path class="spc-change" d="M{x(p.position) - 6:g},{base:g} L{x(p.position) + 6:g},{base:g} '
            f'L{x(p.position):g},{base - 10:g} Z" fill="{colours.CHANGE_MARKER}"><title>'
            f"{escape('PDSA cycle started: ' + '; '.join(started))}</title></path>"
            f'<text x="{x(p.position)}" y="{base - 13}" text-anchor="middle" font-size="11" {FONT} '
            f'fill="{colours.CHANGE_MARKER}">{text}</text>'
        )
    out.append(_legend(chart, changes, TOP + plot_h + 60))
    out.append("</svg>")
    return "".join(out)


def _tag(kind: str) -> str:
    shape = colours.POINT_SYMBOLS.get(kind, "circle")
    return {"diamond": "path", "square": "rect"}.get(shape, "circle")


def _swatch(colour: str, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line x1="-8" x2="8" y1="0" y2="0" stroke="{colour}" stroke-width="1.5"{dashes}/>'


def _legend(chart: Chart, changes: Mapping[Any, Sequence[str]], top: float) -> str:
    items: list[tuple[str, str]] = []
    types = [t for t in icons.POINT_TYPES if any(p.type == t for p in chart.points)]
    for kind in types:
        items.append(
            (
                f"{_marker(kind, 0, 0, colours.POINT_COLOURS[kind])}></{_tag(kind)}>",
                icons.POINT_TYPE_LABELS[kind],
            )
        )
    items.append(
        (
            f'<line x1="-8" x2="8" y1="0" y2="0" stroke="{colours.MEAN_LINE}" stroke-width="1.5"/>',
            chart.centre_name,
        )
    )
    if any(p.upper_limit is not None for p in chart.points):
        items.append(
            (
                _swatch(colours.LIMIT_LINE, "6 4"),
                "Process limits",
            )
        )
    if chart.target is not None:
        items.append(
            (
                _swatch(colours.TARGET_LINE, "4 3"),
                f"Target ({_number(chart.target)})",
            )
        )
    if any(p.type is None and p.value is not None for p in chart.points):
        not_analysed = '<circle cx="0" cy="0" r="4.5" fill="#FFFFFF" stroke="' + colours.VALUE_LINE + '"/>'
        items.append((not_analysed, "Not analysed yet"))
    if any(changes.get(p.period) for p in chart.points):
        items.append((f'<path d="M-6,5 L6,5 L0,-5 Z" fill="{colours.CHANGE_MARKER}"/>', "PDSA cycle started"))
    parts, left, row = ['<g class="spc-legend">'], LEFT, top
    for symbol, text in items:
        width = 28 + 7 * len(text)
        if left + width > WIDTH - RIGHT:
            left, row = LEFT, row + 20
        parts.append(
            f'<g transform="translate({left + 8},{row})">{symbol}<text x="14" y="4" font-size="12" {FONT} '
            f'fill="#212B32">{escape(text)}</text></g>'
        )
        left += width
    parts.append("</g>")
    return "".join(parts)
