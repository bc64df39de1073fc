from __future__ import annotations

import pytest
from django.conf import settings

from governance.dashboards import triggers


@pytest.fixture
def clean_pending():
    """No leftover "rebuild pending" marks in the test Redis before or after a test."""

    def clear() -> None:
        client = triggers.redis_client()
        keys = list(client.scan_iter(match=triggers.PENDING_PREFIX + "*"))
        if keys:
            client.delete(*keys)

    clear()
    yield
    clear()


@pytest.fixture
def broker_down(settings):  # type: ignore[no-untyped-def]
    """Point Celery and the debounce at a port where nothing listens."""
    from config.celery import app

    unreachable = "redis://127.0.0.1:1/0"
    old = (app.conf.broker_url, settings.CELERY_BROKER_URL)
    settings.CELERY_BROKER_URL = unreachable
    app.conf.broker_url = unreachable
    app.pool.force_close_all()
    yield
    app.conf.broker_url, settings.CELERY_BROKER_URL = old
    app.pool.force_close_all()


__all__ = ["settings"]
