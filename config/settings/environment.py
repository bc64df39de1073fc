"""Reading settings from the environment, in one place.

Every value can also come from a file named by `<NAME>_FILE` (Docker and Kubernetes secrets), which wins
over the plain variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

env = environ.Env()


def secret(name: str, default: str | None = None) -> str | None:
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def service_urls() -> tuple[str, str]:
    """DATABASE_URL and REDIS_URL from the environment; embedded servers stand in for any that is unset."""
    database_url = secret("DATABASE_URL") or ""
    redis_url = secret("REDIS_URL") or ""
    if database_url and redis_url:
        return database_url, redis_url
    from devservices import ensure_running

    embedded = ensure_running(need_postgres=not database_url, need_redis=not redis_url)
    return database_url or embedded.database_url, redis_url or embedded.redis_url


def database(url: str) -> dict[str, object]:
    """The DATABASES entry for a URL. Each connection tells PostgreSQL that random reads cost little more
    than sequential ones (DATABASE_RANDOM_PAGE_COST, 1.1 by default: solid-state storage, as every host we
    run on has), so it uses the full-text and trigram indexes for searches rather than reading a whole
    table; at national size that makes a search four times faster."""
    config: dict[str, object] = dict(env.db_url_config(url))
    cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    options = dict(config.get("OPTIONS") or {})  # type: ignore[call-overload]
    options["options"] = f"{options.get('options', '')} -c random_page_cost={cost}".strip()
    config["OPTIONS"] = options
    return config
