"""Writes: importing faculties' spreadsheets, booking places, marking registers, registering interest.

An import is all-or-nothing: every row is checked first (training.importing) and nothing is saved unless
every row is good; then the rows go to PostgreSQL with COPY into a temporary table and two upserts, in
one transaction, so 100,000 rows take seconds. The upserts only touch rows whose values differ, so the
same file imported twice changes nothing, and the counts say what was created, updated and unchanged.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from community.models import Organisation
from core import jobs
from core.audit import audit_record
from core.permissions import require
from core.spreadsheets import RowError, UnreadableFile, check_workbook_size, error_report_csv, read_table
from core.uploads import CSV, XLSX, check_upload
from training import capability_dashboard
from training.importing import Checked, Lookups, check_rows, guess_mapping, lookup_key, mapping_problems
from training.ladder import FINISHED, TAKES_A_PLACE, Status, normalise_email, places_left
from training.models import Cohort, ImportBatch, Interest, Programme, Provider, Trainee, TrainingRecord

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Files bigger than this are imported by a Celery worker while the page shows progress.
INLINE_MAX_BYTES = 256 * 1024
FIRST_ERRORS_KEPT = 50

Progress = Callable[[str, int], None]


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
        from core.tasks import enqueue
        from training.tasks import run_import

        enqueue(run_import, batch.pk)
        return batch
    batch.save(update_fields=["mapping"])
    import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def _progress_saver(batch_id: int) -> Progress:
    def save(stage: str, percent: int) -> None:
        ImportBatch.objects.filter(pk=batch_id).update(stage=stage, progress=percent)

    return save


IMPORT_TIME_LIMIT = 20 * 60  # seconds: the import task's hard time limit (training.tasks)
IMPORT_LEASE = jobs.lease(IMPORT_TIME_LIMIT)


def imports_sweep_abandoned() -> int:
    """Imports whose worker died mid-run end failed (nothing was saved: the rows go in one transaction)."""
    return jobs.sweep(
        ImportBatch,
        field="state",
        running=ImportBatch.State.RUNNING,
        failed=ImportBatch.State.FAILED,
        lease_for=IMPORT_LEASE,
        message=jobs.ABANDONED,
        stage="",
        progress=100,
    )


def import_run(*, batch_id: int) -> ImportBatch | None:
    """Check every row and save them all, or none. Claims the batch first, so running it twice is safe."""
    claimed = jobs.claim(
        ImportBatch,
        batch_id,
        field="state",
        waiting=[ImportBatch.State.UPLOADED, ImportBatch.State.QUEUED],
        running=ImportBatch.State.RUNNING,
        lease_for=IMPORT_LEASE,
        stage="Reading the file",
        progress=5,
    )
    if not claimed:
        return None
    batch = ImportBatch.objects.select_related("provider", "uploaded_by").get(pk=batch_id)
    progress = _progress_saver(batch_id)
    started = time.perf_counter()
    try:
        with batch.file.open("rb") as handle:
            frame = read_table(handle, batch.filename)
        progress("Checking every row", 30)
        checked = check_rows(frame, batch.mapping, lookups_for(batch.provider), timezone.localdate())
        batch.row_count = checked.row_count
        if not checked.ok:
            _record_invalid(batch, checked.errors)
        else:
            progress("Saving the records", 60)
            counts = save_rows(checked, batch=batch)
            batch.created_count, batch.updated_count, batch.unchanged_count = counts
            batch.state = ImportBatch.State.DONE
            batch.message = ""
    except UnreadableFile as error:
        batch.state, batch.message = ImportBatch.State.FAILED, str(error)
    except Exception:
        logger.exception("Import %s failed", batch_id)
        batch.state = ImportBatch.State.FAILED
        batch.message = "The import failed unexpectedly; nothing was saved. Please try again."
    batch.progress, batch.stage = 100, ""
    batch.finished_at = timezone.now()
    batch.seconds = round(time.perf_counter() - started, 3)
    batch.save()
    audit_record(
        actor=batch.uploaded_by,
        obj=batch,
        action=f"import {batch.state}",
        changes={
            "rows": batch.row_count,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
            "errors": batch.error_count,
        },
    )
    return batch


def _record_invalid(batch: ImportBatch, errors: list[RowError]) -> None:
    batch.state = ImportBatch.State.INVALID
    batch.error_count = len(errors)
    ordered = sorted(errors, key=lambda e: (e.row, e.column))
    batch.first_errors = [e.__dict__ for e in ordered[:FIRST_ERRORS_KEPT]]
    stem = batch.filename.rsplit(".", 1)[0]
    batch.error_report.save(f"{stem}-problems.csv", ContentFile(error_report_csv(errors)), save=False)


def lookups_for(provider: Provider) -> Lookups:
    programmes: dict[str, int] = {}
    names: list[str] = []
    for pk, name, code in Programme.objects.filter(provider=provider).values_list("pk", "name", "code"):
        names.append(name)
        programmes[lookup_key(name)] = pk
        if code:
            programmes.setdefault(lookup_key(code), pk)
    organisations: dict[str, int] = {}
    for pk, name, short in Organisation.objects.values_list("pk", "name", "short_name"):
        organisations[lookup_key(name)] = pk
        if short:
            organisations.setdefault(lookup_key(short), pk)
    cohorts = {
        (programme_id, lookup_key(name)): pk
        for pk, programme_id, name in Cohort.objects.filter(programme__provider=provider).values_list(
            "pk", "programme_id", "name"
        )
    }
    return Lookups(
        programmes, organisations, cohorts, provider_label=provider.name, programme_names=tuple(names)
    )


# ------------------------------------------------------------------------------------------ saving rows

_STAGING = """
CREATE TEMPORARY TABLE training_staging (
    row_no integer, email text, name text, organisation_id integer, programme_id integer,
    cohort_id integer, status text, completed_on date
) ON COMMIT DROP
"""
_UPSERT_TRAINEES = """
INSERT INTO training_trainee (email, name, organisation_id, user_id)
SELECT DISTINCT ON (s.email) s.email, COALESCE(s.name, ''), s.organisation_id, u.id
FROM training_staging s LEFT JOIN community_user u ON lower(u.email) = s.email
ORDER BY s.email, s.row_no DESC
ON CONFLICT (email) DO UPDATE SET
    name = COALESCE(NULLIF(EXCLUDED.name, ''), training_trainee.name),
    organisation_id = COALESCE(EXCLUDED.organisation_id, training_trainee.organisation_id),
    user_id = COALESCE(training_trainee.user_id, EXCLUDED.user_id)
