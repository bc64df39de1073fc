"""Writes: importing faculties' spreadsheets, booking places, marking registers, registering interest.

An import is all-or-nothing: every row is checked first (training.importing) and nothing is saved unless
every row is good (`training.import_jobs` runs it; `training.import_rows` saves the rows).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.audit import audit_record
from core.notify import notify
from core.permissions import require
from core.spreadsheets import RowError, UnreadableFile, check_workbook_size, read_table
from core.tasks import enqueue
from core.uploads import CSV, XLSX, check_upload
from training import calendar, capability_dashboard, selectors
from training.import_jobs import import_run
from training.import_rows import lookups_for, save_rows
from training.importing import check_rows, guess_mapping, mapping_problems
from training.ladder import FINISHED, TAKES_A_PLACE, Status, normalise_email, places_left
from training.models import Cohort, ImportBatch, Interest, Programme, Provider, Trainee, TrainingRecord
from training.tasks import run_import

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Files bigger than this are imported by a Celery worker while the page shows progress.
INLINE_MAX_BYTES = 256 * 1024


# ---------------------------------------------------------------------------------------------- uploads


def _read_columns(handle: Any, filename: str) -> list[str]:
    handle.seek(0)
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        check_workbook_size(handle)
        sheet = load_workbook(handle, read_only=True).worksheets[0]
        first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        columns = [str(c).strip() for c in first if c is not None and str(c).strip()]
    else:
        frame = read_table(io.BytesIO(handle.read(64 * 1024).rsplit(b"\n", 1)[0] + b"\n"), filename)
        columns = list(frame.columns)
    handle.seek(0)
    return columns


def import_upload(*, actor: Any, provider: Provider, upload: UploadedFile) -> ImportBatch:
    """Keep the original file and read its column headings, ready for matching them to fields."""
    require(actor, "training.import", provider)
    try:
        check_upload(upload, [CSV, XLSX], MAX_UPLOAD_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = upload.name or "upload.csv"
    try:
        columns = _read_columns(upload, name)
    except UnreadableFile as error:
        raise ValidationError({"file": str(error)}) from error
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise ValidationError({"file": "The file could not be read as a spreadsheet"}) from error
    if not columns:
        raise ValidationError({"file": "The file has no column headings in its first row"})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        batch = ImportBatch(
            provider=provider,
            uploaded_by=actor,
            filename=name[:255],
            sha256=digest.hexdigest(),
            columns=columns,
            mapping=guess_mapping(columns),
        )
        batch.file.save(name, upload, save=False)
        batch.save()
        audit_record(actor=actor, obj=batch, action="uploaded", message=name)
    return batch


def earlier_import_of_same_file(batch: ImportBatch) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(sha256=batch.sha256, provider=batch.provider, state=ImportBatch.State.DONE)
        .exclude(pk=batch.pk)
        .order_by("-uploaded_at")
        .first()
    )


def import_start(*, actor: Any, batch: ImportBatch, mapping: Mapping[str, str]) -> ImportBatch:
    """Save the column matching and import: here for small files, in a worker for large ones."""
    require(actor, "training.see_import", batch)
    if batch.state != ImportBatch.State.UPLOADED:
        raise ValidationError("This file has already been imported or checked; upload it again to retry")
    problems = mapping_problems(mapping, batch.columns)
    if problems:
        raise ValidationError(problems)
    batch.mapping = {k: v for k, v in mapping.items() if v}
    if batch.file.size > INLINE_MAX_BYTES:
        batch.state = ImportBatch.State.QUEUED
        batch.stage = "Waiting for a worker"
        batch.save(update_fields=["mapping", "state", "stage"])
        enqueue(run_import, batch.pk)
        return batch
    batch.save(update_fields=["mapping"])
    import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def records_bulk_create(
    *, actor: Any, provider: Provider, rows: Iterable[Mapping[str, Any]]
) -> tuple[int, int, int]:
    """The API's create and bulk create: the same checks as an import, all or nothing."""
    require(actor, "training.import", provider)
    table = pd.DataFrame([{k: "" if v is None else str(v) for k, v in row.items()} for row in rows])
    if table.empty:
        raise ValidationError({"rows": "Send at least one record"})
    mapping = {column: column for column in table.columns}
    checked = check_rows(table, mapping, lookups_for(provider), timezone.localdate())
    if not checked.ok:
        raise RowsInvalid(checked.errors)
    counts = save_rows(checked, source=TrainingRecord.Source.FORM)
    audit_record(
        actor=actor,
        obj=provider,
        action="records created",
        changes={"created": counts[0], "updated": counts[1], "unchanged": counts[2]},
    )
    return counts


