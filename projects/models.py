"""The improvement project register: projects, their teams, progress notes, attachments, methods and tags.

Measurement (PDSA cycles, measures and data points) hangs off `Project` from its own models.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from core.versioning import version_field
from projects import impact

SEARCH_CONFIG = "english"


class Status(models.TextChoices):
    IDEA = "idea", "Idea"
    PLANNING = "planning", "Planning"
    TESTING = "testing", "Testing changes"
    IMPLEMENTING = "implementing", "Implementing"
    SPREADING = "spreading", "Spreading"
    SUSTAINING = "sustaining", "Sustaining"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped"


# The IHI progress scale, 0.5 to 5.0 in half points.
PROGRESS_SCORES: list[tuple[Decimal, str]] = [
    (Decimal("0.5"), "0.5 Intent to participate"),
    (Decimal("1.0"), "1.0 Charter and team established"),
    (Decimal("1.5"), "1.5 Planning for the project has begun"),
    (Decimal("2.0"), "2.0 Activity, but no changes"),
    (Decimal("2.5"), "2.5 Changes tested, but no improvement"),
    (Decimal("3.0"), "3.0 Modest improvement"),
    (Decimal("3.5"), "3.5 Improvement"),
    (Decimal("4.0"), "4.0 Significant improvement"),
    (Decimal("4.5"), "4.5 Sustainable improvement"),
    (Decimal("5.0"), "5.0 Outstanding sustainable results"),
]


class Method(models.Model):
    """A method or tool a project uses: driver diagram, process map, PDSA, run chart, SPC…"""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free keyword; names are unique whatever their case."""

    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="projects_tag_name_ci_unique")]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    Status = Status

    title = models.CharField(max_length=200)
    problem = models.TextField("problem statement", blank=True)
    aim = models.TextField(
        "what are we trying to accomplish?", blank=True, help_text="What, how much, by when."
    )
    how_we_will_know = models.TextField("how will we know that a change is an improvement?", blank=True)
    change_ideas = models.TextField("what changes can we make that will result in improvement?", blank=True)
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects_led")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TeamMember", related_name="project_teams", blank=True
    )
    organisations = models.ManyToManyField("community.Organisation", related_name="projects", blank=True)
    places = models.ManyToManyField("community.Place", related_name="projects", blank=True)
    priorities = models.ManyToManyField("community.SystemPriority", related_name="projects", blank=True)
    methods = models.ManyToManyField(Method, related_name="projects", blank=True)
    tags = models.ManyToManyField(Tag, related_name="projects", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IDEA)
    progress_score = models.DecimalField(
        "IHI progress score", max_digits=2, decimal_places=1, choices=PROGRESS_SCORES, default=Decimal("0.5")
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField("end date (planned or actual)", null=True, blank=True)
    co_production = models.BooleanField("co-produced with patients, service users or carers", default=False)
    health_inequalities = models.BooleanField("addresses health inequalities", default=False)
    results = models.TextField(blank=True)
    learning = models.TextField(blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty while the project is a draft, seen only by its team."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = version_field()
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("aim", weight="B", config=SEARCH_CONFIG)
        + SearchVector("problem", "change_ideas", weight="C", config=SEARCH_CONFIG)
        + SearchVector("results", "learning", weight="D", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="project_search_idx"),
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="project_title_trgm_idx"),
            models.Index(fields=["status"], name="project_status_idx"),
            # One per sort of the register (projects.views.SORTS), so a page of 20 reads 20 rows.
            models.Index(fields=["-updated_at", "-id"], name="project_recent_idx"),
            models.Index(fields=["title", "id"], name="project_title_idx"),
            models.Index(fields=["-progress_score", "-updated_at", "-id"], name="project_score_idx"),
            models.Index(fields=["-start_date", "-id"], name="project_started_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_score__gte=Decimal("0.5"))
                & models.Q(progress_score__lte=Decimal("5.0")),
                name="project_progress_score_range",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        SPONSOR = "sponsor", "Sponsor"
        MEMBER = "member", "Team member"
        COACH = "coach", "QI coach"
        PATIENT_PARTNER = "patient_partner", "Patient or service-user partner"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="projects_teammember_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ProjectUpdate(models.Model):
    """A dated progress note."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(default=timezone.localdate)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.project} update {self.date:%Y-%m-%d}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"projects/{instance.project_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Attachment(models.Model):
    """A poster or document (PDF, PNG or JPEG), served only through a permission-checked view."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_attachment_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return str(self.file.name).rsplit("/", 1)[-1]

    def delete_file(self, **kwargs: Any) -> None:
        self.file.delete(save=False)


class Benefit(models.Model):
    """What a project achieved, by type, with how it was measured and how sure the team is. Roll-ups add
    only like with like: the same type, unit and basis (a year, or once), never pounds to hours."""

    class Type(models.TextChoices):
        PATIENT_OUTCOME = "patient_outcome", "Patient outcome"
        EXPERIENCE = "experience", "Patient or staff experience"
        SAFETY = "safety", "Safety events avoided"
        STAFF_TIME = "staff_time", "Staff time released"
        MONEY = "money", "Money saved or avoided"
        ENVIRONMENT = "environment", "Environmental"

    class Period(models.TextChoices):
        MONTH = "month", "A month"
        YEAR = "year", "A year"
        ONCE = "once", "Once (not recurring)"

    class Confidence(models.TextChoices):
        HIGH = "high", "High: measured before and after, with data"
        MEDIUM = "medium", "Medium: measured, with some estimation"
        LOW = "low", "Low: an estimate"

    class Money(models.TextChoices):
        CASH_RELEASING = "cash_releasing", "Cash-releasing: money taken out of a budget"
        NON_CASH_RELEASING = "non_cash_releasing", "Non-cash-releasing: resources freed for other work"
        COST_AVOIDANCE = "cost_avoidance", "Cost avoidance: spending that no longer happens"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="benefits")
    type = models.CharField(max_length=20, choices=Type.choices)
    description = models.CharField(max_length=200, help_text="For example, “Fewer falls with harm on Ward 4”")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    unit = models.CharField(max_length=40, help_text="For example, “falls”, “hours”, “£”, “kg CO2e”")
    period = models.CharField("how often", max_length=10, choices=Period.choices)
    how_measured = models.TextField("how it was measured")
    confidence = models.CharField(max_length=10, choices=Confidence.choices)
    money_kind = models.CharField(
        "kind of saving", max_length=20, choices=Money.choices, blank=True, help_text="For money only."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "type", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="benefit_value_positive"),
            models.CheckConstraint(
                condition=models.Q(type="money", money_kind__gt="") | ~models.Q(type="money"),
                name="benefit_money_has_a_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.description}"

    @property
    def amount(self) -> str:
        return impact.say(self.value, self.unit, impact.PERIOD_WORDS[self.period])


class Celebration(models.Model):
    """A project nominated for the showcase, and celebrated by the community's admins: a badge on the
    project, in the showcase and on its team's profiles."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="celebration")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField("why it deserves celebrating")
    nominated_at = models.DateTimeField(default=timezone.now)
    award = models.CharField(max_length=100, blank=True, help_text="For example, “Showcase 2026”.")
    celebrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    celebrated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-celebrated_at", "-nominated_at"]

    def __str__(self) -> str:
        return f"{self.project}: {self.award or 'nominated'}"


class ProjectNudge(models.Model):
    """A reminder sent to a quiet project's lead: one per quiet spell (the project's last activity), so a
    daily check that runs twice, or a retried task, never sends a second."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="nudges")
    quiet_since = models.DateTimeField(help_text="The project's last update, data or PDSA cycle.")
    suggested_score = models.DecimalField(max_digits=2, decimal_places=1)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "quiet_since"], name="projects_nudge_once_per_quiet_spell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} nudged {self.sent_at:%Y-%m-%d}"


# Measurement (PDSA cycles, measures, data points) lives in its own module; importing it registers the models.
from projects.measurement.models import DataPoint, Measure, PDSACycle  # noqa: E402, F401
