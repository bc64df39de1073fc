"""The home page's panels: each person's own work first. Feature apps register a panel provider here
(in their AppConfig.ready), so the home page, which sits in a lower layer, never imports them.

A provider takes the signed-in user and returns a `Panel`, or None when it has nothing for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    text: str
    href: str
    meta: str = ""  # where it stands, in a few words


@dataclass(frozen=True)
class Panel:
    title: str
    items: list[Item] = field(default_factory=list)
    count: str = ""  # "3 projects", said beside the title
    link: tuple[str, str] | None = None  # (text, href) to everything
    empty: str = ""  # said when there are no items


Provider = Callable[[Any], Panel | None]
_providers: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int = 100) -> None:
    if all(p is not provider for _, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])


def panels(user: Any) -> list[Panel]:
    """Every registered panel that has something for this person, in order."""
    return [panel for _, provider in _providers if (panel := provider(user)) is not None]
