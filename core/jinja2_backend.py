"""Django's Jinja2 backend, plus the `template_rendered` signal that Django's own templates send.

The test client listens for that signal to fill `response.context` and `response.templates`; without it,
tests of Jinja2 pages could only read HTML. Outside tests nobody listens, and sending costs nothing.
"""

from __future__ import annotations

from typing import Any

from django.template.backends.jinja2 import Jinja2 as DjangoJinja2
from django.template.backends.jinja2 import Template as DjangoTemplate
from django.test.signals import template_rendered


class Template(DjangoTemplate):
    def render(self, context: dict[str, Any] | None = None, request: Any = None) -> str:
        context = {} if context is None else context
        html = super().render(context, request)
        if template_rendered.has_listeners():
            template_rendered.send(sender=self, template=self, context=_Context(context))
        return html

    @property
    def name(self) -> str:
        return str(self.template.name)


class _Context(dict):  # type: ignore[type-arg]
    """The test client copies contexts with `.copy()`, and looks up `.flatten()` on Django contexts."""

    def flatten(self) -> dict[str, Any]:
        return dict(self)


class Jinja2(DjangoJinja2):
    def from_string(self, template_code: str) -> Template:
        return Template(self.env.from_string(template_code), self)

    def get_template(self, template_name: str) -> Template:
        template = super().get_template(template_name)
        return Template(template.template, self)
