"""A driver diagram drawn as an inline SVG on the server: one column per level (aim, primary drivers,
secondary drivers, change ideas), each box joined to its parent. The page lists the same tree as nested
lists, which is what screen readers and the printout read; the drawing is marked as a picture of it."""

from __future__ import annotations

import textwrap
from html import escape

from .drivers import LEVEL_NAMES, LEVELS, Node, walk

COLUMN, BOX_WIDTH, ROW, BOX_HEIGHT, PAD = 250, 220, 64, 54, 8
CHARS, LINES = 32, 3
FILLS = {"aim": "#005EB8", "primary": "#41B6E6", "secondary": "#E8EDEE", "change": "#FFFFFF"}
TEXT_FILLS = {"aim": "#FFFFFF", "primary": "#212B32", "secondary": "#212B32", "change": "#212B32"}


def _lines(text: str) -> list[str]:
    lines = textwrap.wrap(text, CHARS) or [""]
    if len(lines) > LINES:
        lines = [*lines[: LINES - 1], textwrap.shorten(" ".join(lines[LINES - 1 :]), CHARS, placeholder="…")]
    return lines


def _place(root: Node) -> dict[int, tuple[float, float]]:
    """Each node's (x, y) top-left corner: leaves one row apart, parents centred on their children."""
    positions: dict[int, tuple[float, float]] = {}
    next_row = [0]

    def visit(node: Node) -> float:
        if not node.children:
            y: float = next_row[0] * ROW
            next_row[0] += 1
        else:
            ys = [visit(child) for child in node.children]
            y = (ys[0] + ys[-1]) / 2
        positions[id(node)] = (node.level * COLUMN, y)
        return y

    visit(root)
    return positions


def driver_svg(root: Node | None) -> str:
    if root is None:
        return ""
    positions = _place(root)
    nodes = walk(root)
    width = (max(n.level for n in nodes) + 1) * COLUMN - (COLUMN - BOX_WIDTH) + 2 * PAD
    height = max(y for _, y in positions.values()) + BOX_HEIGHT + 2 * PAD
    parts = [
        f'<svg class="driver-diagram" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
        f'height="{height:g}" role="img" focusable="false" '
        'aria-label="Driver diagram: the same aim, drivers and change ideas as the list below">'
    ]
    for node in nodes:
        x, y = positions[id(node)]
        for child in node.children:
            cx, cy = positions[id(child)]
            mid = x + BOX_WIDTH + (cx - x - BOX_WIDTH) / 2
            parts.append(
                f'<path d="M{x + BOX_WIDTH + PAD:g},{y + BOX_HEIGHT / 2 + PAD:g} H{mid + PAD:g} '
                f'V{cy + BOX_HEIGHT / 2 + PAD:g} H{cx + PAD:g}" fill="none" stroke="#425563" '
                'stroke-width="1.5"/>'
            )
    for node in nodes:
        x, y = positions[id(node)]
        kind = LEVELS[node.level]
        parts.append(
            f'<rect x="{x + PAD:g}" y="{y + PAD:g}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="4" '
            f'fill="{FILLS[kind]}" stroke="#425563"><title>{escape(LEVEL_NAMES[kind])}</title></rect>'
        )
        lines = _lines(node.text)
        top = y + PAD + BOX_HEIGHT / 2 - (len(lines) - 1) * 7 + 4
        for i, line in enumerate(lines):
            parts.append(
                f'<text x="{x + PAD + 8:g}" y="{top + i * 14:g}" font-size="12" fill="{TEXT_FILLS[kind]}" '
                f'font-family="Frutiger W01, Arial, sans-serif">{escape(line)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
