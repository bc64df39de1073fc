"""Counts of long lists: exact and live while a list is short, kept for a minute once it is long.

Counting 200,000 projects by status costs more than drawing the page of 20 they head, and a count in the
hundreds of thousands that is a minute old tells the reader the same. So a count (or any summary of a
whole list, such as counts by status) that comes to `LARGE_COUNT_FROM` rows or more is kept in the shared
cache for `LARGE_COUNT_SECONDS` under the list's SQL and parameters (which carry its filters and whose
list it is); a shorter list is counted afresh on every view, so a project just registered shows at once
where the count is small enough for one more to be noticed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

T = TypeVar("T")


def key_for(queryset: QuerySet[Any], purpose: str) -> str:
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((purpose, sql, params)).encode()).hexdigest()
    return f"count:{digest}"


def summarised(
    queryset: QuerySet[Any], summary: Callable[[QuerySet[Any]], T], total: Callable[[T], int]
) -> T:
    """`summary(queryset)`, kept for a minute when `total(summary)` is large (see the module)."""
    try:
        key = key_for(queryset, getattr(summary, "__qualname__", "summary"))
    except EmptyResultSet:  # a list that can hold nothing (`none()`, an empty `pk__in`): no SQL to key on
        return summary(queryset)
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    result = summary(queryset)
    if total(result) >= settings.LARGE_COUNT_FROM:
        cache.set(key, result, settings.LARGE_COUNT_SECONDS)
    return result


def count(queryset: QuerySet[Any]) -> int:
    """The number of rows, kept for a minute when large."""
    return summarised(queryset if queryset.query.is_sliced else queryset.order_by(), _count, int)


def grouped(rows: QuerySet[Any], counted: str) -> list[dict[str, Any]]:
    """The rows of a grouped count (`values(...).annotate(<counted>=Count(...))`), kept for a minute when
    their counts add up to a long list."""
    return summarised(rows, list, lambda found: sum(int(row[counted]) for row in found))


def _count(queryset: QuerySet[Any]) -> int:
    return int(queryset.count())
