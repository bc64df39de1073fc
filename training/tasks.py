"""Background work for training: large imports run in a worker while the page shows progress."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="training.run_import")
def run_import(batch_id: int) -> str:
    """Idempotent: `import_run` claims the batch, so a second delivery finds nothing to do."""
    from training.services import import_run

    batch = import_run(batch_id=batch_id)
    return batch.state if batch else "already claimed"
