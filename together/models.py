"""Comments, follows, activity and notifications, each attached to any subject by content type."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    MENTION = "mention", "Someone mentions you"
    COMMENT = "comment", "Comments on what you follow"
    ACTIVITY = "activity", "Changes to what you follow"
    DATA_DUE = "data_due", "Data due on your projects' measures"


class Delivery(models.TextChoices):
    EMAIL = "email", "By email straight away"
    DIGEST = "digest", "In a weekly email digest"
    PORTAL = "portal", "In the portal only"


DEFAULT_DELIVERY = {
    Kind.MENTION: Delivery.EMAIL,
    Kind.COMMENT: Delivery.DIGEST,
    Kind.ACTIVITY: Delivery.DIGEST,
    Kind.DATA_DUE: Delivery.DIGEST,
}


class Comment(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removal_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="comment_subject_idx")
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author}"


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="together_follow_once")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_target_idx")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.content_type.model} {self.object_id}"


class Activity(models.Model):
    """Something that happened to a subject, as a sentence: "Jo Bloggs added a progress note"."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(max_length=300)
    title = models.CharField(max_length=200, help_text="The subject's title when it happened.")
    url = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="activity_subject_idx")]

    def __str__(self) -> str:
        return self.text


class Notification(models.Model):
    """One thing to tell one person, once: `key` names the event, so a retried task or a second run
    never makes a second notification (or a second email) for it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="together_notification_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.text


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="together_preference_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"


class DigestSent(models.Model):
    """The weekly digest sent to one person for one week: at most one, whatever the retries."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week the digest covers up to.")
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="together_digest_once_a_week")]

    def __str__(self) -> str:
        return f"Digest for {self.user}, week of {self.week}"
