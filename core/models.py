from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """Who changed what, when: one row per change to an audited object (projects, requests, champions…)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class WorkerHeartbeat(models.Model):
    """The last time each Celery worker ran the heartbeat task; `/healthz` reports it."""

    hostname = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.hostname} at {self.seen_at:%Y-%m-%d %H:%M:%S}"


class FormSubmission(models.Model):
    """A one-time form token, claimed when a create form is posted: the same form posted again (a double
    click, a re-sent request, the back button) leads to what the first post created instead of a copy."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=300)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.path} {self.token}"


class IdempotencyKey(models.Model):
    """An API client's `Idempotency-Key` and the response its first POST got, replayed for a repeat."""

    identity = models.CharField(max_length=80)  # the signed-in user, or a digest of the credentials
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # digest of the path and body
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)  # None while in progress
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["identity", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.identity} {self.key}"
