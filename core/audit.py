"""Recording and reading the audit trail. Services call `audit_record` inside their transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from core import history_words
from core.models import AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-friendly, human-readable form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` (many-to-many fields as sorted lists of names)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        else:
            values[name] = _plain(getattr(obj, name))
    return values


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: {"from": before.get(name), "to": after.get(name)}
        for name in after
        if before.get(name) != after.get(name)
    }


def audit_record(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    changes: Mapping[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        changes=dict(changes or {}),
        message=message,
    )


def audit_trail(obj: models.Model) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")


def entry_sentences(entry: AuditEntry, labels: Mapping[str, str] | None = None) -> list[str]:
    """An entry's changes as sentences, with the changed model's field labels and choice labels (the
    words its pages use); `labels` overrides a field's label."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    field_labels: dict[str, str] = {}
    choices: dict[str, dict[Any, str]] = {}
    for field in model._meta.get_fields() if model else []:
        name = getattr(field, "name", "")
        verbose = getattr(field, "verbose_name", None)
        if verbose:
            field_labels[name] = str(verbose)[:1].upper() + str(verbose)[1:]
        if getattr(field, "choices", None):
            choices[name] = {key: str(label) for key, label in field.flatchoices}  # type: ignore[union-attr]
    return history_words.sentences(entry.changes or {}, {**field_labels, **(labels or {})}, choices)
