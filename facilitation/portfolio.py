"""The portfolio summary: facilitation work counted by status, support level, priority, organisation and
place, with hours committed. Pure: plain rows in, plain tables out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Row:
    status: str
    support_level: str
    priority: str
    organisations: tuple[str, ...]
    place: str
    hours_per_month: Decimal = Decimal(0)


@dataclass
class Tally:
    requests: int = 0
    hours_per_month: Decimal = field(default_factory=lambda: Decimal(0))


def _add(table: dict[str, Tally], key: str, row: Row) -> None:
    tally = table.setdefault(key, Tally())
    tally.requests += 1
    tally.hours_per_month += row.hours_per_month


def summarise(rows: Iterable[Row], none: str = "Not given") -> dict[str, list[tuple[str, Tally]]]:
    """Each dimension → [(value, tally)], largest first.

    A request with several organisations counts once under each of them."""
    tables: dict[str, dict[str, Tally]] = {
        "status": {},
        "support_level": {},
        "priority": {},
        "organisation": {},
        "place": {},
    }
    for row in rows:
        _add(tables["status"], row.status, row)
        _add(tables["support_level"], row.support_level or none, row)
        _add(tables["priority"], row.priority or none, row)
        for organisation in row.organisations or (none,):
            _add(tables["organisation"], organisation, row)
        _add(tables["place"], row.place or none, row)
    return {
        name: sorted(table.items(), key=lambda kv: (-kv[1].requests, kv[0])) for name, table in tables.items()
    }


def top(table: list[tuple[str, Tally]], shown: int) -> list[tuple[str, Tally]]:
    """The first `shown` rows of a dimension, then the rest added up in one row ("12 others"), so that a
    dimension with a thousand organisations still reads as a short table."""
    if len(table) <= shown + 1:
        return table
    rest = Tally()
    for _, tally in table[shown:]:
        rest.requests += tally.requests
        rest.hours_per_month += tally.hours_per_month
    return [*table[:shown], (f"{len(table) - shown:,} others", rest)]
