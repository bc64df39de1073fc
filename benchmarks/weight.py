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


def javascript_bytes(html: str) -> int:
    total = 0
    for path in script_paths(html):
        found = finders.find(path)
        if found:
            total += Path(found if isinstance(found, str) else found[0]).stat().st_size
    return total
