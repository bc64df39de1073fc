"""The QI champion register: a champion's entry and the commitments of their time.

`ChampionCommitment` is the seam for anything that assigns a champion's hours (facilitation assignments):
create commitments only through `champions.services.commitment_create`, which applies the
capacity rule (`champions.capacity`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.versioning import version_field


class Level(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    COACH = "coach", "Coach"
    EXPERT = "expert", "Expert"
    FACULTY = "faculty", "Faculty / trainer"


class Method(models.TextChoices):
    MODEL_FOR_IMPROVEMENT = "model_for_improvement", "Model for Improvement / PDSA"
    QSIR = "qsir", "QSIR"
    LEAN = "lean", "Lean"
    PROCESS_MAPPING = "process_mapping", "Process mapping"
    MEASUREMENT_SPC = "measurement_spc", "Measurement and SPC"
    DESIGN_THINKING = "design_thinking", "Design thinking"
    HUMAN_FACTORS = "human_factors", "Human factors"
    CO_PRODUCTION = "co_production", "Co-production"
    LARGE_SCALE_CHANGE = "large_scale_change", "Large-scale change"
    SYSTEM_COACHING = "system_coaching", "System improvement coaching"
    FACILITATION = "facilitation", "Facilitation"


class Champion(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        RETIRED = "retired", "Retired"

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="champion")
    organisation = models.ForeignKey(
        "community.Organisation", on_delete=models.PROTECT, related_name="champions"
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    methods = ArrayField(models.CharField(max_length=40, choices=Method.choices), default=list, blank=True)
    topics = models.ManyToManyField("community.SystemPriority", blank=True, related_name="champions")
    places = models.ManyToManyField("community.Place", blank=True, related_name="champions")
    offer = models.TextField(
        "what they offer", blank=True, help_text="The help they can give, in their own words."
    )
    hours_per_month = models.DecimalField(
        "agreed hours per month",
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("160"))],
    )
    capacity_start = models.DateField("capacity agreed from", null=True, blank=True)
    capacity_end = models.DateField("capacity agreed until", null=True, blank=True)
    capacity_agreed_by = models.CharField(
        "line manager who agreed it", max_length=200, blank=True, help_text="Name and job title."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    status_reason = models.TextField(blank=True)
    consent_to_list = models.BooleanField("consents to be listed", default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    training_evidence = models.TextField(
        "training that backs the level",
        blank=True,
        help_text="Programmes completed and when (e.g. “QSIR Practitioner, 2024”).",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="champion_nominations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = version_field()

    class Meta:
        ordering = ["person__first_name", "person__last_name"]
        indexes = [
            models.Index(fields=["status", "consent_to_list"]),
            # The register lists the most recently changed first: walked, not sorted.
            models.Index(fields=["-updated_at", "id"], name="champion_changed_idx"),
            # The directory filtered by level counts the listed champions of that level only: a third of
            # them for coaches, where the index above walked every listed champion (22 -> 13 ms).
            models.Index(
                fields=["level"],
                name="champion_listed_level_idx",
                condition=models.Q(status="active", consent_to_list=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity_end__isnull=True)
                | models.Q(capacity_start__isnull=True)
                | models.Q(capacity_end__gte=models.F("capacity_start")),
                name="champion_capacity_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.display_name} ({self.get_level_display().lower()})"

    @property
    def is_listed(self) -> bool:
        """Shown to staff in the directory and the API."""
        return self.status == self.Status.ACTIVE and self.consent_to_list and self.person.is_active

    def method_labels(self) -> list[str]:
        labels = dict(Method.choices)
        return [labels.get(m, m) for m in self.methods]


class ChampionCommitment(models.Model):
    """Hours per month of a champion's time committed to something, over a period.

    `source` names what committed it ("facilitation", "register") and `source_ref` its id there, so the
    facilitation app can keep one commitment per assignment without this app knowing its models.
    """

    champion = models.ForeignKey(Champion, on_delete=models.CASCADE, related_name="commitments")
    hours_per_month = models.DecimalField(max_digits=5, decimal_places=1)
    start = models.DateField()
    end = models.DateField()
    title = models.CharField(max_length=200, help_text="What the time is for, as the champion sees it.")
    source = models.CharField(max_length=40, default="register")
    source_ref = models.CharField(max_length=64, blank=True)
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="commitment_period_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_month__gt=0), name="commitment_hours_positive"
            ),
        ]
        indexes = [models.Index(fields=["champion", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.title}: {self.hours_per_month} h/month"
