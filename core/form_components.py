"""The NHS.UK input, select, checkboxes and date input components written directly, for the parameters our
forms use.

Each component's macro draws its label, hint and error message through further macros and every attribute
through another: the ten filters above the project register cost a third of the page. These functions
write the same elements, classes and attributes as the macros (tests/core/test_form_components.py
compares them over the combinations `core.form_fields` produces) and hand any other parameter (widths,
prefixes, conditional reveals, headings, captions) to the macro itself. A select's options are written by
`core.form_fields.select_options`; here it gets its label, hint, error and empty element.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

Macro = Callable[[Mapping[str, Any]], str]

FIELD_KEYS = frozenset({"id", "name", "label", "hint", "errorMessage", "classes", "attributes"})
INPUT_KEYS = FIELD_KEYS | {
    "type",
    "value",
    "autocomplete",
    "inputmode",
    "spellcheck",
    "pattern",
    "autocapitalize",
}
SELECT_KEYS = FIELD_KEYS | {"items"}
CHECKBOXES_KEYS = frozenset({"idPrefix", "name", "fieldset", "items", "hint", "errorMessage", "classes"})
ITEM_KEYS = frozenset({"value", "text", "checked", "hint"})
LEGEND_SIZES = ("s", "m", "l", "xl")
DATE_KEYS = frozenset({"id", "name", "hint", "errorMessage", "classes", "fieldset", "items"})
DATE_ITEM_KEYS = frozenset({"id", "name", "label", "value", "width", "classes"})
DATE_WIDTHS = (2, 3, 4)
ITEM_ERROR = "nhsuk-input--error"


def _is_text(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


def _plain_text(part: Any, *, html: bool = False) -> bool:
    """None, or a mapping of just text (or, where `html`, of just html)."""
    if part is None:
        return True
    return isinstance(part, Mapping) and (
        (part.keys() == {"text"} and (part["text"] is None or isinstance(part["text"], str)))
        or (html and part.keys() == {"html"})
    )


def _plain_field(params: Mapping[str, Any], keys: frozenset[str]) -> bool:
    label = params.get("label")
    attributes = params.get("attributes")
    return (
        params.keys() <= keys
        and bool(params.get("id"))
        and isinstance(label, Mapping)
        and label.keys() <= {"text", "classes"}
        and isinstance(label.get("text"), str)
        and _plain_text(params.get("hint"), html=True)
        and _plain_text(params.get("errorMessage"))
        and (
            attributes is None
            or (isinstance(attributes, Mapping) and all(map(_is_text, attributes.values())))
        )
    )


def _attributes(attributes: Mapping[str, Any] | None) -> str:
    return "".join(f' {escape(k)}="{escape(v)}"' for k, v in (attributes or {}).items())


def _label(label: Mapping[str, Any], for_id: str, classes: str = "nhsuk-label") -> str:
    if not label.get("text"):
        return ""
    if label.get("classes"):
        classes = f"{classes} {label['classes']}"
    return f'<label class="{escape(classes)}" for="{escape(for_id)}">{escape(label["text"])}</label>'


def _hint(hint: Mapping[str, Any] | None, hint_id: str, classes: str = "nhsuk-hint") -> str:
    if not hint or not (hint.get("text") or hint.get("html")):
        return ""
    content = Markup(hint["html"]) if hint.get("html") else escape(hint["text"].strip())
    return f'<div class="{classes}" id="{escape(hint_id)}">{content}</div>'


def _error(error: Mapping[str, Any] | None, error_id: str) -> str:
    if not error or not error.get("text"):
        return ""
    return (
        f'<span class="nhsuk-error-message" id="{escape(error_id)}">'
        f'<span class="nhsuk-u-visually-hidden">Error: </span>{escape(error["text"])}</span>'
    )


def _described(params: Mapping[str, Any], base: str) -> tuple[str, str, str]:
    """The hint, the error message and the ids an element is described by."""
    hint = _hint(params.get("hint"), f"{base}-hint")
    error = _error(params.get("errorMessage"), f"{base}-error")
    ids = [f"{base}-hint"] if hint else []
    ids += [f"{base}-error"] if error else []
    return hint, error, " ".join(ids)


def _group(has_error: bool) -> str:
    return (
        '<div class="nhsuk-form-group nhsuk-form-group--error">'
        if has_error
        else '<div class="nhsuk-form-group">'
    )


def _field(params: Mapping[str, Any], tag: str, before: str = "", after: str = "") -> Markup:
    """A form group with its label, hint and error, and the `tag` element (`nhsuk-<tag>`, id, name, then
    `before`, the ids it is described by, `after` and the field's own attributes, in the macros' order)."""
    field_id = params["id"]
    hint, error, described = _described(params, field_id)
    classes = f"nhsuk-{tag} nhsuk-{tag}--error" if error else f"nhsuk-{tag}"
    if params.get("classes"):
        classes += f" {params['classes']}"
    attributes = f' class="{escape(classes)}" id="{escape(field_id)}" name="{escape(params.get("name"))}"'
    attributes += before
    if described:
        attributes += f' aria-describedby="{described}"'
    attributes += after + _attributes(params.get("attributes"))
    label = _label(params["label"], field_id)
    closing = "" if tag == "input" else f"</{tag}>"  # an input is a void element
    return Markup(f"{_group(bool(error))}{label}{hint}{error}<{tag}{attributes}>{closing}</div>")


def input(params: Mapping[str, Any], macro: Macro) -> Markup:
    """The NHS.UK text input."""
    if not (_plain_field(params, INPUT_KEYS) and params.get("spellcheck") in (None, True, False)):
        return Markup(macro(params))
    before = f' type="{escape(params.get("type") or "text")}"'
    if params.get("spellcheck") is not None:
        before += f' spellcheck="{"true" if params["spellcheck"] else "false"}"'
    if params.get("value") is not None:
        before += f' value="{escape(params["value"])}"'
    after = "".join(
        f' {key}="{escape(params[key])}"'
        for key in ("autocomplete", "autocapitalize", "pattern", "inputmode")
        if params.get(key) not in (None, False)  # optional attributes: left out when unset
    )
    return _field(params, "input", before, after)


def select(params: Mapping[str, Any], macro: Macro) -> Markup:
    """The NHS.UK select, its element empty (`core.form_fields.into_select` puts the options in)."""
    if not (_plain_field(params, SELECT_KEYS) and not params.get("items")):
        return Markup(macro(params))
    return _field(params, "select")


def _plain_fieldset(fieldset: Any) -> bool:
    """None, or a fieldset of just a legend's text and size."""
    legend = fieldset.get("legend") if isinstance(fieldset, Mapping) else None
    return fieldset is None or (
        fieldset.keys() == {"legend"}
        and isinstance(legend, Mapping)
        and legend.keys() <= {"text", "size"}
        and isinstance(legend.get("text"), str)
        and legend.get("size") in (None, *LEGEND_SIZES)
    )