class RowsInvalid(ValueError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


# --------------------------------------------------------------------------------- booking and registers


def trainee_for_user(user: Any) -> Trainee:
    email = normalise_email(user.email)
    trainee, created = Trainee.objects.get_or_create(
        email=email,
        defaults={"name": user.get_full_name(), "organisation_id": user.organisation_id, "user": user},
    )
    if not created and trainee.user_id is None:
        trainee.user = user
        trainee.save(update_fields=["user"])
    return trainee


def cohort_book(*, user: Any, cohort_id: int) -> TrainingRecord:
    """Book a place on an open cohort; refused when it is full, closed or the person already has one."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("programme").get(pk=cohort_id)
        if not cohort.open_for_booking or cohort.starts_on < timezone.localdate():
            raise ValidationError("This cohort is not open for booking")
        trainee = trainee_for_user(user)
        existing = TrainingRecord.objects.filter(trainee=trainee, programme=cohort.programme).first()
        if existing and existing.status in FINISHED:
            raise ValidationError(f"You have already completed {cohort.programme.name}")
        if existing and existing.status in TAKES_A_PLACE:
            raise ValidationError(f"You already have a place on {cohort.programme.name}")
        taken = TrainingRecord.objects.filter(cohort=cohort, status__in=list(TAKES_A_PLACE)).count()
        if places_left(cohort.capacity, taken) == 0:
            raise ValidationError("This cohort is full: choose another date or register your interest")
        record = existing or TrainingRecord(trainee=trainee, programme=cohort.programme)
        record.cohort, record.status, record.source = cohort, Status.BOOKED, TrainingRecord.Source.BOOKING
        record.completed_on = None
        record.save()
        audit_record(actor=user, obj=record, action="booked", message=str(cohort))
        capability_dashboard.records_changed()
        notify(
            recipients=[user.email],
            subject=f"Your place on {cohort.programme.name}",
            template="training/emails/booked.txt",
            context={"record": record, "cohort": cohort},
            attachments=[("training.ics", booking_calendar(record), "text/calendar")],
        )
    return record


def booking_calendar(record: TrainingRecord, *, cancelled: bool = False) -> str:
    """The booked place as a calendar file (the same event, marked cancelled, once it is cancelled)."""
    cohort = record.cohort
    if cohort is None:
        raise ValueError("a booking has a cohort")
    site = getattr(settings, "SITE_URL", "")
    return calendar.event(
        uid=f"training-booking-{record.pk}@{site.split('//')[-1].strip('/') or 'portal'}",
        summary=f"{cohort.programme.name}: {cohort.name}",
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        location=cohort.venue or cohort.get_mode_display(),
        description=f"Your place on {cohort.programme.name}. To cancel it: {site}"
        + reverse("training:booking", kwargs={"pk": record.pk}),
        url=site + reverse("training:booking", kwargs={"pk": record.pk}),
        stamp=timezone.now(),
        cancelled=cancelled,
    )


def booking_cancel(*, user: Any, record: TrainingRecord) -> TrainingRecord:
    """Give up one's own booked place before the cohort starts: the place is freed for someone else."""
    with transaction.atomic():
        mine = (
            TrainingRecord.objects.select_for_update(of=("self",))
            .select_related("cohort", "programme", "trainee")
            .filter(selectors.own(user), pk=record.pk)
            .first()
        )
        if mine is None:
            raise ValidationError("Only the person booked can cancel this place")
        record = mine
        if record.status != Status.BOOKED or record.cohort is None:
            raise ValidationError("This place is not a booking that can be cancelled")
        if record.cohort.starts_on <= timezone.localdate():
            raise ValidationError("The course has started: ask its faculty to withdraw you")
        record.status = Status.WITHDRAWN
        record.save(update_fields=["status"])
        audit_record(actor=user, obj=record, action="booking cancelled", message=str(record.cohort))
        capability_dashboard.records_changed()
        notify(
            recipients=[user.email],
            subject=f"Your place on {record.programme.name} is cancelled",
            template="training/emails/cancelled.txt",
            context={"record": record, "cohort": record.cohort},
            attachments=[("training.ics", booking_calendar(record, cancelled=True), "text/calendar")],
        )
    return record


def interest_register(*, user: Any, programme: Programme) -> Interest:
    interest, created = Interest.objects.get_or_create(user=user, programme=programme)
    if created:
        audit_record(actor=user, obj=programme, action="interest registered", message=user.email)
    return interest


def register_update(
    *, actor: Any, cohort: Cohort, statuses: Mapping[int, str], today: datetime.date | None = None
) -> int:
    """Mark attendance and completion on a cohort's register; returns how many records changed. A record
    marked completed or graduated without a date gets the cohort's end date (or today, if that is later)."""
    require(actor, "training.manage_cohort", cohort)
    today = today or timezone.localdate()
    changed = 0
    with transaction.atomic():
        for record in TrainingRecord.objects.select_for_update().filter(cohort=cohort, pk__in=list(statuses)):
            status = statuses[record.pk]
            if status not in {s.value for s in Status}:
                raise ValidationError({f"status_{record.pk}": "Choose a status"})
            if status == record.status:
                continue
            before = record.status
            record.status = status
            if status in FINISHED and record.completed_on is None:
                record.completed_on = min(cohort.ends_on, today)
            if status not in FINISHED:
                record.completed_on = None
            record.save(update_fields=["status", "completed_on", "updated_at"])
            audit_record(
                actor=actor, obj=record, action="status", changes={"status": {"from": before, "to": status}}
            )
            changed += 1
        if changed:
            capability_dashboard.records_changed()
    return changed
