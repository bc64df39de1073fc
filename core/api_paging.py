"""The API's page-number pagination, counting long lists as the pages do (`core.paging.CountedPaginator`).

A view may say which lists are read a page's ids first, as the pages read a search's: a method
`sort_whole_below()` returning the `CountedPaginator` option (None: never).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rest_framework.pagination import PageNumberPagination

from core.paging import CountedPaginator


class Pagination(PageNumberPagination):
    django_paginator_class = CountedPaginator

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        below = view.sort_whole_below() if hasattr(view, "sort_whole_below") else None
        self.django_paginator_class = partial(CountedPaginator, sort_whole_below=below)  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)
