"""`/api/v1/`: one router for every app's viewsets, the OpenAPI schema, and the access rules for both.

Each app's `api.py` may declare `router_routes` (prefix, viewset, basename), extra `urlpatterns` and an
`access` dict keyed by route name; they are gathered here so the access table sees them in one module.
"""

from importlib import import_module
from importlib.util import find_spec

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from core.access import SIGNED_IN, Access

PORTAL_APPS = [
    "community",
    "together",
    "projects",
    "projects.measurement",
    "training",
    "champions",
    "facilitation",
    "governance",
]


class PortalRouter(DefaultRouter):
    """Object routes take numeric ids only: `/api/v1/champions/abc/` is not found rather than a server
    error from the database."""

    def get_lookup_regex(self, viewset: type, lookup_prefix: str = "") -> str:
        if (
            getattr(viewset, "lookup_value_regex", None) is None
            and getattr(viewset, "lookup_field", "pk") == "pk"
        ):
            return f"(?P<{lookup_prefix}pk>[0-9]+)"
        return super().get_lookup_regex(viewset, lookup_prefix)


router = PortalRouter()
urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
access: dict[str, Access] = {"api-root": SIGNED_IN, "schema": SIGNED_IN}

for app in PORTAL_APPS:
    if find_spec(f"{app}.api") is None:
        continue
    module = import_module(f"{app}.api")
    for prefix, viewset, basename in getattr(module, "router_routes", []):
        router.register(prefix, viewset, basename=basename)
    urlpatterns += getattr(module, "urlpatterns", [])
    access.update(getattr(module, "access", {}))

urlpatterns += router.urls
