"""The projects app's background tasks, imported here so that Celery's worker finds them."""

from projects.measurement.services import measures_refresh

__all__ = ["measures_refresh"]
