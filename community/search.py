"""One search box for the whole portal: projects, training and champions answer the same words on one
page. Feature apps register a provider here (in their AppConfig.ready), so this page, which sits in a
lower layer, never imports them.

A provider takes the signed-in user and the words typed, and returns a `Section` of what that person may
see, or None when it has nothing to say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SHOWN = 5  # results shown per section; its link leads to the rest, already searched


@dataclass(frozen=True)
class Result:
    text: str
    href: str
    meta: str = ""


@dataclass(frozen=True)
class Section:
    title: str  # "Projects"
    count: int
    results: list[Result] = field(default_factory=list)
    more: tuple[str, str] | None = None  # (text, href) to the full, searched list
    note: str = ""  # e.g. the search was widened to any word
    suggestion: str = ""  # "Did you mean …?" words


Provider = Callable[[Any, str], Section | None]
_providers: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int = 100) -> None:
    if all(p is not provider for _, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])


def search(user: Any, text: str) -> list[Section]:
    """Every section with something for these words, in order; nothing for blank words."""
    words = " ".join(text.split())[:200]
    if not words:
        return []
    return [section for _, provider in _providers if (section := provider(user, words)) is not None]
