"""Running an import (inline for small files, in a worker for large ones): claim the batch, check every
row, save them all or none, record the outcome; and fail the imports whose worker died."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from core import jobs
from core.audit import audit_record
from core.spreadsheets import RowError, UnreadableFile, error_report_csv, read_table
from training.import_rows import lookups_for, save_rows
from training.importing import check_rows
from training.models import ImportBatch

logger = logging.getLogger(__name__)

FIRST_ERRORS_KEPT = 50

Progress = Callable[[str, int], None]


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
