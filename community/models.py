"""People, partner organisations, places and the shared taxonomy of system priorities."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A member of staff of one of the partners, signed in by email."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        "community.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    job_title = models.CharField(max_length=150, blank=True)
    place = models.ForeignKey(
        "community.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["first_name", "last_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        # Lists of people (the champion directory, the register) sort by name: walked, not sorted.
        indexes = [models.Index(fields=["first_name", "last_name", "id"], name="user_name_idx")]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.name_from(self.first_name, self.last_name, self.email)

    @staticmethod
    def name_from(first_name: str, last_name: str, email: str) -> str:
        """What `display_name` says (the full name, else the email), for people read as values."""
        return f"{first_name} {last_name}".strip() or email


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ICB = "icb", "Integrated care board"
        ACUTE_TRUST = "acute_trust", "Acute trust"
        COMMUNITY_MENTAL_HEALTH_TRUST = "community_mental_health_trust", "Community and mental health trust"
        PRIMARY_CARE = "primary_care", "Primary care / PCN"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True, help_text="For tables and charts, e.g. “GHFT”.")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    headcount = models.PositiveIntegerField(
        default=0, help_text="Staff headcount, used for the capability dosage targets."
    )
    email_domains = ArrayField(
        models.CharField(max_length=100),
        default=list,
        blank=True,
        help_text="Email domains of this organisation's staff, who may then sign up (e.g. “nhs.net”).",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Place(models.Model):
    """A node in the system's geography: system → place/locality → PCN → neighbourhood."""

    class Kind(models.TextChoices):
        SYSTEM = "system", "System"
        PLACE = "place", "Place / locality"
        PCN = "pcn", "Primary care network"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"

    LEVELS: ClassVar[dict[str, int]] = {"system": 0, "place": 1, "pcn": 2, "neighbourhood": 3}

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="place_name_kind_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id is not None:
            parent = self.parent
            assert parent is not None
            if self.LEVELS[parent.kind] >= self.LEVELS[self.kind]:
                raise ValidationError(
                    {
                        "parent": f"A {self.get_kind_display().lower()} cannot sit inside "
                        f"a {parent.get_kind_display().lower()}."
                    }
                )
        elif self.kind != self.Kind.SYSTEM:
            raise ValidationError({"parent": "Only the system itself has no parent."})


class SystemPriority(models.Model):
    """The shared taxonomy that projects, requests and champions are tagged with."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "system priorities"

    def __str__(self) -> str:
        return self.name


__all__ = ["Organisation", "Place", "SystemPriority", "User"]
