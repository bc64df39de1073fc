"""Menus read from the database (every organisation and place in England), held a while in each process.

Reading and labelling 1,250 organisations cost 30 ms a page, on every list page's filters. A menu is kept
for MENU_HELD_SECONDS under a key naming what it lists; only what the menu offers is kept, and a submitted
choice is still checked against the database by its form.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings

Menu = list[tuple[str, str]]
_held: dict[str, tuple[float, Menu]] = {}


def held(key: str, read: Callable[[], Menu]) -> Menu:
    """`read()`, kept in this process for MENU_HELD_SECONDS under `key`."""
    seconds = float(settings.MENU_HELD_SECONDS)
    if seconds <= 0:
        return read()
    now = time.monotonic()
    found = _held.get(key)
    if found and found[0] > now:
        return found[1]
    menu = read()
    if len(_held) > 256:
        _held.clear()
    _held[key] = (now + seconds, menu)
    return menu


def forget() -> None:
    _held.clear()
