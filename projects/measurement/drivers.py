"""Driver diagrams as a nested list: the aim, its primary drivers, their secondary drivers and the change
ideas that act on them, typed one a line and indented one step per level.

    Reduce falls with harm by 30% by March 2027
    - A safe environment
      - Call bells within reach
        - Bay nursing on every ward
    - Patients who know their risk

Plain Python, so the rules are tested on their own: `parse` reads the text (a step is a tab or two spaces;
in a Markdown-style list, where lines start with "-", "*" or "•" unindented, the bullet is a step too) and
names every line it cannot place; `as_text` writes a tree back for editing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVELS = ("aim", "primary", "secondary", "change")
LEVEL_NAMES = {
    "aim": "Aim",
    "primary": "Primary driver",
    "secondary": "Secondary driver",
    "change": "Change idea",
}
MAX_LINES = 200
MAX_TEXT = 300
BULLET = re.compile(r"^[-*•]\s*")


@dataclass
class Node:
    level: int  # 0 aim, 1 primary, 2 secondary, 3 change idea
    text: str
    children: list[Node] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return LEVELS[self.level]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _depth(line: str, bullets_step: bool) -> tuple[int, str]:
    """How many steps a line is indented (two spaces or a tab each; with `bullets_step`, the leading
    bullet is one more, as in a Markdown list), and its text without them."""
    expanded = line.replace("\t", "  ")
    spaces = len(expanded) - len(expanded.lstrip(" "))
    text = expanded.strip()
    bullet = BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
    return spaces // 2 + (1 if bullet and bullets_step else 0), text.strip()


def _markdown_style(lines: list[tuple[int, str]]) -> bool:
    """Bullets count as a step when some line after the first starts with one, unindented."""
    return any(BULLET.match(line) for _, line in lines[1:])


def parse(text: str) -> tuple[Node | None, list[Problem]]:
    """The tree a nested list describes, or every line that cannot be placed."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        return None, [Problem(0, "Type the aim on the first line")]
    if len(lines) > MAX_LINES:
        return None, [Problem(0, f"A driver diagram can have at most {MAX_LINES} lines")]
    problems: list[Problem] = []
    root: Node | None = None
    stack: list[Node] = []
    bullets_step = _markdown_style(lines)
    for number, line in lines:
        depth, content = _depth(line, bullets_step)
        if not content:
            continue
        if len(content) > MAX_TEXT:
            problems.append(Problem(number, f"Keep each line to {MAX_TEXT} characters or fewer"))
            continue
        if root is None:
            if depth != 0:
                problems.append(Problem(number, "Start with the aim, not indented"))
                continue
            root = Node(0, content)
            stack = [root]
            continue
        if depth == 0:
            problems.append(Problem(number, "There can be only one aim: indent this line under it"))
            continue
        if depth > 3:
            problems.append(
                Problem(number, "Indent at most three steps: primary driver, secondary driver, change idea")
            )
            continue
        if depth > len(stack):
            wanted, parent = LEVEL_NAMES[LEVELS[depth]].lower(), LEVEL_NAMES[LEVELS[depth - 1]].lower()
            problems.append(Problem(number, f"Indented too far: a {wanted} must sit under a {parent}"))
            continue
        node = Node(depth, content)
        del stack[depth:]
        stack[-1].children.append(node)
        stack.append(node)
    if problems:
        return None, problems
    return root, []


def as_text(root: Node | None) -> str:
    """The tree as the nested list people edit (two spaces and a dash per step)."""
    if root is None:
        return ""
    lines: list[str] = []

    def walk(node: Node) -> None:
        lines.append(node.text if node.level == 0 else "  " * (node.level - 1) + "- " + node.text)
        for child in node.children:
            walk(child)

    walk(root)
    return "\n".join(lines) + "\n"


def walk(root: Node | None) -> list[Node]:
    """Every node, depth first, in the order they are listed."""
    out: list[Node] = []
    stack = [root] if root else []
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out
