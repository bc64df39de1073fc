"""Background work for training: large imports run in a worker while the page shows progress."""

from __future__ import annotations

from celery import shared_task

from training.import_jobs import import_run, imports_sweep_abandoned


@shared_task(
    name="training.run_import",
    reject_on_worker_lost=True,  # with late acknowledgement, a lost worker hands the import back
    soft_time_limit=18 * 60,
    time_limit=20 * 60,  # training.import_jobs.IMPORT_TIME_LIMIT: the claim's lease follows it
)
def run_import(batch_id: int) -> str:
    """Idempotent: `import_run` claims the batch, so a second delivery finds nothing to do."""
    batch = import_run(batch_id=batch_id)
    return batch.state if batch else "already claimed"


@shared_task(name="training.sweep_abandoned")
def sweep_abandoned() -> int:
    """Fail imports whose worker died mid-run (beat runs it every few minutes)."""
    return imports_sweep_abandoned()
