"""Run actions at the same moment, each in its own thread and database connection (real concurrent
transactions on PostgreSQL, for the tests of locks, one-time tokens and idempotency keys)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection


def at_once(*actions: Callable[[], Any]) -> list[Any]:
    """Each action's result (or the refusal it raised: ValidationError or PermissionDenied), in order; all
    released together."""
    results: list[Any] = [None] * len(actions)
    barrier = threading.Barrier(len(actions))

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = actions[i]()
        except (ValidationError, PermissionDenied) as error:
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
