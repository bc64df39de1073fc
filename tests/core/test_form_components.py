"""core.form_components writes the NHS.UK input, select and checkboxes markup itself: the same elements,
attributes and text as the components' macros for every combination of the parameters it takes (those
core.form_fields produces); anything else goes to the macro."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from django import forms
from django.template import engines
from markupsafe import Markup

from core import form_components
from core.templating import macro_path
from core.widgets import DateField
from tests.core.test_tables import events

HINTS: list[Any] = [
    None,
    {"text": "Use the name on the NHS Service Finder"},
    {"html": Markup("See <a href='/x/'>x</a>")},
]
ERRORS: list[Any] = [None, {"text": "Enter a name <now>"}]
LABELS = [
    {"text": "Organisation & place"},
    {"text": "Search projects", "classes": "nhsuk-label--s"},
    {"text": ""},
]


@pytest.fixture(scope="module")
def env() -> Any:
    return engines.all()[0].env  # type: ignore[attr-defined]


def macro(env: Any, component: str, name: str) -> Any:
    return getattr(env.get_template(macro_path(component)).module, name)


def same(env: Any, component: str, name: str, params: dict[str, Any]) -> None:
    written = getattr(form_components, name)(params, lambda p: pytest.fail(f"went to the macro: {p}"))
    assert events(written) == events(str(macro(env, component, name)(params)))


@pytest.mark.parametrize(
    ("label", "hint", "error", "extra"),
    list(
        itertools.product(
            LABELS,
            HINTS,
            ERRORS,
            [
                {"type": "text", "value": ""},
                {"type": "email", "value": "a\"b'<c>", "autocomplete": "email", "spellcheck": False},
                {"value": "3", "inputmode": "decimal", "attributes": {"min": 0, "max": "10", "step": "0.5"}},
                {"classes": "nhsuk-input--width-10", "attributes": {"maxlength": 200}, "spellcheck": True},
                {"pattern": "[0-9]*", "autocapitalize": "none", "value": None},
            ],
        )
    ),
)
def test_inputs_match_the_nhsuk_macro(env: Any, label: Any, hint: Any, error: Any, extra: Any) -> None:
    params = {"id": "id_title", "name": "title", "label": label, "hint": hint, "errorMessage": error, **extra}
    same(env, "input", "input", params)


@pytest.mark.parametrize(
    ("label", "hint", "error", "extra"),
    list(
        itertools.product(
            LABELS, HINTS, ERRORS, [{}, {"classes": "app-wide"}, {"attributes": {"data-x": "1"}}]
        )
    ),
)
def test_select_shells_match_the_nhsuk_macro(env: Any, label: Any, hint: Any, error: Any, extra: Any) -> None:
    params = {
        "id": "id_org",
        "name": "org",
        "label": label,
        "hint": hint,
        "errorMessage": error,
        "items": [],
        **extra,
    }
    same(env, "select", "select", params)


ITEMS = [
    [
        {"value": "testing", "text": "Testing", "checked": True},
        {"value": "done", "text": "Done & dusted", "checked": False},
    ],
    [{"value": "true", "text": "Only mine", "checked": False, "hint": {"text": "Projects you lead"}}],
    [
        {"value": "1", "text": "A"},
        {"value": "2", "text": "B", "hint": None},
        {"value": "3", "text": "C", "checked": True},
    ],
    [],
]


@pytest.mark.parametrize(
    ("items", "fieldset", "hint", "error", "classes"),
    list(
        itertools.product(
            ITEMS,
            [None, {"legend": {"text": "Status <s>", "size": "s"}}, {"legend": {"text": "Kind"}}],
            HINTS,
            ERRORS,
            [None, "nhsuk-checkboxes--small"],
        )
    ),
)
def test_checkboxes_match_the_nhsuk_macro(
    env: Any, items: Any, fieldset: Any, hint: Any, error: Any, classes: Any
) -> None:
    params: dict[str, Any] = {"idPrefix": "id_status", "name": "status", "items": items, "hint": hint}
    params["errorMessage"] = error
    if fieldset:
        params["fieldset"] = fieldset
    if classes:
        params["classes"] = classes
    same(env, "checkboxes", "checkboxes", params)


@pytest.mark.parametrize(
    ("component", "name", "params"),
    [
        ("input", "input", {"id": "a", "name": "a", "label": {"text": "A"}, "width": 10}),
        ("input", "input", {"id": "a", "name": "a", "label": {"text": "A"}, "prefix": "£"}),
        (
            "input",
            "input",
            {"id": "a", "name": "a", "label": {"text": "A", "size": "l", "isPageHeading": True}},
        ),
        ("input", "input", {"name": "a", "label": {"text": "A"}}),  # no id: the macro's rule for one
        (
            "select",
            "select",
            {"id": "s", "name": "s", "label": {"text": "S"}, "items": [{"value": "1", "text": "1"}]},
        ),
        (
            "checkboxes",
            "checkboxes",
            {
                "idPrefix": "c",
                "name": "c",
                "items": [{"value": "1", "text": "1", "conditional": {"html": "x"}}],
            },
        ),
        (
            "checkboxes",
            "checkboxes",
            {"idPrefix": "c", "name": "c", "items": [], "attributes": {"data-x": "1"}},
        ),
    ],
)
def test_other_parameters_go_to_the_macro(
    env: Any, component: str, name: str, params: dict[str, Any]
) -> None:
    through = getattr(form_components, name)(params, macro(env, component, name))
    assert events(through) == events(str(macro(env, component, name)(params)))


def test_the_form_field_macro_writes_plain_fields_directly(env: Any) -> None:
    class Form(forms.Form):
        title = forms.CharField(max_length=50, help_text="A <short> title")
        kinds = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )

    form = Form(data={"title": "", "kinds": ["b"]})
    form.is_valid()
    html = env.from_string(
        '{% from "components/forms.jinja" import field %}{{ field(f["title"]) }}{{ field(f["kinds"]) }}'
    ).render(f=form)
    assert html.startswith('<div class="nhsuk-form-group nhsuk-form-group--error"><label class="nhsuk-label"')
    assert "A &lt;short&gt; title" in html and "<short>" not in html
    assert 'value="b" checked' in html


def test_the_form_field_macro_writes_a_date_field_directly(env: Any) -> None:
    class Form(forms.Form):
        held_on = DateField(label="Meeting date")

    form = Form(data={"held_on_day": "31", "held_on_month": "2", "held_on_year": "2026"})
    form.is_valid()
    template = '{% from "components/forms.jinja" import field %}{{ field(f["held_on"]) }}'
    html = env.from_string(template).render(f=form)
    # Written here: no line breaks between the macro's tags, and the same elements as the macro.
    assert html.startswith('<div class="nhsuk-form-group nhsuk-form-group--error"><fieldset')
    assert 'name="held_on_day" type="text" value="31" inputmode="numeric"' in html
    # An unbound form's date (numbers, not typed text) is written here too.
    unbound = env.from_string(template).render(f=Form(initial={"held_on": datetime.date(2026, 3, 4)}))
    assert unbound.startswith('<div class="nhsuk-form-group"><fieldset')
    assert 'name="held_on_month" type="text" value="3" inputmode="numeric"' in unbound


def _date_items(values: tuple[Any, Any, Any], error: bool, widths: tuple[int, int, int]) -> list[Any]:
    return [
        {
            "id": f"id_held_on_{part}",
            "name": f"held_on_{part}",
            "label": part.capitalize(),
            "value": value,
            "width": width,
            "classes": "nhsuk-input--error" if error else "",
        }
        for part, value, width in zip(("day", "month", "year"), values, widths, strict=True)
    ]


@pytest.mark.parametrize(
    ("hint", "error", "values", "legend", "classes", "widths"),
    list(
        itertools.product(
            HINTS,
            ERRORS,
            [("", "", ""), ("3", "12", "2026"), (4, 12, 2026), ('"1', "<2>", "&")],
            [{"text": "Meeting date", "size": "s"}, {"text": "Review <date>"}, {"text": "On", "size": "m"}],
            [None, "app-date"],
            [(2, 2, 4), (2, 3, 4)],
        )
    ),
)
def test_the_written_date_input_is_the_macros(env, hint, error, values, legend, classes, widths):  # type: ignore[no-untyped-def]
    params: dict[str, Any] = {
        "id": "id_held_on",
        "name": "held_on",
        "hint": hint,
        "errorMessage": error,
        "fieldset": {"legend": legend},
        "items": _date_items(values, bool(error), widths),
    }
    if classes:
        params["classes"] = classes
    written = form_components.date_input(params, lambda p: pytest.fail(f"went to the macro: {p}"))
    assert events(written) == events(str(macro(env, "date-input", "dateInput")(params)))


def test_a_box_in_error_alone_marks_the_group_in_error(env):  # type: ignore[no-untyped-def]
    items = _date_items(("31", "2", "2026"), False, (2, 2, 4))
    items[0]["classes"] = "nhsuk-input--error"
    params = {"id": "id_d", "fieldset": {"legend": {"text": "Date"}}, "items": items}
    written = form_components.date_input(params, lambda p: pytest.fail("went to the macro"))
    assert events(written) == events(str(macro(env, "date-input", "dateInput")(params)))
    assert 'class="nhsuk-form-group nhsuk-form-group--error"' in written


@pytest.mark.parametrize(
    "change",
    [
        {"namePrefix": "held"},
        {"fieldset": None},
        {"attributes": {"data-x": "1"}},
        {"values": {"day": "1"}},
        {"items": []},
        {"errorMessage": {"text": "Enter a date"}},  # its boxes not marked: the macro marks them
    ],
)
def test_other_date_input_parameters_go_to_the_macro(env, change):  # type: ignore[no-untyped-def]
    params = {
        "id": "id_d",
        "fieldset": {"legend": {"text": "Date"}},
        "items": _date_items(("1", "2", "2026"), False, (2, 2, 4)),
        **change,
    }
    expected = str(macro(env, "date-input", "dateInput")(params))
    assert form_components.date_input(params, macro(env, "date-input", "dateInput")) == Markup(expected)
