"""The page frame's header and footer are drawn once per set of parameters and kept (core.templating.kept):
what is kept is exactly what the macro draws, and different parameters (another person, another section)
are drawn afresh."""

from __future__ import annotations

from django.template import engines
from markupsafe import escape

from core.templating import kept


def _header() -> object:
    env = engines.all()[0].env  # type: ignore[attr-defined]
    return env.get_template("nhsuk/components/header/macro.jinja").module.header


def test_kept_markup_is_the_macros_own_and_other_parameters_are_drawn_afresh():
    header = _header()
    params = {"service": {"text": "Portal", "href": "/home/"}, "account": {"items": [{"text": "Ann <Lee>"}]}}

    first = kept(header, params)
    again = kept(
        header,
        {"service": {"text": "Portal", "href": "/home/"}, "account": {"items": [{"text": "Ann <Lee>"}]}},
    )
    other = kept(header, {**params, "account": {"items": [{"text": "Bob"}]}})

    assert first == str(header(params)) and again is first  # the same parameters: drawn once
    assert "Ann &lt;Lee&gt;" in first
    assert "Bob" in other and "Ann" not in other


def test_each_person_sees_their_own_name_and_section_in_the_header(client_for, member, steering):
    mine = client_for(member).get("/home/").content.decode()
    theirs = client_for(steering).get("/projects/").content.decode()

    me, them = str(escape(member.display_name)), str(escape(steering.display_name))  # "O'Neill", escaped
    assert me in mine and them not in mine
    assert them in theirs and me not in theirs
