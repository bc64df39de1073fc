"""The API's default permission: the route access table (core.access), with DRF's session or token user.

Kept apart from core.api because DRF imports it while `rest_framework.views` is still loading.
"""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from core.access import access_for


class RouteAccessPermission(permissions.BasePermission):
    """Routes missing from the table are refused, as pages are. Object rules stay in each view."""

    message = "You do not have permission to use this endpoint."

    def has_permission(self, request: Request, view: Any) -> bool:
        match = request.resolver_match
        access = access_for(match.view_name) if match else None
        if access is None:
            return False
        return access.allows(request.user)
