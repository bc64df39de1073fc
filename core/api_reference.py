"""The API reference page's content, read from the OpenAPI schema: operations grouped by tag, each with its
parameters, request body and responses, and every data shape with its fields. Pure: a schema dict in,
plain data out; the page renders it with the design system's tables, so it reads with a screen reader
and without JavaScript (the Swagger UI did neither well).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Kind:
    """A field's type in words, and the data shape it names (for a link), if any."""

    words: str
    shape: str = ""


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool
    notes: str


@dataclass(frozen=True)
class Response:
    status: str
    meaning: str
    body: Kind | None


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    body: Kind | None
    responses: list[Response]


@dataclass
class Group:
    anchor: str
    title: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    fields: list[Field]
    values: list[str]  # an enumeration's allowed values


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def kind(schema: dict[str, Any]) -> Kind:
    """A JSON schema as words people read: "list of integer", "date or null", "Person"."""
    if "$ref" in schema:
        return Kind(_ref_name(schema["$ref"]), _ref_name(schema["$ref"]))
    for combined in ("allOf", "oneOf", "anyOf"):
        if schema.get(combined):
            parts = [kind(part) for part in schema[combined]]
            words = " or ".join(p.words for p in parts)
            shape = parts[0].shape if len(parts) == 1 else ""
            return Kind(words + (" or null" if schema.get("nullable") else ""), shape)
    type_name = schema.get("type", "any value")
    if type_name == "array":
        item = kind(schema.get("items", {}))
        words = f"list of {item.words}"
        shape = item.shape
    else:
        words = schema.get("format", type_name) if type_name == "string" else type_name
        shape = ""
        if "enum" in schema:
            values = [str(v) for v in schema["enum"] if v not in ("", None)]
            words = "one of " + ", ".join(values[:12]) + (", …" if len(values) > 12 else "")
    if schema.get("nullable"):
        words += " or null"
    return Kind(words, shape)


def _notes(schema: dict[str, Any], *, description: str = "") -> str:
    # An enumeration's description repeats its values as a Markdown list; the type already names them.
    text = (description or schema.get("description", "") or schema.get("title", "")).split("\n\n* ")[0]
    said = [text]
    if schema.get("readOnly"):
        said.append("Read only.")
    if "maxLength" in schema:
        said.append(f"At most {schema['maxLength']:,} characters.")
    return " ".join(s.strip() for s in said if s and s.strip())


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _body(operation: dict[str, Any]) -> Kind | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media in ("application/json", "multipart/form-data"):
        if media in content:
            return kind(content[media].get("schema", {}))
    return None


def _responses(operation: dict[str, Any]) -> list[Response]:
    out = []
    for status, response in sorted(operation.get("responses", {}).items()):
        content: dict[str, Any] = response.get("content", {})
        schema: dict[str, Any] = next(iter(content.values()))["schema"] if content else {}
        meaning = response.get("description") or ("Success" if status.startswith("2") else "")
        out.append(Response(status, meaning, kind(schema) if schema else None))
    return out


def operations(schema: dict[str, Any]) -> list[Group]:
    """Every operation, grouped by its first tag, groups and operations in the schema's path order."""
    groups: dict[str, Group] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            group = groups.setdefault(
                tag, Group(anchor=f"api-{_anchor(tag)}", title=tag.replace("-", " ").capitalize())
            )
            parameters = [
                Field(
                    name=f"{p['name']} ({p['in']})",
                    kind=kind(p.get("schema", {})),
                    required=bool(p.get("required")),
                    notes=_notes(p.get("schema", {}), description=p.get("description", "")),
                )
                for p in operation.get("parameters", [])
            ]
            group.operations.append(
                Operation(
                    anchor=f"op-{_anchor(operation.get('operationId', method + path))}",
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=parameters,
                    body=_body(operation),
                    responses=_responses(operation),
                )
            )
    return list(groups.values())


def shapes(schema: dict[str, Any]) -> list[Shape]:
    """Every data shape (component schema) with its fields, or its allowed values for an enumeration."""
    out = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            Field(name=field_name, kind=kind(spec), required=field_name in required, notes=_notes(spec))
            for field_name, spec in component.get("properties", {}).items()
        ]
        values = [str(v) for v in component.get("enum", []) if v not in ("", None)]
        out.append(Shape(name, component.get("description", ""), fields, values))
    return out
