"""Training providers (faculties), their programmes and cohorts, the people trained and their records."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from training.ladder import LEVEL_LABELS, Level, Status


class Provider(models.Model):
    """A QI faculty: a trust's academy or hub, the system's QSIR faculty, a national programme."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    organisation = models.ForeignKey(
        "community.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_providers",
        help_text="The partner that runs it; blank for a system-wide or national faculty.",
    )
    description = models.TextField(blank=True)
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="FacultyAdmin", related_name="faculties", blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class FacultyAdmin(models.Model):
    """A user who runs a faculty: imports its records, manages its cohorts' registers. Community admins
    add these in the admin site."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="faculty_admins")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "user"], name="faculty_admin_unique")]
        verbose_name = "faculty admin"

    def __str__(self) -> str:
        return f"{self.user} ({self.provider})"


class Programme(models.Model):
    class Strand(models.TextChoices):
        IMPROVEMENT = "improvement", "Quality improvement"
        HUMAN_FACTORS = "human_factors", "Human factors"

    class Mode(models.TextChoices):
        FACE_TO_FACE = "face_to_face", "Face to face"
        VIRTUAL = "virtual", "Virtual"
        BLENDED = "blended", "Blended"
        E_LEARNING = "e_learning", "E-learning"

    LEVEL_CHOICES: ClassVar[list[tuple[str, str]]] = [(level.value, LEVEL_LABELS[level]) for level in Level]

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(max_length=200)
    code = models.CharField(
        max_length=40, blank=True, help_text="The short name faculties' spreadsheets use, e.g. “Bronze”."
    )
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    strand = models.CharField(max_length=20, choices=Strand.choices, default=Strand.IMPROVEMENT)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.FACE_TO_FACE)
    competent_improver = models.BooleanField(
        default=False, help_text="Completing it makes someone a competent improver."
    )
    summary = models.TextField(blank=True)
    duration = models.CharField(max_length=100, blank=True, help_text="e.g. “1 day”, “6 half days”")
    hours = models.PositiveIntegerField(default=0, help_text="Roughly how many hours it takes in all.")
    audience = models.CharField(max_length=200, blank=True, help_text="Who it is for.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["provider__name", "name"]
        constraints = [models.UniqueConstraint(fields=["provider", "name"], name="programme_name_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider.label})"

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[Level(self.level)]


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=100, help_text="e.g. “Spring 2026”")
    starts_on = models.DateField()
    ends_on = models.DateField()
    mode = models.CharField(
        max_length=20, choices=Programme.Mode.choices, default=Programme.Mode.FACE_TO_FACE
    )
    venue = models.CharField(max_length=200, blank=True, help_text="Blank when it is online.")
    capacity = models.PositiveIntegerField(default=20)
    open_for_booking = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_on", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique")]

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"


class Trainee(models.Model):
    """A person who has had training: one per normalised email, linked to their account when they have one."""

    email = models.EmailField(unique=True, help_text="Normalised: trimmed and lower-case.")
    name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        "community.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="trainees"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="trainee"
    )

    class Meta:
        ordering = ["name", "email"]
        indexes = [models.Index(Lower("name"), name="trainee_name_idx")]

    def __str__(self) -> str:
        return self.name or self.email


class ImportBatch(models.Model):
    class State(models.TextChoices):
        UPLOADED = "uploaded", "Waiting for its columns to be matched"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        INVALID = "invalid", "Not imported: some rows have problems"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="training/imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    columns = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.UPLOADED)
    stage = models.CharField(max_length=100, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    error_report = models.FileField(upload_to="training/import-errors/%Y/%m/", blank=True)
    first_errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)  # when a worker claimed it (core.jobs)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.filename} ({self.provider.label}, {self.uploaded_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.INVALID, self.State.DONE, self.State.FAILED)


class TrainingRecord(models.Model):
    class Source(models.TextChoices):
        IMPORT = "import", "Import"
        BOOKING = "booking", "Booking"
        FORM = "form", "Form or API"
        DEMO = "demo", "Demo data"

    STATUS_CHOICES: ClassVar[list[tuple[str, str]]] = [(s.value, s.label) for s in Status]

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="records")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="records")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=Status.BOOKED)
    completed_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            # One record per person per programme: re-imports update it instead of adding another.
            models.UniqueConstraint(fields=["programme", "trainee"], name="record_programme_trainee_unique")
        ]
        indexes = [
            models.Index(fields=["status", "completed_on"], name="record_status_done_idx"),
            # The records list's default order, so a page of the latest records needs no sort of them all.
            models.Index(fields=["-completed_on", "-id"], name="record_recent_idx"),
            # The latest change, so cached figures know in an instant whether records have changed.
            models.Index(fields=["updated_at"], name="record_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} – {self.programme.name}"  # noqa: RUF001


class Interest(models.Model):
    """Someone who would like a programme that has no cohort open yet."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="interests")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "programme"], name="interest_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"  # noqa: RUF001


class ImproverTarget(models.Model):
    """For example “200 more competent improvers this year”, for the system (no organisation) or one
    partner."""

    organisation = models.ForeignKey(
        "community.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    count = models.PositiveIntegerField(help_text="How many new competent improvers in the period.")

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "starts_on", "ends_on"],
                name="improver_target_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        who = self.organisation.label if self.organisation else "System"
        return f"{who}: {self.count} competent improvers {self.starts_on:%Y-%m-%d} to {self.ends_on:%Y-%m-%d}"
