"""The shared cache: Redis, so that every web process counts sign-in attempts together (allauth's rate
limits live in the cache). When Redis is unreachable the cache fails open rather than failing the page:
reads miss, writes are dropped, and `add` (allauth's lock) succeeds, so people can still sign in (sessions
are in PostgreSQL) while the limits pause; each failure is logged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def redis_cache(url: str, *, prefix: str = "portal") -> dict[str, dict[str, Any]]:
    """The CACHES setting for a Redis URL, with short timeouts so that a page never hangs on it."""
    return {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def _down(operation: str, error: Exception) -> None:
    logger.warning("Cache unavailable (%s): %s", operation, error)


class ResilientRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _down("get", error)
            return default

    def get_many(self, keys: Any, version: Any = None) -> Any:
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _down("get_many", error)
            return {}

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _down("set", error)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _down("add", error)
            return True

    def delete(self, key: Any, version: Any = None) -> bool:
        try:
            return super().delete(key, version)
        except RedisError as error:
            _down("delete", error)
            return False

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _down("incr", error)
            return delta


def kept(key: str, compute: Callable[[], T], seconds: int) -> T:
    """`compute()`, kept in the shared cache under `key` for `seconds` (`cache.get_or_set`, typed). Put
    what the answer depends on in the key (a stamp of the data), so a change makes a new key at once."""
    return cast(T, cache.get_or_set(key, compute, seconds))
