"""Turn a Django bound field into the parameters of the NHS.UK component that draws it.

Templates call the `field` macro (templates/components/forms.jinja), which asks `field_params` which
component to use and with what label, hint, error message, value and items; the NHS.UK macro does the
HTML. One mapping for every form keeps labels, hints, errors and ids consistent across the portal.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.forms.boundfield import BoundField
from markupsafe import Markup, escape

from core import menus
from core.held import Recent
from core.widgets import DateInput

_INPUT_TYPES = {
    forms.EmailInput: "email",
    forms.URLInput: "url",
    forms.NumberInput: "number",
    forms.TextInput: "text",
}
# Placeholders are left out on purpose: the NHS.UK style uses hints instead.
_PASSED_ATTRS = ("autocomplete", "inputmode", "spellcheck", "pattern", "autocapitalize")


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _without_id(params: dict[str, Any]) -> dict[str, Any]:
    """Checkboxes and radios give their first input the field's id (`idPrefix`); the wrapper must not
    carry it too, or labels and error-summary links would point at the wrapper instead of the input."""
    return {k: v for k, v in params.items() if k != "id"}


def label_text(bf: BoundField) -> str:
    """The label, saying when an answer may be left out: "(optional)"; for a field a draft may leave empty
    but a later step needs, that step ("(needed to publish)", from the form's `needed_to`); for one
    another answer makes necessary, that condition ("(needed when hours are agreed)", `needed_when`)."""
    text = str(bf.label)
    if bf.field.required or isinstance(bf.field.widget, forms.CheckboxInput):
        return text
    step = getattr(bf.form, "needed_to", {}).get(bf.name)
    if step:
        return f"{text} (needed to {step})"
    condition = getattr(bf.form, "needed_when", {}).get(bf.name)
    return text + (f" (needed when {condition})" if condition else " (optional)")


def error_text(bf: BoundField) -> str | None:
    return " ".join(str(e) for e in bf.errors) if bf.errors else None


def first_input_id(bf: BoundField) -> str:
    """The id of the element an error summary link should focus."""
    if isinstance(bf.field.widget, DateInput):
        return f"{bf.auto_id}_day"
    return str(bf.auto_id)


def _choices(bf: BoundField) -> list[tuple[str, str]]:
    field = bf.field

    def read() -> list[tuple[str, str]]:
        return [(str(value), str(text)) for value, text in field.widget.choices]  # type: ignore[attr-defined]

    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return read()
    label = getattr(field, "label_from_instance", None)
    try:
        sql = queryset.query.sql_with_params()
    except EmptyResultSet:  # a menu that can offer nothing: nothing to read or hold
        return read()
    key = repr((type(field), getattr(label, "__func__", label), getattr(field, "empty_label", None), sql))
    return menus.held(key, read)  # a menu from the database, held a while (core.menus)


def select_options(bf: BoundField) -> Markup:
    """The `<option>` elements of a select, as the NHS.UK select macro writes them (an empty value reads
    "Choose…"), escaped."""
    selected = _selected(bf)
    return Markup(
        "".join(f"{start}{' selected' if v in selected else ''}{end}" for v, start, end in _options(bf))
    )


# Each menu's options escaped once while it is held (escaping every organisation's name cost 3 ms a page).
_escaped: Recent[list[tuple[str, str, str]]] = Recent(64)


def _options(bf: BoundField) -> list[tuple[str, str, str]]:
    """Each choice's value with its option element's start and end, escaped."""
    choices = tuple(_choices(bf))
    return _escaped.get_or_make(
        choices,
        lambda: [
            (v, f'<option value="{escape(v)}"', f">{escape(t or 'Choose…')}</option>") for v, t in choices
        ],
    )


def into_select(html: str, options: Markup) -> Markup:
    """The select macro's HTML with `options` inside its (empty) select element."""
    return Markup(html).replace(Markup("</select>"), options + Markup("</select>"), 1)


def _selected(bf: BoundField) -> set[str]:
    value = bf.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {str(value)}


def _extra_attributes(widget: forms.Widget) -> dict[str, Any]:
    return {
        k: v
        for k, v in widget.attrs.items()
        if k not in (*_PASSED_ATTRS, "class", "id", "maxlength", "placeholder")
    }


def field_params(bf: BoundField, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """`{"component": <macro name>, "params": {...}}` for one bound field."""
    widget = bf.field.widget
    hint = str(bf.help_text) if bf.help_text else None
    hint_is_html = hasattr(bf.help_text, "__html__")  # help text marked safe carries links
    error = error_text(bf)
    common: dict[str, Any] = {
        "id": bf.auto_id,
        "name": bf.html_name,
        "hint": ({"html": Markup(hint)} if hint_is_html else {"text": hint}) if hint else None,
        "errorMessage": {"text": error} if error else None,
    }
    attrs = widget.attrs
    for key in _PASSED_ATTRS:
        if key in attrs:
            common[key] = attrs[key]
    if attrs.get("class"):
        common["classes"] = attrs["class"]
    extra = _extra_attributes(widget)
    if extra:
        common["attributes"] = extra

    component: str
    params: dict[str, Any]
    if isinstance(widget, forms.HiddenInput):
        component, params = "hidden", {"name": bf.html_name, "value": bf.value() or "", "id": bf.auto_id}
    elif isinstance(widget, DateInput):
        values = widget.decompress(bf.value()) if not isinstance(bf.value(), list) else bf.value()
        day, month, year = (v if v is not None else "" for v in (values or [None, None, None]))
        component = "dateInput"
        params = {
            **common,
            "fieldset": {"legend": {"text": label_text(bf), "size": "s"}},
            "items": [
                {
                    "id": f"{bf.auto_id}_day",
                    "name": f"{bf.html_name}_day",
                    "label": "Day",
                    "value": day,
                    "width": 2,
                    "classes": "nhsuk-input--error" if error else "",
                },
                {
                    "id": f"{bf.auto_id}_month",
                    "name": f"{bf.html_name}_month",
                    "label": "Month",
                    "value": month,
                    "width": 2,
                    "classes": "nhsuk-input--error" if error else "",
                },
                {
                    "id": f"{bf.auto_id}_year",
                    "name": f"{bf.html_name}_year",
                    "label": "Year",
                    "value": year,
                    "width": 4,
                    "classes": "nhsuk-input--error" if error else "",
                },
            ],
        }
    elif isinstance(widget, forms.CheckboxInput):
        component = "checkboxes"
        params = {
            **_without_id(common),
            "idPrefix": bf.auto_id,
            "items": [
                {
                    "value": "true",
                    "text": str(bf.label),
                    "checked": bool(bf.value()),
                    "hint": {"text": hint} if hint else None,
                }
            ],
            "hint": None,
        }
    elif isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
        selected = _selected(bf)
        component = "checkboxes"
        params = {
            **_without_id(common),
            "idPrefix": bf.auto_id,
            "fieldset": {"legend": {"text": label_text(bf), "size": "s"}},
            "items": [{"value": v, "text": t, "checked": v in selected} for v, t in _choices(bf) if v != ""],
        }
    elif isinstance(widget, forms.RadioSelect):
        selected = _selected(bf)
        component = "radios"
        params = {
            **_without_id(common),
            "idPrefix": bf.auto_id,
            "fieldset": {"legend": {"text": label_text(bf), "size": "s"}},
            "items": [{"value": v, "text": t, "checked": v in selected} for v, t in _choices(bf) if v != ""],
        }
    elif isinstance(widget, forms.Select):
        # The NHS.UK macro draws the label, hint, error and the select element; the options are written
        # here (`options`, put in by the `field` macro): the macro's per-option logic cost 0.1 ms an
        # option, 150 ms for a menu of every organisation in England.
        component = "select"
        params = {**common, "label": {"text": label_text(bf)}, "items": []}
        return {"component": component, "params": params, "options": select_options(bf)}
    elif isinstance(widget, forms.Textarea):
        max_length = getattr(bf.field, "max_length", None)
        component = "characterCount" if max_length else "textarea"
        params = {
            **common,
            "label": {"text": label_text(bf)},
            "value": bf.value() or "",
            "rows": attrs.get("rows", 5),
        }
        if max_length:
            params["maxlength"] = max_length
    elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        component = "fileUpload"
        params = {**common, "label": {"text": label_text(bf)}}
        if attrs.get("accept"):
            params["attributes"] = {**params.get("attributes", {}), "accept": attrs["accept"]}
    elif isinstance(widget, forms.PasswordInput):
        component = "passwordInput"
        params = {
            **common,
            "label": {"text": label_text(bf)},
            "value": bf.value() if widget.render_value and bf.value() else "",
        }
        params.setdefault("autocomplete", "current-password")
    else:
        input_type = next((t for cls, t in _INPUT_TYPES.items() if isinstance(widget, cls)), "text")
        value = bf.value()
        component = "input"
        params = {
            **common,
            "label": {"text": label_text(bf)},
            "type": input_type,
            "value": "" if value is None else str(value),
        }
        if input_type == "number":
            params["type"] = "text"
            params.setdefault("inputmode", "decimal")
            params["attributes"] = {
                **params.get("attributes", {}),
                **{k: attrs[k] for k in ("min", "max", "step") if k in attrs},
            }
        if getattr(bf.field, "max_length", None) and not params.get("width"):
            params["attributes"] = {**params.get("attributes", {}), "maxlength": bf.field.max_length}  # type: ignore[attr-defined]
    if overrides:
        params = _merge(params, overrides)
    return {"component": component, "params": params}


def error_summary_items(*forms_: forms.BaseForm | None) -> list[dict[str, str]]:
    """Links from the error summary to each field with an error, then the form-wide errors."""
    items: list[dict[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        items.extend({"text": str(e)} for e in form.non_field_errors())
        for bf in form:
            if bf.errors:
                items.append({"text": str(bf.errors[0]), "href": f"#{first_input_id(bf)}"})
        for name, errs in form.errors.items():  # errors added for fields the form does not show
            if name != "__all__" and name not in form.fields:
                items.extend({"text": str(e)} for e in errs)
    return items


def add_service_errors(form: Any, error: ValidationError) -> None:
    """A service's ValidationError shown on the form that called it: each message on its field when the
    form has one, otherwise at the top (the error summary)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
