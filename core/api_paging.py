"""The API's page-number pagination, counting long lists as the pages do (`core.paging.CountedPaginator`)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from core.paging import CountedPaginator


class Pagination(PageNumberPagination):
    django_paginator_class = CountedPaginator
