"""`python -m benchmarks.training_import`: how fast a faculty's spreadsheet imports.

Builds a CSV of 100,000 rows (`--rows N` to change) for a benchmark faculty, then times, against the
local database (embedded unless DATABASE_URL is set):

1. the import run in the web process (read, check every row, COPY and upsert): every row new;
2. the same file again: every row unchanged (the idempotent re-import);
3. with `--worker`, a fresh copy of the file through a real Celery worker process, from queueing to done.

Prints rows per second for each. Nothing is asserted: the test suite checks behaviour, this measures.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

PROVIDER = "Benchmark Faculty"
PROGRAMMES = [("Bronze", "foundation", False), ("Silver", "practitioner", True), ("Gold", "advanced", True)]


def make_csv(
    rows: int, organisations: Sequence[str], *, seed: int = 1, domain: str = "bench.example.org"
) -> bytes:
    """A faculty export: one row per person and programme, in the shape the academies send."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write("Email,Full name,Organisation,Course,Status,Date completed\n")
    names = [p for p, _, _ in PROGRAMMES]
    for i in range(rows):
        person, programme = divmod(i, len(names))
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        year = rng.randint(2016, 2024)
        out.write(
            f"person.{person}@{domain},Person {person},{rng.choice(organisations)},{names[programme]},"
            f"Completed,{day:02d}/{month:02d}/{year}\n"
        )
    return out.getvalue().encode()


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.benchmark")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)


def _provider():  # type: ignore[no-untyped-def]
    from training.models import Programme, Provider

    provider, _ = Provider.objects.get_or_create(name=PROVIDER, defaults={"short_name": "Bench"})
    for name, level, competent in PROGRAMMES:
        Programme.objects.get_or_create(
            provider=provider, name=name, defaults={"level": level, "competent_improver": competent}
        )
    return provider


def _organisations() -> list[str]:
    from community.models import Organisation

    names = list(Organisation.objects.values_list("name", flat=True))
    if not names:
        Organisation.objects.get_or_create(name="Benchmark Trust", defaults={"kind": "acute_trust"})
        names = ["Benchmark Trust"]
    return names


def _batch(provider, data: bytes, name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.models import User
    from training.services import import_upload

    admin, _ = User.objects.get_or_create(
        email="benchmark-admin@bench.example.org", defaults={"is_superuser": True}
    )
    if not admin.is_superuser:
        admin.is_superuser = True
        admin.save()
    batch = import_upload(actor=admin, provider=provider, upload=SimpleUploadedFile(name, data))
    batch.mapping = {k: v for k, v in batch.mapping.items() if v}
    batch.save(update_fields=["mapping"])
    return batch


def _report(label: str, rows: int, seconds: float, batch) -> None:  # type: ignore[no-untyped-def]
    print(
        f"{label:<38} {rows:>8,} rows {seconds:>7.2f} s {rows / seconds:>10,.0f} rows/s   "
        f"(new {batch.created_count:,}, updated {batch.updated_count:,}, "
        f"unchanged {batch.unchanged_count:,}, state {batch.state})"
    )


def _through_worker(provider, data: bytes, rows: int) -> None:  # type: ignore[no-untyped-def]
    from config.celery import app
    from training.models import ImportBatch
    from training.tasks import run_import

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    name = f"{queue}@localhost"
    log = Path(".data") / f"{queue}.log"
    log.parent.mkdir(exist_ok=True)
    with open(log, "wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue, "-n", name,
             "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
            env={**os.environ}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[name], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"The worker did not start:\n{log.read_text()[-2000:]}")
        batch = _batch(provider, data, "worker.csv")
        ImportBatch.objects.filter(pk=batch.pk).update(state=ImportBatch.State.QUEUED)
        started = time.perf_counter()
        run_import.apply_async(args=[batch.pk], queue=queue)
        while True:
            batch.refresh_from_db()
            if batch.is_finished:
                break
            time.sleep(0.1)
        _report("through a Celery worker (new rows)", rows, time.perf_counter() - started, batch)
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        log.unlink(missing_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--worker", action="store_true", help="also import through a real Celery worker")
    options = parser.parse_args(argv)
    _setup()
    from training.services import import_run

    provider = _provider()
    _clean_up(provider)
    organisations = _organisations()
    data = make_csv(options.rows, organisations)
    print(f"{options.rows:,} rows, {len(data) / 1e6:.1f} MB of CSV")
    for label in ("first import (every row new)", "same file again (unchanged)"):
        batch = _batch(provider, data, "bench.csv")
        started = time.perf_counter()
        batch = import_run(batch_id=batch.pk)
        _report(label, options.rows, time.perf_counter() - started, batch)
    if options.worker:
        _clean_up(provider)
        _through_worker(provider, data, options.rows)
    _clean_up(provider)
    return 0


def _clean_up(provider) -> None:  # type: ignore[no-untyped-def]
    """Leave the local database as the demo left it."""
    from training.models import Trainee, TrainingRecord

    TrainingRecord.objects.filter(programme__provider=provider).delete()
    Trainee.objects.filter(email__endswith="@bench.example.org").delete()


if __name__ == "__main__":
    sys.exit(main())
