"""Every permission rule is asked somewhere, and asked by its name: a rule nobody asks is a decision the
portal claims to make and does not."""

from __future__ import annotations

import re
from pathlib import Path

from core.permissions import actions

ROOT = Path(__file__).resolve().parents[2]
APPS = ("core", "community", "dashboards", "projects", "training", "champions", "facilitation", "governance")


def _askers() -> str:
    """The source of everything that may ask a rule: the apps and the templates."""
    files = [p for app in APPS for p in (ROOT / app).rglob("*.py")]
    files += list((ROOT / "templates").rglob("*.jinja"))
    return "\n".join(p.read_text() for p in files)


def test_every_declared_rule_is_asked_by_name_outside_its_declaration():
    source = _askers()
    declared = set(re.findall(r'^@rule\("([^"]+)"\)', source, re.MULTILINE))
    assert declared <= set(actions())  # every rule the apps declare is registered
    unasked = [
        action
        for action in sorted(declared)
        if source.count(f'"{action}"') + source.count(f"'{action}'") <= source.count(f'@rule("{action}")')
    ]
    assert len(declared) > 20
    assert unasked == [], f"Rules declared but never asked: {unasked}"
