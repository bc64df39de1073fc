"""Governance models: governance bodies and meetings, the capability self-assessment,
the delivery plan and board packs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from governance import plan


class GovernanceBody(models.Model):
    """The steering group or the improvement board; its members hold the matching role."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", "Steering group"
        IMPROVEMENT_BOARD = "improvement_board", "Improvement board"

    kind = models.CharField(max_length=30, choices=Kind.choices, unique=True)
    name = models.CharField(max_length=120)
    purpose = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice chair"
        MEMBER = "member", "Member"
        SECRETARY = "secretary", "Secretary"

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="body_seats")
    position = models.CharField(max_length=20, choices=Position.choices, default=Position.MEMBER)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "user"], name="body_member_unique")]
        ordering = ["body", "position", "user__first_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_position_display()}, {self.body})"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    body = models.ForeignKey(GovernanceBody, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    title = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d %b %Y})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    presenter = models.CharField(max_length=120, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A decision recorded at a meeting. `source` optionally points at what it decided (for example a
    facilitation request's decision), so other apps' decisions appear in the meeting's record."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    text = models.TextField()
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class AssessmentComponent(models.Model):
    """One of the six components of improvement capability."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class AssessmentQuestion(models.Model):
    component = models.ForeignKey(AssessmentComponent, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["component__order", "order"]
        constraints = [models.UniqueConstraint(fields=["component", "text"], name="question_text_unique")]

    def __str__(self) -> str:
        return self.text


class Assessment(models.Model):
    title = models.CharField(max_length=200)
    assessed_on = models.DateField(unique=True)
    summary = models.TextField(blank=True)
    rating = models.CharField(max_length=30, blank=True)
    overall_score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on"]

    def __str__(self) -> str:
        return self.title


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AssessmentQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.score}"


class Recommendation(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="recommendations")
    component = models.ForeignKey(AssessmentComponent, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    action = models.ForeignKey(
        "DeliveryAction", null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )

    class Meta:
        ordering = ["component__order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class DeliveryAction(models.Model):
    """An action in the delivery plan, under one of the seven strands of LEAD, ENABLE and ENERGISE."""

    class Strand(models.TextChoices):
        CONVENE = "convene", "Convene"
        INTEGRATE = "integrate", "Integrate"
        LEARN = "learn", "Learn"
        FACILITATE = "facilitate", "Facilitate"
        CONNECT = "connect", "Connect"
        COLLABORATE = "collaborate", "Collaborate"
        CELEBRATE = "celebrate", "Celebrate"

    class Rag(models.TextChoices):
        RED = "red", "Red"
        AMBER = "amber", "Amber"
        GREEN = "green", "Green"
        COMPLETE = "complete", "Complete"

    strand = models.CharField(max_length=20, choices=Strand.choices)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField()
    rag = models.CharField(max_length=10, choices=Rag.choices, default=Rag.GREEN)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["strand", "title"], name="delivery_action_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def current_rag(self) -> str:
        """The RAG shown and counted: an action past its due date is amber, or red when long overdue."""
        return plan.rag_on(self.rag, self.due_on, timezone.localdate())

    @property
    def current_rag_label(self) -> str:
        label = self.Rag(self.current_rag).label
        return f"{label} (overdue)" if self.current_rag != self.rag else label


class ProgressNote(models.Model):
    action = models.ForeignKey(DeliveryAction, on_delete=models.CASCADE, related_name="notes")
    written_on = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    rag = models.CharField(max_length=10, choices=DeliveryAction.Rag.choices)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self) -> str:
        return self.text[:80]


class BoardPack(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Building"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    step = models.CharField(max_length=120, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    xlsx = models.BinaryField(null=True, blank=True)
    # The headline figures the pack printed, by dashboard, so that the next pack can show the change.
    figures = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker claimed it (core.jobs)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return self.title
