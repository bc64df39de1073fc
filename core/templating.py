"""Globals and filters available in every Jinja2 page."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.timesince import timesince
from jinja2 import Environment, pass_context
from markupsafe import Markup

from core import form_components, navigation, summary_list, tables, tag_component
from core.audit import entry_sentences
from core.form_fields import error_summary_items, field_params, into_select
from core.held import Recent
from core.mfa import must_use_mfa
from core.once import once_input
from core.permissions import can
from core.roles import Role, roles_of
from core.versioning import version_input


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


@pass_context
def user_can(context: Any, action: str, obj: Any = None) -> bool:
    request = context.get("request")
    return can(getattr(request, "user", None), action, obj)


def query(request: Any, **changes: Any) -> str:
    """The query string with some parameters changed, or removed when None: for filter and paging links."""
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            if isinstance(value, list | tuple):
                params.setlist(key, [str(v) for v in value])
            else:
                params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def format_date(value: datetime.date | datetime.datetime | None, fmt: str = "j F Y") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if fmt == "j F Y":  # most dates a page shows: written here at a tenth of date_format's cost
        return f"{value.day} {MONTHS[value.month]} {value.year}"
    return date_format(value, fmt)


def format_datetime(value: datetime.datetime | None) -> str:
    return format_date(value, "j F Y, H:i") if value else ""


def ago(value: datetime.datetime | None) -> str:
    return f"{timesince(value).split(',')[0]} ago" if value else ""


def number(value: int | float | Decimal | None, places: int = 0) -> str:
    if value is None:
        return "–"  # noqa: RUF001 (an en dash is what people read as "no value")
    return f"{value:,.{places}f}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def linebreaks(value: str | None) -> Markup:
    """Paragraphs from plain text, escaped."""
    if not value:
        return Markup("")
    paras = [p.strip() for p in str(value).replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(line for line in p.split("\n"))) for p in paras
    )


def sort_items(options: list[Any], current: str) -> list[dict[str, Any]]:
    """Items for the NHS.UK select from core.listing sort options, marking the current one."""
    return [{"value": o.key, "text": o.label, "selected": o.key == current} for o in options]


PROVIDER_LABELS = {"microsoft": "Microsoft"}  # allauth calls it "Microsoft Graph"


def provider_label(provider: Any) -> str:
    return PROVIDER_LABELS.get(provider.id, provider.name)


def work_account_providers(request: Any) -> list[tuple[str, str]]:
    """The configured work-account sign-in providers (Microsoft Entra ID), as (label, login URL)."""
    return [
        (provider_label(p), p.get_login_url(request)) for p in get_social_adapter().list_providers(request)
    ]


# The page frame's components (header, footer) drawn once for each set of parameters seen: their markup is
# decided wholly by the parameters (plain text, links and flags), and every page draws them (2 ms a page).
_frame: Recent[Markup] = Recent(256)


def kept(macro: Any, params: Any) -> Markup:
    """`macro(params)`, kept in this process for parameters it has drawn before."""
    return _frame.get_or_make((getattr(macro, "name", ""), repr(params)), lambda: Markup(macro(params)))


def _written(env: Environment, component: str, name: str, writer: Any) -> Any:
    """The NHS.UK `component` (its macro `name`) written directly by `writer(params, macro)` where its
    parameters are plain (core.tables, core.form_components, core.tag_component, core.summary_list); the
    macro otherwise."""

    def macro(params: Any) -> str:
        return getattr(env.get_template(macro_path(component)).module, name)(params)  # type: ignore[no-any-return]

    def write(params: Any) -> Markup:
        return writer(params, macro)  # type: ignore[no-any-return]

    return write


def macro_path(component: str) -> str:
    """Where the NHS.UK frontend keeps a component's macro."""
    return f"nhsuk/components/{component}/macro.jinja"


def install(env: Environment) -> None:
    env.globals.update(
        table=_written(env, "tables", "table", tables.table),
        kept=kept,
        input_component=_written(env, "input", "input", form_components.input),
        select_component=_written(env, "select", "select", form_components.select),
        checkboxes_component=_written(env, "checkboxes", "checkboxes", form_components.checkboxes),
        date_input_component=_written(env, "date-input", "dateInput", form_components.date_input),
        tag=_written(env, "tag", "tag", tag_component.tag),
        summaryList=_written(env, "summary-list", "summaryList", summary_list.summary_list),
        static=static,
        url=url,
        can=user_can,
        query=query,
        navigation=navigation.items,
        may_open=navigation.may_open,
        change_sentences=entry_sentences,
        get_messages=get_messages,
        roles_of=roles_of,
        Role=Role,
        field_params=field_params,
        sort_items=sort_items,
        error_summary_items=error_summary_items,
        service_name=settings.SERVICE_NAME,
        urlencode=urlencode,
        now=timezone.now,
        once_input=once_input,
        mfa_required=must_use_mfa,
        work_account_providers=work_account_providers,
        provider_label=provider_label,
        version_input=version_input,
    )
    env.filters.update(
        date=format_date,
        datetime=format_datetime,
        ago=ago,
        number=number,
        plural=plural,
        linebreaks=linebreaks,
        indent=keep_indentation,
        into_select=into_select,
    )


def keep_indentation(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    """Replace Jinja's `indent` filter, which the NHS.UK macros apply to every nested component.

    Re-indenting nested HTML only prettifies whitespace, yet it rewrites every line of every nested
    level (a 25-row table spent most of its 200 ms there) and it changes the content of multi-line
    values inside `<textarea>` when the textarea sits inside another component (details,
    fieldsets): each save would add spaces to the user's text. Returning the value untouched is
    faster and keeps what the user typed.
    """
    return value
