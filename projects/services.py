"""Writes to the project register. Pages, the API and admin actions all call these.

Each function checks the actor may do it (core.permissions), validates with field messages, saves in a
transaction and records an audit entry with what changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from community.models import User
from core.audit import audit_record, changes_between, snapshot
from core.permissions import require
from core.uploads import JPEG, PDF, PNG, check_upload
from core.versioning import claim_version
from projects import portfolio_dashboard, rules
from projects.models import (
    PROGRESS_SCORES,
    Attachment,
    Benefit,
    Celebration,
    Project,
    ProjectUpdate,
    Tag,
    TeamMember,
)
from together import services as activity

SCALAR_FIELDS = (
    "title",
    "problem",
    "aim",
    "how_we_will_know",
    "change_ideas",
    "status",
    "progress_score",
    "start_date",
    "end_date",
    "co_production",
    "health_inequalities",
    "results",
    "learning",
)
RELATED_FIELDS = ("organisations", "places", "priorities", "methods")
ATTACHMENT_KINDS = [PDF, PNG, JPEG]
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _validate(project: Project) -> None:
    problems: dict[str, str] = {}
    if not project.title.strip():
        problems["title"] = "Enter a title for the project"
    if project.start_date and project.end_date and project.end_date < project.start_date:
        problems["end_date"] = "The end date must be the same as or after the start date"
    if not rules.valid_progress_score(project.progress_score):
        problems["progress_score"] = "Choose a progress score between 0.5 and 5.0"
    problems.update(
        rules.closing_problems(status=project.status, results=project.results, learning=project.learning)
    )
    problems.update(rules.score_problems(status=project.status, progress_score=project.progress_score))
    if problems:
        raise ValidationError(problems)


def tags_from_text(text: str) -> list[str]:
    """ "falls, Frailty;  virtual wards" -> ["falls", "Frailty", "virtual wards"] (first spelling wins)."""
    seen: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        name = " ".join(part.split())[:60]
        if name:
            seen.setdefault(name.lower(), name)
    return list(seen.values())


def _tags(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    return tags


def _apply(project: Project, values: Mapping[str, Any]) -> None:
    for name in SCALAR_FIELDS:
        if name in values:
            value = values[name]
            setattr(project, name, value.strip() if isinstance(value, str) else value)
    if values.get("lead") is not None:
        project.lead = values["lead"]


def _save_related(project: Project, values: Mapping[str, Any]) -> None:
    for name in RELATED_FIELDS:
        if name in values:
            getattr(project, name).set(values[name] or [])
    if "tags" in values:
        names = values["tags"]
        project.tags.set(_tags(tags_from_text(names) if isinstance(names, str) else names))


def _ensure_lead_membership(project: Project, previous_lead_id: int | None = None) -> None:
    if previous_lead_id and previous_lead_id != project.lead_id:
        TeamMember.objects.filter(
            project=project, user_id=previous_lead_id, role=TeamMember.Role.LEAD
        ).update(role=TeamMember.Role.MEMBER)
    TeamMember.objects.update_or_create(
        project=project, user=project.lead, defaults={"role": TeamMember.Role.LEAD}
    )


@transaction.atomic
def project_create(*, actor: User, values: Mapping[str, Any], publish: bool = False) -> Project:
    """A new project, led by `values["lead"]` or else the actor, saved as a draft unless `publish`."""
    require(actor, "project.create")
    project = Project(lead=values.get("lead") or actor, created_by=actor)
    _apply(project, values)
    _validate(project)
    if publish:
        _require_publishable(project, organisations=len(values.get("organisations") or ()))
    now = timezone.now()
    project.created_at = project.updated_at = now
    if publish:
        project.published_at = now
    project.save()
    _save_related(project, values)
    _ensure_lead_membership(project)
    audit_record(
        actor=actor,
        obj=project,
        action="created",
        changes=changes_between({}, snapshot(project, rules.AUDITED_FIELDS)),
        message="Published" if publish else "Saved as a draft",
    )
    return project


@transaction.atomic
def project_update(
    *, actor: User, project: Project, values: Mapping[str, Any], expected_version: int | None = None
) -> Project:
    """Save an edit; `expected_version` is the version the person opened (core.versioning)."""
    require(actor, "project.edit", project)
    claim_version(project, expected_version, noun="project")
    # Compare with what is stored: a bound form may already have changed the instance in memory.
    stored = Project.objects.select_related("lead").get(pk=project.pk)
    before = snapshot(stored, rules.AUDITED_FIELDS)
    previous_lead_id = stored.lead_id
    _apply(project, values)
    _validate(project)
    project.updated_at = timezone.now()
    project.save()
    _save_related(project, values)
    if project.lead_id != previous_lead_id:
        _ensure_lead_membership(project, previous_lead_id)
    changes = changes_between(before, snapshot(project, rules.AUDITED_FIELDS))
    if changes:
        audit_record(actor=actor, obj=project, action="updated", changes=changes)
    return project


def _require_publishable(project: Project, *, organisations: int) -> None:
    missing = rules.missing_for_publication(
        problem=project.problem or "",
        aim=project.aim or "",
        has_lead=project.lead_id is not None,
        organisations=organisations,
    )
    if missing:
        raise ValidationError(missing)


def _lock_publication(project: Project) -> None:
    """Lock the project's row and read whether it is published now, so that two clicks audit one change."""
    project.published_at = (
        Project.objects.select_for_update().values_list("published_at", flat=True).get(pk=project.pk)
    )