def _fieldset(fieldset: Mapping[str, Any], inner: str, described: str, role: str = "") -> str:
    legend = fieldset["legend"]
    size = f" nhsuk-fieldset__legend--{legend['size']}" if legend.get("size") else ""
    role_attribute = f' role="{role}"' if role else ""
    described_by = f' aria-describedby="{described}"' if described else ""
    legend_html = f'<legend class="nhsuk-fieldset__legend{size}">{escape(legend["text"])}</legend>'
    return f'<fieldset class="nhsuk-fieldset"{role_attribute}{described_by}>{legend_html}{inner}</fieldset>'


def _plain_checkboxes(params: Mapping[str, Any]) -> bool:
    return (
        params.keys() <= CHECKBOXES_KEYS
        and bool(params.get("idPrefix"))
        and _plain_fieldset(params.get("fieldset"))
        and _plain_text(params.get("hint"), html=True)
        and _plain_text(params.get("errorMessage"))
        and all(
            isinstance(item, Mapping)
            and item.keys() <= ITEM_KEYS
            and isinstance(item.get("text"), str)
            and _is_text(item.get("value"))
            and _plain_text(item.get("hint"))
            for item in params.get("items") or ()
        )
    )


def checkboxes(params: Mapping[str, Any], macro: Macro) -> Markup:
    """The NHS.UK checkboxes, in a fieldset with a legend or (a single yes/no box) without."""
    if not _plain_checkboxes(params):
        return Markup(macro(params))
    prefix = params["idPrefix"]
    hint, error, described = _described(params, prefix)
    fieldset = params.get("fieldset")
    boxes = "nhsuk-checkboxes" + (f" {params['classes']}" if params.get("classes") else "")
    parts = [hint, error, f'<div class="{escape(boxes)}" data-module="nhsuk-checkboxes">']
    for index, item in enumerate(params.get("items") or (), start=1):
        item_id = prefix if index == 1 else f"{prefix}-{index}"
        item_hint = _hint(item.get("hint"), f"{item_id}-item-hint", "nhsuk-hint nhsuk-checkboxes__hint")
        # Without a fieldset to carry them, each box is described by the group's hint and error.
        item_described = " ".join(
            part
            for part in ("" if fieldset else described, f"{item_id}-item-hint" if item_hint else "")
            if part
        )
        name, value = escape(params.get("name")), escape(item["value"])
        box = f'<input class="nhsuk-checkboxes__input" id="{escape(item_id)}" name="{name}"'
        box += f' type="checkbox" value="{value}"'
        if item.get("checked"):
            box += " checked"
        if item_described:
            box += f' aria-describedby="{item_described}"'
        label = _label({"text": item["text"]}, item_id, "nhsuk-label nhsuk-checkboxes__label")
        parts.append(f'<div class="nhsuk-checkboxes__item">{box}>{label}{item_hint}</div>')
    parts.append("</div>")
    inner = "".join(parts)
    if fieldset:
        inner = _fieldset(fieldset, inner, described)
    return Markup(f"{_group(bool(error))}{inner}</div>")