WHERE (training_trainee.name, training_trainee.organisation_id, training_trainee.user_id)
    IS DISTINCT FROM (
        COALESCE(NULLIF(EXCLUDED.name, ''), training_trainee.name),
        COALESCE(EXCLUDED.organisation_id, training_trainee.organisation_id),
        COALESCE(training_trainee.user_id, EXCLUDED.user_id)
    )
"""
_UPSERT_RECORDS = """
WITH written AS (
    INSERT INTO training_trainingrecord AS r
        (trainee_id, programme_id, cohort_id, status, completed_on, source, import_batch_id,
         created_at, updated_at)
    SELECT t.id, s.programme_id, s.cohort_id, s.status, s.completed_on, %(source)s, %(batch)s, now(), now()
    FROM training_staging s JOIN training_trainee t ON t.email = s.email
    ON CONFLICT (programme_id, trainee_id) DO UPDATE SET
        cohort_id = COALESCE(EXCLUDED.cohort_id, r.cohort_id),
        status = EXCLUDED.status,
        completed_on = COALESCE(EXCLUDED.completed_on, r.completed_on),
        import_batch_id = COALESCE(EXCLUDED.import_batch_id, r.import_batch_id),
        updated_at = now()
    WHERE (r.status, r.completed_on, r.cohort_id) IS DISTINCT FROM
        (EXCLUDED.status, COALESCE(EXCLUDED.completed_on, r.completed_on),
         COALESCE(EXCLUDED.cohort_id, r.cohort_id))
    RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
"""


def _csv_for_copy(rows: pd.DataFrame) -> bytes:
    table = rows.reset_index(drop=True)
    table.insert(0, "row_no", range(len(table)))
    return table.to_csv(index=False, header=False, na_rep="").encode()


def save_rows(
    checked: Checked, *, batch: ImportBatch | None = None, source: str = TrainingRecord.Source.IMPORT
) -> tuple[int, int, int]:
    """Save checked rows in one transaction; (created, updated, unchanged) records."""
    if not checked.ok:
        raise ValueError("Only rows without errors can be saved")
    data = _csv_for_copy(checked.rows)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_STAGING)
        columns = "row_no, email, name, organisation_id, programme_id, cohort_id, status, completed_on"
        with cursor.cursor.copy(f"COPY training_staging ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])
        cursor.execute("ANALYZE training_staging")
        cursor.execute(_UPSERT_TRAINEES)
        cursor.execute(_UPSERT_RECORDS, {"source": source, "batch": batch.pk if batch else None})
        created, updated = cursor.fetchone()
        cursor.execute("DROP TABLE training_staging")
    capability_dashboard.records_changed()  # once per import
    unchanged = len(checked.rows) - created - updated
    return int(created), int(updated), int(unchanged)


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