@transaction.atomic
def project_publish(*, actor: User, project: Project) -> Project:
    require(actor, "project.publish", project)
    _lock_publication(project)
    if project.published_at is None:
        _require_publishable(project, organisations=project.organisations.count())
        project.published_at = project.updated_at = timezone.now()
        project.save(update_fields=["published_at", "updated_at"])
        audit_record(actor=actor, obj=project, action="published")
    return project


@transaction.atomic
def project_unpublish(*, actor: User, project: Project) -> Project:
    """Back to a draft that only the team and admins see."""
    require(actor, "project.publish", project)
    _lock_publication(project)
    if project.published_at is not None:
        project.published_at = None
        project.updated_at = timezone.now()
        project.save(update_fields=["published_at", "updated_at"])
        audit_record(actor=actor, obj=project, action="unpublished", message="Returned to draft")
    return project


@transaction.atomic
def team_member_add(*, actor: User, project: Project, user: User, role: str) -> TeamMember:
    """Add someone to the team, or change their role. The lead is changed by editing the project."""
    require(actor, "project.edit", project)
    if role not in TeamMember.Role.values or role == TeamMember.Role.LEAD:
        raise ValidationError({"role": "Choose a role: sponsor, team member, QI coach or partner"})
    if user.pk == project.lead_id:
        raise ValidationError({"user": f"{user.display_name} already leads this project"})
    if not user.is_active:
        raise ValidationError({"user": "This person's account is not active"})
    member, created = TeamMember.objects.update_or_create(project=project, user=user, defaults={"role": role})
    audit_record(
        actor=actor,
        obj=project,
        action="team_member_added" if created else "team_role_changed",
        changes={"team": {"from": None, "to": f"{user.display_name} ({member.get_role_display()})"}},
    )
    return member


@transaction.atomic
def team_member_remove(*, actor: User, project: Project, member: TeamMember) -> None:
    require(actor, "project.edit", project)
    if member.project_id != project.pk:
        raise ValidationError("This person is not on this project's team")
    if member.user_id == project.lead_id:
        raise ValidationError({"user": "Choose a new lead before removing the current one"})
    label = f"{member.user.display_name} ({member.get_role_display()})"
    member.delete()
    audit_record(
        actor=actor, obj=project, action="team_member_removed", changes={"team": {"from": label, "to": None}}
    )


@transaction.atomic
def project_update_add(
    *, actor: User, project: Project, text: str, date: datetime.date | None = None
) -> ProjectUpdate:
    """A dated progress note."""
    require(actor, "project.edit", project)
    if not text.strip():
        raise ValidationError({"text": "Enter what has happened"})
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": "The date of an update must be today or in the past"})
    update = ProjectUpdate.objects.create(project=project, author=actor, date=date, text=text.strip())
    project.updated_at = timezone.now()
    project.save(update_fields=["updated_at"])
    audit_record(
        actor=actor, obj=project, action="update_added", message=f"Progress note for {date:%-d %B %Y}"
    )
    activity.record(subject=project, actor=actor, text=f"{actor.display_name} added a progress note")
    return update


