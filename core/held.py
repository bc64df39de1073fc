"""What a web process keeps in its own memory: answers it may reuse for a few seconds (`for_seconds`),
and answers decided wholly by their key, kept while recently used (`Recent`). The shared cache
(`core.cache.kept`) is for what every process should see at once; these save even its round trip."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_timed: dict[Hashable, tuple[float, Any]] = {}
TIMED_KEPT = 256  # keys at most; past that the process starts afresh


def for_seconds(key: Hashable, read: Callable[[], T], seconds: float) -> T:
    """`read()`, reused in this process for `seconds` under `key` (not kept when `seconds` is 0)."""
    if seconds <= 0:
        return read()
    now = time.monotonic()
    found = _timed.get(key)
    if found is not None and found[0] > now:
        return found[1]  # type: ignore[no-any-return]
    value = read()
    if len(_timed) >= TIMED_KEPT:
        _timed.clear()
    _timed[key] = (now + seconds, value)
    return value


def forget() -> None:
    """Drop everything `for_seconds` holds (tests that change data and look again at once)."""
    _timed.clear()


class Recent(Generic[T]):
    """The last `size` answers by key, for answers their key decides wholly (a digest of the inputs, or a
    snapshot and when it was built): a hit is always right, so nothing expires but the least recent."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        value = make()
        with self._lock:
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
