from __future__ import annotations

import pytest
from django.conf import settings

from dashboards import triggers


@pytest.fixture
def broker_down(settings):  # type: ignore[no-untyped-def]
    """Point Celery and the debounce at a port where nothing listens; put everything back afterwards."""
    from config.celery import app

    def fresh_pools() -> None:
        # Drop the app's connection pools (without closing them) so the next send uses the current URL.
        app._pool = None
        app.amqp._producer_pool = None

    unreachable = "redis://127.0.0.1:1/0"
    old = (app.conf.broker_url, settings.CELERY_BROKER_URL)
    settings.CELERY_BROKER_URL = unreachable
    app.conf.broker_url = unreachable
    fresh_pools()
    triggers._redis_failed_at = None
    yield
    app.conf.broker_url, settings.CELERY_BROKER_URL = old
    fresh_pools()
    triggers._redis_failed_at = None


__all__ = ["settings"]
