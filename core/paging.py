"""Paging for list pages: Django's paginator plus the parameters of the NHS.UK pagination component."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import F, Func, OrderBy, QuerySet
from django.http import HttpRequest

from core import counting


@dataclass(frozen=True)
class Paged:
    page: Page  # type: ignore[type-arg]
    pagination: dict[str, Any]  # parameters for the `pagination` macro; empty when there is one page
    more_than: int | None = None  # counting stopped here (`count_cap`): there are more rows than this

    @property
    def items(self) -> Any:
        return self.page.object_list

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def _href(request: HttpRequest, number: int, param: str = "page") -> str:
    params = request.GET.copy()
    params[param] = str(number)
    return f"?{params.urlencode()}"


def page_numbers(current: int, total: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the first, the last and `around` either side; None marks a gap."""
    shown = {1, total, *range(max(1, current - around), min(total, current + around) + 1)}
    numbers: list[int | None] = []
    for n in sorted(shown):
        previous = numbers[-1] if numbers else None
        if previous is not None and n - previous == 2:
            numbers.append(n - 1)  # a gap of one page shows the page, not an ellipsis
        elif previous is not None and n - previous > 2:
            numbers.append(None)
        numbers.append(n)
    return numbers


def sorted_whole(ordering: Sequence[str]) -> list[OrderBy]:
    """`ordering` as expressions no index offers (`COALESCE(column)` is the column): the same order, got by
    sorting the matching rows rather than by walking an index in that order."""
    return [
        OrderBy(Func(F(name.removeprefix("-")), function="COALESCE"), descending=name.startswith("-"))
        for name in ordering
    ]


def ids_first(rows: QuerySet[Any], start: int, stop: int) -> QuerySet[Any]:
    """Rows `start` to `stop` of `rows` in its order (by field or annotation names): their ids sorted
    alone (`sorted_whole`), their rows, joins and computed columns read after for those ids only. Sorting
    thousands of whole rows with their joins cost three times as much as sorting their ids."""
    ordering = _named_order(rows)
    page = rows.order_by(*sorted_whole(ordering)).values("pk")[start:stop]
    return rows.filter(pk__in=page).order_by(*ordering)


def _named_order(rows: QuerySet[Any]) -> list[str]:
    """The order's field and annotation names, or [] when it has none or names it by expressions."""
    names = [name for name in rows.query.order_by if isinstance(name, str)]
    return names if len(names) == len(rows.query.order_by) else []


def _sorted_by_computed(rows: QuerySet[Any]) -> bool:
    """Whether the order names a computed value (a search's rank): no index offers it, so every matching
    row is sorted whatever the query's shape."""
    return any(name.removeprefix("-") in rows.query.annotations for name in _named_order(rows))


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told how to count (`counter`), and to count no further than `cap` (pages stay full up
    to it; `found` says whether there were more). Otherwise a queryset is counted by `core.counting` (a
    long list's count kept a minute); the API's pagination uses it too (`core.api_paging`).

    `sort_whole_below`: for lists whose rows an index finds (a full-text search), a page is read
    `ids_first` when the list has fewer rows than this, or is ordered by a computed value (its rank),
    rather than by walking an index in the list's order past rows that do not match."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        counter: Callable[[Any], int] | None = None,
        cap: int | None = None,
        sort_whole_below: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self._counter = counter
        self.cap = cap
        self.sort_whole_below = sort_whole_below

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        page = super().page(number)
        rows = self.object_list
        if (
            self.sort_whole_below is not None
            and isinstance(rows, QuerySet)
            and _named_order(rows)
            and (_sorted_by_computed(rows) or self.found < self.sort_whole_below)
        ):
            start = (page.number - 1) * self.per_page
            page.object_list = ids_first(rows, start, start + self.per_page)
        return page

    @cached_property
    def found(self) -> int:
        rows: Any = self.object_list
        if self._counter is not None:
            return self._counter(rows)
        if self.cap is not None:  # counted to the cap, and the count kept a minute when it is large
            return counting.count(rows.order_by()[: self.cap + 1])
        return counting.count(rows) if isinstance(rows, QuerySet) else len(rows)

    @cached_property
    def count(self) -> int:
        return self.found if self.cap is None else min(self.found, self.cap)


class Chained:
    """Two ordered lists paged as one, the first before the second (the celebrated projects, then the
    rest): each is read with its own index, where one query ordering by both would sort every row."""

    def __init__(self, first: QuerySet[Any], then: QuerySet[Any]) -> None:
        self.first, self.then = first, then

    @cached_property
    def _first_count(self) -> int:
        return counting.count(self.first)

    def __len__(self) -> int:
        return self._first_count + counting.count(self.then)

    def __getitem__(self, window: slice) -> list[Any]:
        start, stop = window.start or 0, window.stop
        split = self._first_count
        rows = list(self.first[start:stop]) if start < split else []
        rest_start, rest_stop = max(start - split, 0), (None if stop is None else max(stop - split, 0))
        if rest_stop is None or rest_stop > rest_start:
            rows += list(self.then[rest_start:rest_stop])
        return rows


def paginate(
    request: HttpRequest,
    object_list: Any,
    per_page: int = 20,
    count: Callable[[Any], int] | None = None,
    count_up_to: int | None = None,
    param: str = "page",
    sort_whole_below: int | None = None,
) -> Paged:
    """A page of `object_list` as `?page=` asks. `count(object_list)`, when given, counts it instead of
    COUNT(*) (one query can then give both the count and, say, the counts by status). `count_up_to` stops
    counting there: on a table of millions, an exact count of a broad list costs more than the page itself,
    and nobody pages past the first few hundred rows; `Paged.more_than` then says there are more.
    `param` names the query parameter, for a second list paged on the same page; `sort_whole_below`: see
    `CountedPaginator`."""
    paginator = CountedPaginator(object_list, per_page, count, count_up_to, sort_whole_below)
    try:
        page = paginator.page(request.GET.get(param) or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    params: dict[str, Any] = {}
    if paginator.num_pages > 1:
        params["items"] = [
            {"ellipsis": True}
            if n is None
            else {"number": n, "href": _href(request, n, param), "current": n == page.number}
            for n in page_numbers(page.number, paginator.num_pages)
        ]
        if page.has_previous():
            params["previous"] = {"href": _href(request, page.previous_page_number(), param)}
        if page.has_next():
            params["next"] = {"href": _href(request, page.next_page_number(), param)}
    over = count_up_to is not None and paginator.found > count_up_to
    return Paged(page=page, pagination=params, more_than=count_up_to if over else None)
