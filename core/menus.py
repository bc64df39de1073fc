"""Menus read from the database (every organisation and place in England), held a while in each process.

Reading and labelling 1,250 organisations cost 30 ms a page, on every list page's filters. A menu is kept
for MENU_HELD_SECONDS under a key naming what it lists (`core.held.for_seconds`); only what the menu
offers is kept, and a submitted choice is still checked against the database by its form.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from core.held import for_seconds

Menu = list[tuple[str, str]]


def held(key: str, read: Callable[[], Menu]) -> Menu:
    """`read()`, kept in this process for MENU_HELD_SECONDS under `key`."""
    return for_seconds(("menu", key), read, float(settings.MENU_HELD_SECONDS))
