"""The NHS.UK macros nest components through Jinja's `indent` filter; the portal keeps text untouched."""

from __future__ import annotations

from django.template import engines

NESTED_TEXTAREA = """
{%- from "nhsuk/components/textarea/macro.jinja" import textarea -%}
{%- from "nhsuk/components/details/macro.jinja" import details -%}
{%- set notes = textarea({"name": "notes", "id": "notes", "label": {"text": "Notes"}, "value": value}) -%}
{{ details({"text": "More about the change", "html": notes}) }}
"""


def _jinja():
    return next(engine for engine in engines.all() if hasattr(engine, "env")).env


def test_a_multi_line_value_in_a_nested_textarea_is_rendered_exactly_as_typed() -> None:
    value = "First line\nsecond line\n\nthird line"
    html = _jinja().from_string(NESTED_TEXTAREA).render(value=value)
    start = html.index(">", html.index("<textarea")) + 1
    assert html[start : html.index("</textarea>")] == value


def test_tables_keep_every_cell_when_nested_markup_is_not_reindented() -> None:
    template = _jinja().from_string(
        '{% from "nhsuk/components/tables/macro.jinja" import table %}'
        '{{ table({"head": [{"text": "Name"}, {"text": "Hours"}], "rows": rows}) }}'
    )
    rows = [[{"text": f"Person {i}"}, {"text": str(i)}] for i in range(30)]
    html = template.render(rows=rows)
    assert html.count("<tr") == 31
    assert "Person 29" in html
