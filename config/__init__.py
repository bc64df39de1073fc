"""Project configuration. The Celery app is exported here so `celery -A config` finds it."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
