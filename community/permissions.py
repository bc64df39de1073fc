"""Object rules of the community app (loaded at start-up by core's autodiscovery)."""

from community.champions import permissions as champions  # noqa: F401
