"""Stored snapshots in the admin, read-only: the rebuilds write them."""

from __future__ import annotations

from django.contrib import admin

from core.admin_audit import ReadOnlyModelAdmin
from dashboards.models import DashboardSnapshot


@admin.register(DashboardSnapshot)
class DashboardSnapshotAdmin(ReadOnlyModelAdmin):
    list_display = ["dashboard", "params_key", "status", "built_at", "duration_ms"]
    list_filter = ["dashboard", "status"]
    exclude = ["data"]
