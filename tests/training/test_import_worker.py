"""A large import runs in a real Celery worker process while the page reports its progress."""

from __future__ import annotations

import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from benchmarks.training_import import make_csv
from tests.community.factories import OrganisationFactory
from tests.training.factories import ProgrammeFactory, ProviderFactory
from tests.workers import running_worker
from training import services
from training.models import ImportBatch, TrainingRecord
from training.tasks import run_import

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROWS = 30_000


def test_a_large_file_is_imported_by_a_worker_and_the_page_follows_it(admin_user, client_for, monkeypatch):
    provider = ProviderFactory(name="Large Faculty")
    for name, level in (("Bronze", "foundation"), ("Silver", "practitioner"), ("Gold", "advanced")):
        ProgrammeFactory(provider=provider, name=name, level=level)
    OrganisationFactory(name="Riverside Trust")
    data = make_csv(ROWS, ["Riverside Trust"])
    assert len(data) > services.INLINE_MAX_BYTES
    client = client_for(admin_user)

    with running_worker() as worker:
        monkeypatch.setattr(
            run_import, "apply_async", functools.partial(run_import.apply_async, queue=worker.queue)
        )
        client.post(
            reverse("training:imports"),
            {"provider": provider.pk, "file": SimpleUploadedFile("big.csv", data)},
        )
        batch = ImportBatch.objects.get()
        page = client.post(
            reverse("training:import_detail", kwargs={"pk": batch.pk}), batch.mapping, follow=True
        )
        assert page.context["batch"].state in (
            "queued",
            "running",
            "done",
        )  # never imported in the web process
        batch = _wait_until_finished(batch)

    assert batch.state == ImportBatch.State.DONE, (batch.message, batch.first_errors[:3])
    assert (batch.row_count, batch.created_count, batch.progress) == (ROWS, ROWS, 100)
    assert TrainingRecord.objects.filter(import_batch=batch).count() == ROWS


def _wait_until_finished(batch: ImportBatch, timeout: float = 180) -> ImportBatch:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch.refresh_from_db()
        if batch.is_finished:
            return batch
        time.sleep(0.2)
    raise AssertionError(f"The import did not finish in {timeout} s (state {batch.state})")