def _plain_date_item(item: Any) -> bool:
    return (
        isinstance(item, Mapping)
        and item.keys() <= DATE_ITEM_KEYS
        and all(isinstance(item.get(key), str) and item[key] for key in ("id", "name", "label"))
        and _is_text(item.get("value"))  # a number from a date already known (an unbound form's initial)
        and item.get("width", 2) in DATE_WIDTHS
        and isinstance(item.get("classes") or "", str)
    )


def _plain_date(params: Mapping[str, Any]) -> bool:
    items = params.get("items")
    return (
        params.keys() <= DATE_KEYS
        and bool(params.get("id"))
        and params.get("fieldset") is not None
        and _plain_fieldset(params.get("fieldset"))
        and _plain_text(params.get("hint"), html=True)
        and _plain_text(params.get("errorMessage"))
        and isinstance(params.get("classes") or "", str)
        and isinstance(items, list | tuple)
        and bool(items)
        and all(map(_plain_date_item, items))
        # With an error message the macro marks each box in error itself unless the box says so: ours do.
        and (not params.get("errorMessage") or all(map(_marked, items)))
    )


def _marked(item: Mapping[str, Any]) -> bool:
    return ITEM_ERROR in (item.get("classes") or "")


def date_input(params: Mapping[str, Any], macro: Macro) -> Markup:
    """The NHS.UK date input: day, month and year boxes in a fieldset (`core.form_fields` sets each box's
    error class; the boxes carry no error message of their own)."""
    if not _plain_date(params):
        return Markup(macro(params))
    field_id = params["id"]
    hint, error, described = _described(params, field_id)
    items = params["items"]
    classes = "nhsuk-date-input" + (f" {params['classes']}" if params.get("classes") else "")
    parts = [hint, error, f'<div class="{escape(classes)}" id="{escape(field_id)}">']
    for item in items:
        box = f"nhsuk-input nhsuk-input--width-{item.get('width', 2)} nhsuk-date-input__input"
        if item.get("classes"):
            box += f" {item['classes'].strip()}"
        label = _label({"text": item["label"]}, item["id"], "nhsuk-label nhsuk-date-input__label")
        name, value = escape(item["name"]), escape(item["value"])
        element = f'<input class="{escape(box)}" id="{escape(item["id"])}" name="{name}" type="text"'
        element += f' value="{value}" inputmode="numeric">'
        parts.append(f'<div class="nhsuk-date-input__item">{_group(False)}{label}{element}</div></div>')
    parts.append("</div>")
    has_error = bool(error) or any(map(_marked, items))
    inner = _fieldset(params["fieldset"], "".join(parts), described, role="group")
    return Markup(f"{_group(has_error)}{inner}</div>")
