"""What a champion has given: hours committed so far and the projects they supported. Pure: no Django."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal


def months_so_far(start: datetime.date, end: datetime.date, today: datetime.date) -> int:
    """Calendar months of a commitment that have begun by `today` (its first month counts once begun)."""
    last = min(end, today)
    if start > last:
        return 0
    return (last.year - start.year) * 12 + last.month - start.month + 1


def hours_given(
    commitments: Iterable[tuple[Decimal, datetime.date, datetime.date]], today: datetime.date
) -> Decimal:
    """Hours a month times the months begun so far, over every commitment."""
    return sum((hours * months_so_far(start, end, today) for hours, start, end in commitments), Decimal(0))
