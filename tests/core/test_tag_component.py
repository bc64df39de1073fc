"""core.tag_component writes the NHS.UK tag's markup itself: the same element, classes and text as the
component's macro, for every combination of the parameters it takes; anything else goes to the macro."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.template import engines
from markupsafe import Markup

from core import tag_component
from core.templating import macro_path
from tests.core.test_tables import events


@pytest.fixture(scope="module")
def env() -> Any:
    return engines.all()[0].env  # type: ignore[attr-defined]


def macro_tag(env: Any, params: Any) -> str:
    return str(env.get_template(macro_path("tag")).module.tag(params))


TEXTS = ["Testing", "  Draft  ", "Signals <special> & cause", Markup("Already <em>marked</em>"), ""]
CLASSES = [None, "", "nhsuk-tag--grey", "nhsuk-tag--red governance-rag", "app-tag"]
COLOURS = [None, "green", "aqua-green", "not-a-colour"]


@pytest.mark.parametrize(("text", "classes", "colour"), list(itertools.product(TEXTS, CLASSES, COLOURS)))
def test_the_written_tag_is_the_macros_tag(env, text, classes, colour):  # type: ignore[no-untyped-def]
    params: dict[str, Any] = {"text": text}
    if classes is not None:
        params["classes"] = classes
    if colour is not None:
        params["colour"] = colour

    written = tag_component.tag(params, lambda p: pytest.fail("the plain tag went to the macro"))

    assert events(written) == events(macro_tag(env, params))


@pytest.mark.parametrize(
    "params",
    [
        {"text": "Draft", "id": "draft"},
        {"text": "Draft", "colour": False},
        {"text": "Draft", "border": False},
        {"html": Markup("<em>Draft</em>")},
        {"text": "Draft", "attributes": {"data-x": "1"}},
    ],
)
def test_other_parameters_go_to_the_macro(env, params):  # type: ignore[no-untyped-def]
    assert tag_component.tag(params, lambda p: macro_tag(env, p)) == Markup(macro_tag(env, params))
    assert events(env.globals["tag"](params)) == events(macro_tag(env, params))
