"""The Jinja2 environment for pages: the NHS.UK frontend macros plus the portal's globals and filters."""

from __future__ import annotations

from typing import Any

from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from core import templating


def environment(**options: Any) -> Environment:
    loader = options.pop("loader", None)
    loaders = [loader] if loader is not None else []
    options["loader"] = ChoiceLoader([*loaders, PackageLoader("nhsuk_frontend_jinja", "templates")])
    # HTML is escaped; plain-text templates (emails/*.txt) are not.
    options["autoescape"] = _escape_html
    # The NHS.UK macros read optional nested parameters (`params.search.action`):
    # they need chainable undefineds.
    options["undefined"] = ChainableUndefined
    env = Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"], **options)
    templating.install(env)
    return env


def _escape_html(template_name: str | None) -> bool:
    return not (template_name or "").endswith(".txt")
