"""The projects app's background tasks, imported here so that Celery's worker finds them."""

from projects.measurement.services import measures_refresh
from projects.nudges import nudge_quiet_projects

__all__ = ["measures_refresh", "nudge_quiet_projects"]
