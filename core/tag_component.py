"""The NHS.UK tag component written directly, for the parameters the portal's tags use.

A tag is one element, but its macro tests ten colours against the classes and draws its attributes through
another macro: a measure's table of 100 flagged points spent a third of the page there. `tag` writes the
same element, classes and text (tests/core/test_tag_component.py compares the two over the combinations
below) and hands any other parameter (ids, attributes, html, no border, no colour) to the macro.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

TAG_KEYS = frozenset({"text", "classes", "colour"})
COLOURS = ("white", "grey", "green", "aqua-green", "blue", "purple", "pink", "red", "orange", "yellow")


def _plain(params: Any) -> bool:
    return (
        isinstance(params, Mapping)
        and params.keys() <= TAG_KEYS
        and isinstance(params.get("text"), str)
        and isinstance(params.get("classes") or "", str)
        and (params.get("colour") is None or isinstance(params["colour"], str))
    )


def tag(params: Mapping[str, Any], macro: Callable[[Mapping[str, Any]], str]) -> Markup:
    if not _plain(params):
        return Markup(macro(params))
    classes, colour = params.get("classes") or "", params.get("colour")
    names = "nhsuk-tag"
    # A colour named in the classes wins over the `colour` parameter, as in the macro.
    if colour in COLOURS and not any(f"nhsuk-tag--{c}" in classes for c in COLOURS):
        names += f" nhsuk-tag--{colour}"
    if classes:
        names += f" {classes}"
    return Markup(f'<strong class="{escape(names)}">{escape(params["text"].strip())}</strong>')
