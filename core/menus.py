"""Menus read from the database (every organisation and place in England), held a while in each process.

Reading and labelling 1,250 organisations cost 30 ms a page, on every list page's filters. A menu is kept
for MENU_HELD_SECONDS under a key naming what it lists (`core.held.for_seconds`); only what the menu
offers is kept, and a submitted choice is still checked against the database by its form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.conf import settings
from django.utils.choices import BaseChoiceIterator

from core.held import for_seconds

Menu = list[tuple[str, str]]


def held(key: str, read: Callable[[], Menu]) -> Menu:
    """`read()`, kept in this process for MENU_HELD_SECONDS under `key`."""
    return for_seconds(("menu", key), read, float(settings.MENU_HELD_SECONDS))


class Choices(BaseChoiceIterator):
    """A held menu as a form field's choices. Django takes a choice iterator as it is, where it checks and
    copies a list of 1,250 pairs again, for the field and for its widget, on every form (3 ms a page)."""

    def __init__(self, menu: Menu) -> None:
        self.menu = menu

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.menu)

    def __len__(self) -> int:
        return len(self.menu)


def held_choices(key: str, read: Callable[[], Menu], first: tuple[str, str]) -> Choices:
    """`read()` after `first` (an "All ..." option, say) as a field's choices, held like `held`."""
    return for_seconds(
        ("choices", key, first), lambda: Choices([first, *read()]), float(settings.MENU_HELD_SECONDS)
    )
