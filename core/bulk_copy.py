"""Fill a table fast with PostgreSQL COPY: for the scale data set, where row-by-row saves would take hours.

`copy_rows(Model, ["title", "lead_id"], rows)` streams tuples in column order; every other concrete column
gets what Django would have given it (its default, "now" for `auto_now` fields, NULL or "" for optional
ones), so the rows are the ones a save would have written. Ids come from `reserve_ids`, so related rows can
point at them before they exist; the table's identity sequence is moved past them first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb


def _filler(field: models.Field, now: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField) and field.blank:
        return ""
    raise ValueError(f"{field.model.__name__}.{field.name} needs a value: it has no default.")


def _adapt(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.JSONField) and value is not None:
        return Jsonb(value)
    return value


def copy_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY `rows` (tuples in the order of `columns`, given as field attnames) into `model`'s table."""
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    given = [by_attname[name] for name in columns]
    now = timezone.now()
    rest = [
        f
        for f in meta.concrete_fields
        if f.attname not in columns
        and not isinstance(f, models.GeneratedField)
        and not (f.primary_key and isinstance(f, models.AutoField))
    ]
    fillers = tuple(_filler(f, now) for f in rest)
    json_at = [i for i, f in enumerate(given) if isinstance(f, models.JSONField)]
    names = ", ".join(connection.ops.quote_name(str(f.column)) for f in [*given, *rest])
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({names}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            if json_at:
                row = list(row)
                for i in json_at:
                    row[i] = _adapt(given[i], row[i])
            copy.write_row((*row, *fillers))
            count += 1
    return count


def copy_links(through: type[models.Model], left: str, right: str, pairs: Iterable[tuple[int, int]]) -> int:
    """COPY many-to-many links (`left` and `right` are the through model's two foreign key attnames)."""
    return copy_rows(through, [left, right], pairs)


def reserve_ids(model: type[models.Model], count: int) -> range:
    """Ids for `count` new rows of `model`, taken from its identity sequence: no later insert reuses them."""
    table = model._meta.db_table
    column = str(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        sequence = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT setval(%s, GREATEST((SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0) "
            f"FROM {connection.ops.quote_name(table)}), (SELECT last_value FROM {sequence})) + %s)",
            [sequence, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)
