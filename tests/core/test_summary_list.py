"""core.summary_list writes the NHS.UK summary list's markup itself: the same elements, classes and text as
the component's macro, for every combination of the rows it takes; anything else goes to the macro."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.template import engines
from markupsafe import Markup

from core import summary_list
from core.templating import macro_path
from tests.core.test_tables import events


@pytest.fixture(scope="module")
def env() -> Any:
    return engines.all()[0].env  # type: ignore[attr-defined]


def macro_list(env: Any, params: Any) -> str:
    return str(env.get_template(macro_path("summary-list")).module.summaryList(params))


KEYS: list[Any] = [
    {"text": "Lead"},
    {"text": "  Places & areas \n"},
    {"html": Markup("<abbr>PCN</abbr>")},
    {},
]
VALUES: list[Any] = [
    {"text": "Jane <O'Brien> & co"},
    {"text": "Line one\nline two  "},
    {"html": Markup('<a href="/p/1/?a=1&amp;b=2">Frailty ward</a>, <em>2</em>')},
    {"html": Markup(""), "text": "shown when the HTML is empty"},
    {"text": ""},
    {"text": 42},
    {"text": 0},
    {"text": Markup("Already <strong>marked</strong>")},
    {},
]


@pytest.mark.parametrize(("key", "value"), list(itertools.product(KEYS, VALUES)))
def test_the_written_row_is_the_macros_row(env, key, value):  # type: ignore[no-untyped-def]
    row = {name: part for name, part in (("key", key), ("value", value)) if part}
    params = {"rows": [{"key": {"text": "First"}, "value": {"text": "row"}}, row]}

    written = summary_list.summary_list(params, lambda p: pytest.fail("the plain list went to the macro"))

    assert events(written) == events(macro_list(env, params))


@pytest.mark.parametrize(
    "params",
    [
        {"rows": []},
        {},
        {"rows": [None, {"key": {"text": "Kept"}, "value": {"text": "yes"}}, "not a row"]},
        {"rows": [{"key": {"text": "Only a key"}}, {"value": {"text": "Only a value"}}]},
    ],
)
def test_empty_lists_and_rows_that_are_not_rows_are_written_as_the_macro_writes_them(env, params):  # type: ignore[no-untyped-def]
    written = summary_list.summary_list(params, lambda p: pytest.fail("the plain list went to the macro"))
    assert events(written) == events(macro_list(env, params))


@pytest.mark.parametrize(
    "params",
    [
        {
            "rows": [
                {
                    "key": {"text": "Lead"},
                    "value": {"text": "Jane"},
                    "actions": {"items": [{"href": "#", "text": "Change"}]},
                }
            ]
        },
        {"rows": [{"key": {"text": "Lead"}, "value": {"text": "Jane"}}], "classes": "app-facts"},
        {"rows": [{"key": {"text": "Lead"}, "value": {"text": "Jane"}}], "border": False},
        {"rows": [{"key": {"text": "Lead", "classes": "app-key"}, "value": {"text": "Jane"}}]},
        {"rows": [{"key": {"text": "Lead"}, "value": {"text": "Jane", "width": "one-half"}}]},
        {"rows": [{"key": "Lead", "value": "Jane"}]},
        {
            "rows": [{"key": {"text": "Lead"}, "value": {"text": "Jane"}}],
            "card": {"title": {"text": "Facts"}},
        },
    ],
)
def test_other_parameters_go_to_the_macro(env, params):  # type: ignore[no-untyped-def]
    assert summary_list.summary_list(params, lambda p: macro_list(env, p)) == Markup(macro_list(env, params))
    assert events(env.globals["summaryList"](params)) == events(macro_list(env, params))
