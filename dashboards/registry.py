"""Where apps register their dashboards.

    from dashboards.registry import register

    register("capability", build_capability, title="Capability", sources=["training.record"])

A builder takes the parameters (a dict with any of "organisation", "place", "period"; see
`dashboards.params`) and returns a JSON-able dict in the shape `dashboards.shape`
checks: headline figures, and charts each made of a data table and how to draw it. Builders read the
database; they run only in the rebuild task, never while a page is being drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Builder = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Dashboard:
    key: str
    build: Builder
    title: str
    sources: tuple[str, ...] = ()
    description: str = ""
    filters: tuple[str, ...] = ("organisation", "place", "period")
    order: int = 100
    public_summary: bool = False  # headline figures shown to all staff on the summary page
    extra: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, Dashboard] = {}


def register(
    key: str,
    build: Builder,
    *,
    title: str,
    sources: Iterable[str] = (),
    description: str = "",
    filters: Iterable[str] = ("organisation", "place", "period"),
    order: int = 100,
    public_summary: bool = False,
) -> Dashboard:
    """Register (or re-register, e.g. on reload) the builder for a dashboard key."""
    dashboard = Dashboard(
        key=key,
        build=build,
        title=title,
        sources=tuple(sources),
        description=description,
        filters=tuple(filters),
        order=order,
        public_summary=public_summary,
    )
    _REGISTRY[key] = dashboard
    return dashboard


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def get(key: str) -> Dashboard | None:
    return _REGISTRY.get(key)


def all_dashboards() -> list[Dashboard]:
    return sorted(_REGISTRY.values(), key=lambda d: (d.order, d.title))


def keys_for(key_or_source: str) -> list[str]:
    """Dashboard keys affected by a change: the key itself, or every dashboard that reads the source."""
    if key_or_source in _REGISTRY:
        return [key_or_source]
    return sorted(d.key for d in _REGISTRY.values() if key_or_source in d.sources)
