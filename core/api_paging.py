"""The API's page-number pagination, counting long lists as the pages do (core.counting)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination

from core import counting


class CountingPaginator(Paginator):  # type: ignore[type-arg]
    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        return counting.count(rows) if isinstance(rows, QuerySet) else len(rows)


class Pagination(PageNumberPagination):
    django_paginator_class = CountingPaginator
