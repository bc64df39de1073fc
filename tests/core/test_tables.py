"""core.tables writes the NHS.UK table component's markup itself: the same elements, attributes and text as
the component's macro, for every combination of the parameters it takes; anything else goes to the macro."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template import engines
from markupsafe import Markup

from core import tables
from core.templating import macro_path


class _Events(HTMLParser):
    """Start tags with their attributes, end tags and non-blank text, in order: what a browser builds,
    without the whitespace the macro leaves between and inside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def events(html: str) -> list[tuple[Any, ...]]:
    parser = _Events()
    parser.feed(str(html))
    parser.close()
    return parser.events


@pytest.fixture(scope="module")
def env() -> Any:
    return engines.all()[0].env  # type: ignore[attr-defined]


def macro_table(env: Any, params: Any) -> str:
    return str(env.get_template(macro_path("tables")).module.table(params))


HEADS = [
    [],
    [{"text": "Organisation"}, {"text": "Trained & active", "format": "numeric"}],
    [{"text": "Name"}],  # shorter than the rows: the extra cells have no heading
]
ROWS = [
    [],
    [
        [{"text": "Gloucester <Royal>"}, {"text": "1,204", "format": "numeric"}],
        [{"html": Markup('<a href="/x/?a=1&amp;b=2">Link</a>')}, {"text": "0", "format": ""}],
        [{"text": ""}, {"text": "\u2013"}],
        [{"html": Markup("<strong>Total</strong>"), "format": "numeric"}, {"text": 12}],
    ],
]
CAPTIONS: list[dict[str, Any]] = [
    {},
    {"caption": "Champions by organisation"},
    {"caption": "Figures <2026>", "captionSize": "s"},
    {"caption": "Plan", "captionSize": "m", "captionClasses": "nhsuk-u-margin-bottom-3"},
    {"caption": "Sized twice", "captionSize": "m", "captionClasses": "nhsuk-table__caption--l"},
    {"caption": "Size not allowed", "captionSize": "xxs"},
    {"caption": Markup("Already <em>marked</em>")},
]


@pytest.mark.parametrize(
    ("head", "rows", "caption", "responsive", "first_is_header"),
    list(itertools.product(HEADS, ROWS, CAPTIONS, [False, True], [False, True])),
)
def test_written_tables_match_the_nhsuk_macro(
    env: Any,
    head: list[Any],
    rows: list[Any],
    caption: dict[str, Any],
    responsive: bool,
    first_is_header: bool,
) -> None:
    params: dict[str, Any] = {"head": head, "rows": rows, **caption}
    if responsive:
        params["responsive"] = True
    if first_is_header:
        params["firstCellIsHeader"] = True
    assert tables.written_directly(params)
    written = tables.table(params, lambda p: pytest.fail("went to the macro"))
    assert events(written) == events(macro_table(env, params))


@pytest.mark.parametrize(
    "params",
    [
        {"rows": [[{"text": "a", "href": "/a/"}]]},  # a link cell
        {"head": [{"text": "A", "sort": "ascending"}], "rows": [[{"text": "a"}]]},  # sorting
        {"id": "figures", "rows": [[{"text": "a"}]]},
        {"rows": [[{"text": "a", "format": "string"}]], "head": [{"text": "A", "format": "numeric"}]},
        {"rows": [["a plain string cell"]]},
        {"caption": {"text": "A caption as a mapping"}, "rows": [[{"text": "a"}]]},
        {"panel": True, "heading": "In a panel", "rows": [[{"text": "a"}]]},
    ],
)
def test_other_parameters_go_to_the_macro(env: Any, params: dict[str, Any]) -> None:
    assert not tables.written_directly(params)
    through = tables.table(params, lambda p: macro_table(env, p))
    assert events(through) == events(macro_table(env, params))


def test_the_page_global_writes_plain_tables_and_escapes_text(env: Any) -> None:
    html = env.from_string("{{ table(p) }}").render(
        p={"caption": "C", "head": [{"text": "A"}], "rows": [[{"text": "<script>x</script>"}]]}
    )
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>" not in html
    assert html.startswith('<table class="nhsuk-table">')  # written directly: no macro whitespace
