"""@mentions in a comment. Pure: text in, handles out.

People are mentioned by the part of their work email before the @ (`@jo.bloggs`), which is unique and
needs no spaces. A handle is letters, digits, dots, hyphens and underscores, and does not end with a dot
(so a mention at the end of a sentence still works). An email address in the text is not a mention.
"""

from __future__ import annotations

import re

HANDLE = re.compile(r"(?<![\w.@])@([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_-])?)")


def handles(text: str) -> list[str]:
    """The distinct handles mentioned, lower-cased, in order of first mention."""
    seen: list[str] = []
    for match in HANDLE.finditer(text):
        handle = match.group(1).lower()
        if handle not in seen:
            seen.append(handle)
    return seen
