"""Turning what people type into PostgreSQL full-text queries; pure string work, no Django.

Every word becomes a prefix match (`frail:*` finds "frailty"), so half-typed and shorter words find
their longer forms. Only letters and digits reach the query, so nothing typed can break its syntax.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The distinct words of `text`, lower-cased, in order."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        seen.setdefault(word, None)
    return list(seen)


def prefix_query(terms: list[str], operator: str = "&") -> str:
    """A to_tsquery string matching every (`&`) or any (`|`) of the terms as prefixes."""
    if operator not in ("&", "|"):
        raise ValueError("operator must be & or |")
    return f" {operator} ".join(f"{t}:*" for t in terms if _WORD.fullmatch(t))
