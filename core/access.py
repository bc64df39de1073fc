"""Route access: one table, built from every urls module, that says who may reach each named route.

Each urls module declares `access = {"route_name": SIGNED_IN, ...}` beside its `urlpatterns`. The table
is the union of these, keyed by the full view name (`projects:detail`). `RouteAccessMiddleware` enforces
it for pages and `core.api_permissions.RouteAccessPermission` for the API, so a route nobody declared is
refused (deny by default), and `tests/core/test_route_access.py` walks every route and role against it.

Route access is the first gate only: views still check the object (`core.permissions.can`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

from core.roles import Role, has_role, roles_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Access:
    kind: str  # "public", "signed_in", "roles" or "delegated"
    roles: frozenset[Role] = field(default_factory=frozenset)
    note: str = ""

    def allows(self, user: Any) -> bool:
        if self.kind in ("public", "delegated"):
            return True
        if not roles_of(user):
            return False
        if self.kind == "signed_in":
            return True
        return has_role(user, *self.roles)

    def describe(self) -> str:
        if self.kind == "roles":
            return "roles: " + ", ".join(sorted(r.label for r in self.roles))
        return self.kind.replace("_", " ") + (f" ({self.note})" if self.note else "")


PUBLIC = Access("public")
SIGNED_IN = Access("signed_in")


def roles(*allowed: Role) -> Access:
    return Access("roles", frozenset(allowed))


def delegated(note: str) -> Access:
    """The framework behind the route checks access itself (Django's admin site checks `is_staff`)."""
    return Access("delegated", note=note)


ADMINS = roles(Role.COMMUNITY_ADMIN)
STEERING = roles(Role.STEERING_GROUP, Role.COMMUNITY_ADMIN)
BOARD = roles(Role.IMPROVEMENT_BOARD, Role.COMMUNITY_ADMIN)


@dataclass(frozen=True)
class Route:
    name: str  # full view name, with namespaces
    pattern: str
    has_arguments: bool
    module: str


def _walk(
    resolver: URLResolver, namespace: str = "", prefix: str = "", inherited: dict[str, Access] | None = None
) -> Iterator[tuple[Route, dict[str, Access]]]:
    """Every named route with the access declarations in scope for it: its own urls module's `access`, and
    those of the modules that include it (so config/urls.py can declare rules for third-party routes)."""
    module = resolver.urlconf_module
    declared = dict(inherited or {})
    if not isinstance(module, list | tuple):
        declared.update(getattr(module, "access", {}))
    module_name = getattr(module, "__name__", "")
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, inner, prefix + str(entry.pattern), declared)
        elif isinstance(entry, URLPattern) and entry.name:
            pattern = prefix + str(entry.pattern)
            has_args = bool(entry.pattern.regex.groups)
            yield Route(f"{namespace}{entry.name}", pattern, has_args, module_name), declared


def routes() -> list[Route]:
    """Every named route, once each (a name can be reached by several patterns, e.g. format suffixes)."""
    seen: dict[str, Route] = {}
    for route, _declared in _walk(get_resolver(settings.ROOT_URLCONF)):
        seen.setdefault(route.name, route)
    return list(seen.values())


def table() -> dict[str, Access]:
    """The access table: full route name -> Access, from the `access` dicts of the urls modules."""
    return _table(settings.ROOT_URLCONF)


@cache
def _table(urlconf: str) -> dict[str, Access]:
    result: dict[str, Access] = {}
    for route, declared in _walk(get_resolver(urlconf)):
        short_name = route.name.rsplit(":", 1)[-1]
        access = declared.get(route.name) or declared.get(short_name) or _prefix_rule(declared, route.name)
        if access is not None:
            result.setdefault(route.name, access)
    return result


def _prefix_rule(declared: dict[str, Access], name: str) -> Access | None:
    """`"admin:*"`-style entries cover a whole namespace that a third-party package owns."""
    for key, access in declared.items():
        if key.endswith("*") and name.startswith(key[:-1]):
            return access
    return None


def access_for(view_name: str) -> Access | None:
    return table().get(view_name)


def is_api(view_name: str) -> bool:
    return view_name.startswith("api:")


class RouteAccessMiddleware:
    """Refuse any page whose route is not in the table or whose rule the user does not meet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name and is_api(view_name):
            return None  # the API's permission class applies the same table to session and token users
        access = access_for(view_name) if view_name else None
        if access is None:
            logger.error("No access rule for route %r (%s); refusing", view_name, request.path)
            if settings.DEBUG:
                raise PermissionDenied(
                    f"No access rule is declared for the route {view_name or request.path!r}"
                )
            raise PermissionDenied
        if access.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
