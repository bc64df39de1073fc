from __future__ import annotations

from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from core import health


def test_healthz_reports_the_database_and_redis_as_up(client, db):
    response = client.get(reverse("healthz"))

    body = response.json()
    assert response.status_code == 200
    assert body["database"] == {"ok": True}
    assert body["redis"] == {"ok": True}
    assert "responding" in body["workers"]


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_redis_down_is_reported_but_the_portal_stays_up(client, db):
    response = client.get(reverse("healthz"))

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["redis"]["ok"] is False
    assert body["workers"]["ok"] is False


def test_database_down_gives_503(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):  # type: ignore[no-untyped-def]
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", UnreachableDatabase())

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["database"] == {"ok": False, "error": "OperationalError"}