@transaction.atomic
def attachment_add(*, actor: User, project: Project, title: str, upload: UploadedFile) -> Attachment:
    """A poster or document: PDF, PNG or JPEG up to 10 MB, checked by its content."""
    require(actor, "project.edit", project)
    try:
        kind = check_upload(upload, ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    title = title.strip() or (upload.name or "Attachment").rsplit(".", 1)[0]
    attachment = Attachment(
        project=project,
        title=title[:200],
        content_type=kind.mime,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    attachment.file.save(_safe_name(upload.name or "file", kind.extensions[0]), upload, save=False)
    attachment.save()
    audit_record(
        actor=actor,
        obj=project,
        action="attachment_added",
        changes={"attachments": {"from": None, "to": title}},
    )
    return attachment


def _safe_name(name: str, extension: str) -> str:
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:80].strip("-") or "file"
    return f"{cleaned}.{extension}"


@transaction.atomic
def attachment_remove(*, actor: User, attachment: Attachment) -> None:
    project = attachment.project
    require(actor, "project.edit", project)
    title = attachment.title
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))
    audit_record(
        actor=actor,
        obj=project,
        action="attachment_removed",
        changes={"attachments": {"from": title, "to": None}},
    )


def progress_score_accept(*, actor: User, project: Project, score: Decimal) -> Project:
    """The lead accepts the portal's suggested progress score (or any score from the IHI scale)."""
    require(actor, "project.edit", project)
    if score not in {value for value, _ in PROGRESS_SCORES}:
        raise ValidationError({"progress_score": "Choose a score from the IHI scale, 0.5 to 5.0"})
    before = snapshot(project, ["progress_score"])
    project.progress_score = score
    project.updated_at = timezone.now()
    with transaction.atomic():
        project.save(update_fields=["progress_score", "updated_at"])
        audit_record(
            actor=actor,
            obj=project,
            action="changed",
            changes=changes_between(before, snapshot(project, ["progress_score"])),
            message="Accepted the suggested progress score",
        )
        activity.record(
            subject=project, actor=actor, text=f"{actor.display_name} set the progress score to {score}"
        )
    return project


BENEFIT_FIELDS = [
    "type",
    "description",
    "value",
    "unit",
    "period",
    "money_kind",
    "how_measured",
    "confidence",
]


def benefit_add(*, actor: User, project: Project, values: Mapping[str, Any]) -> Benefit:
    """A benefit the project achieved (projects.impact rolls them up like with like)."""
    require(actor, "project.edit", project)
    benefit = Benefit(project=project, recorded_by=actor, **{f: values.get(f, "") for f in BENEFIT_FIELDS})
    benefit.unit = " ".join(str(benefit.unit).split())
    benefit.full_clean(exclude=["project", "recorded_by"])
    with transaction.atomic():
        benefit.save()
        audit_record(
            actor=actor, obj=project, action="benefit_added", message=f"Benefit: {benefit.description}"
        )
    portfolio_dashboard.benefits_changed()
    return benefit


def benefit_remove(*, actor: User, benefit: Benefit) -> None:
    require(actor, "project.edit", benefit.project)
    with transaction.atomic():
        audit_record(
            actor=actor,
            obj=benefit.project,
            action="benefit_removed",
            message=f"Benefit: {benefit.description}",
        )
        benefit.delete()
    portfolio_dashboard.benefits_changed()


def project_nominate(*, actor: User, project: Project, reason: str) -> Celebration:
    """Nominate a completed, spreading or sustaining project for the showcase (once per project)."""
    require(actor, "project.nominate", project)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the project deserves celebrating"})
    if Celebration.objects.filter(project=project).exists():
        raise ValidationError({"reason": "This project has been nominated already"})
    with transaction.atomic():
        celebration = Celebration.objects.create(project=project, nominated_by=actor, reason=reason.strip())
        audit_record(actor=actor, obj=project, action="nominated", message="Nominated for the showcase")
        activity.record(
            subject=project, actor=actor, text=f"{actor.display_name} nominated it for the showcase"
        )
    return celebration


def project_celebrate(*, actor: User, celebration: Celebration, award: str) -> Celebration:
    """Admins award the badge: on the project, in the showcase and on its team's profiles."""
    require(actor, "project.celebrate", celebration.project)
    if not award.strip():
        raise ValidationError({"award": "Name the award, for example “Showcase 2026”"})
    with transaction.atomic():
        celebration.award, celebration.celebrated_by = award.strip()[:100], actor
        celebration.celebrated_at = timezone.now()
        celebration.save(update_fields=["award", "celebrated_by", "celebrated_at"])
        audit_record(actor=actor, obj=celebration.project, action="celebrated", message=celebration.award)
        activity.record(subject=celebration.project, actor=actor, text=f"Celebrated: {celebration.award}")
    return celebration
