"""Facilitation requests, the prioritisation framework, scores, decisions and the audit of status moves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.versioning import version_field
from facilitation import choices
from facilitation.status import STATUS_LABELS, TRIAGE, Status

STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in Status]


class FacilitationRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitation_requests"
    )
    title = models.CharField(max_length=200)
    team = models.CharField(max_length=200)
    organisations = models.ManyToManyField("community.Organisation", related_name="facilitation_requests")
    place = models.ForeignKey(
        "community.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    challenge = models.TextField()
    aim = models.TextField()
    related_project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitation_requests",
        help_text="The registered project this request is for, if any.",
    )
    system_priority = models.ForeignKey(
        "community.SystemPriority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    direction = models.CharField(max_length=10, choices=choices.DIRECTIONS)
    support_wanted = ArrayField(models.CharField(max_length=20, choices=choices.SUPPORT_WANTED), default=list)
    timescale = models.CharField(max_length=20, choices=choices.TIMESCALES)
    success_factors = ArrayField(
        models.CharField(max_length=20, choices=choices.SUCCESS_FACTORS), default=list, blank=True
    )
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.DRAFT, db_index=True)
    priority_score = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    support_level = models.CharField(max_length=20, choices=choices.SUPPORT_LEVELS, blank=True)
    review_date = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="What the work achieved, recorded on closing.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Each list of one status is walked in its order for a page, not sorted whole: the queue by
            # score (unscored last) then age, or by age alone; deferred by review date; returned newest
            # first; triage (two statuses) oldest first.
            models.Index(
                "status",
                models.F("priority_score").desc(nulls_last=True),
                "submitted_at",
                "id",
                name="request_queue_score_idx",
            ),
            models.Index(fields=["status", "submitted_at", "id"], name="request_queue_age_idx"),
            models.Index(fields=["status", "review_date", "submitted_at"], name="request_review_idx"),
            models.Index(fields=["status", "-updated_at"], name="request_updated_idx"),
            models.Index(
                fields=["submitted_at"],
                condition=models.Q(status__in=sorted(s.value for s in TRIAGE)),
                name="request_triage_idx",
            ),
            # The portfolio lists every request past draft, newest first: walked, not sorted.
            models.Index(fields=["-submitted_at", "-id"], name="request_submitted_idx"),
            models.Index(fields=["-created_at", "-id"], name="request_created_idx"),  # the API's order
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]

    @property
    def success_factor_count(self) -> int:
        return choices.success_factor_count(self.success_factors)

    def success_factor_items(self) -> list[tuple[str, bool]]:
        return [(label, key in self.success_factors) for key, label in choices.SUCCESS_FACTORS]

    def support_wanted_labels(self) -> list[str]:
        return [choices.label(choices.SUPPORT_WANTED, k) for k in self.support_wanted]


class Transition(models.Model):
    """One move of a request's status: who, when, from, to and why. Shown on the request."""

    request = models.ForeignKey(FacilitationRequest, on_delete=models.CASCADE, related_name="transitions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class FrameworkVersion(models.Model):
    """One version of the prioritisation framework. Editing the criteria makes a new version."""

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True, help_text="What changed and why.")

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Version {self.number}"


class Criterion(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0.1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="criterion_name_per_version")]

    def __str__(self) -> str:
        return self.name


class ScoreSheet(models.Model):
    """One steering group member's scores for one request, under the framework version they scored with."""

    request = models.ForeignKey(FacilitationRequest, on_delete=models.CASCADE, related_name="score_sheets")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(max_digits=4, decimal_places=2)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scored_at"]
        constraints = [models.UniqueConstraint(fields=["request", "scorer"], name="one_sheet_per_scorer")]

    def __str__(self) -> str:
        return f"{self.scorer} on {self.request}: {self.score}"


class CriterionScore(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(validators=[MaxValueValidator(3)])
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_value_per_criterion"),
            models.CheckConstraint(condition=models.Q(value__lte=3), name="criterion_score_0_to_3"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Meeting(models.Model):
    """A steering group meeting that walks the queue; decisions made in it point here."""

    held_on = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title or f"Steering group, {self.held_on:%-d %B %Y}"


class Decision(models.Model):
    request = models.ForeignKey(FacilitationRequest, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=10, choices=choices.OUTCOMES)
    support_level = models.CharField(max_length=20, choices=choices.SUPPORT_LEVELS, blank=True)
    rationale = models.TextField(blank=True, help_text="The requester sees this.")
    review_date = models.DateField(null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    score_at_decision = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.request}"

    def describe(self) -> dict[str, Any]:
        return {"outcome": self.get_outcome_display(), "support_level": self.get_support_level_display()}


class Assignment(models.Model):
    """A champion's hours per month over a period on an accepted request.

    The hours count against the champion's agreed capacity through the champion register's commitment
    (champions.services.commitment_create), which this row points to.
    """

    request = models.ForeignKey(FacilitationRequest, on_delete=models.CASCADE, related_name="assignments")
    champion = models.ForeignKey("champions.Champion", on_delete=models.PROTECT, related_name="assignments")
    commitment = models.OneToOneField(
        "champions.ChampionCommitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hours_per_month = models.DecimalField(max_digits=5, decimal_places=1)
    start = models.DateField()
    end = models.DateField()
    override_reason = models.TextField(blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.champion} on {self.request}: {self.hours_per_month} h/month"

    @property
    def is_active(self) -> bool:
        return self.released_at is None
