"""How much JavaScript a page makes the browser load: the scripts it names, read from the static files."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.I)


def script_paths(html: str) -> list[str]:
    """The static paths of the page's external scripts (without any query string)."""
    prefix = settings.STATIC_URL
    return [
        src.split("?", 1)[0].removeprefix(prefix) for src in SCRIPT.findall(html) if src.startswith(prefix)
    ]


IMPORT = re.compile(r"""\bimport\s+(?:[^'"]*?\bfrom\s+)?["']([^"']+)["']""")


def javascript_bytes(html: str) -> int:
    """The bytes of every script the page names and every module those import, each counted once."""
    seen: set[Path] = set()
    pending = [Path(p) for p in (finders.find(path) for path in script_paths(html)) if isinstance(p, str)]
    total = 0
    while pending:
        path = pending.pop().resolve()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        total += path.stat().st_size
        pending += [path.parent / target for target in IMPORT.findall(text) if target.startswith(".")]
    return total
