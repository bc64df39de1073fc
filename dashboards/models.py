"""The dashboard machinery's records: the last good build of each dashboard per filter set, and the
rebuilds people asked for. Created as governance's tables and moved here (same rows; see migrations)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DashboardSnapshot(models.Model):
    """The last good build of one dashboard for one set of parameters (filters).

    A failed rebuild records its error and attempt time but leaves `data` and `built_at` alone, so pages
    keep showing the last good figures with a warning.
    """

    class Status(models.TextChoices):
        OK = "ok", "Up to date"
        FAILED = "failed", "Last rebuild failed"
        PENDING = "pending", "Not built yet"

    dashboard = models.CharField(max_length=60)
    params_key = models.CharField(max_length=200, help_text="Canonical form of the parameters.")
    parameters = models.JSONField(default=dict, blank=True)
    data = models.JSONField(null=True, blank=True)
    # What the dashboard's page draws: `data` with long charts shortened (`shape.for_page`); a tenth of the
    # size at national scale, so a page neither reads nor decodes megabytes. Null before the first build.
    page = models.JSONField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dashboard", "params_key"], name="snapshot_dashboard_params_unique"
            )
        ]
        ordering = ["dashboard", "params_key"]

    def __str__(self) -> str:
        return f"{self.dashboard} [{self.params_key or 'all'}]"


class DashboardRebuild(models.Model):
    """A rebuild someone asked for, so that its progress can be watched."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dashboards = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker claimed it (core.jobs)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Rebuild {self.pk} ({self.status})"
