"""URL arguments for the training routes, for the route access walk (tests/route_samples.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile

from tests.training.factories import CohortFactory, ProgrammeFactory, ProviderFactory, RecordFactory


def _batch() -> dict[str, Any]:
    from training.models import ImportBatch

    batch = ImportBatch(provider=ProviderFactory(), filename="sample.csv", sha256="0" * 64)
    batch.file.save("sample.csv", ContentFile(b"Email,Programme\n"), save=False)
    batch.error_report.save("sample-problems.csv", ContentFile(b"Row,Column,Problem,Value\n"), save=False)
    batch.save()
    return {"pk": batch.pk}


TRAINING_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "training:book": lambda: {"pk": CohortFactory().pk},
    "training:booking": lambda: {"pk": RecordFactory(cohort=CohortFactory(), status="booked").pk},
    "training:booking_calendar": lambda: {"pk": RecordFactory(cohort=CohortFactory(), status="booked").pk},
    "training:booking_cancel": lambda: {"pk": RecordFactory(cohort=CohortFactory(), status="booked").pk},
    "training:interest": lambda: {"pk": ProgrammeFactory().pk},
    "training:person": lambda: {"pk": RecordFactory().trainee_id},
    "training:cohort_register": lambda: {"pk": CohortFactory().pk},
    "training:import_detail": _batch,
    "training:import_file": _batch,
    "training:import_errors": _batch,
    "api:training-programme-detail": lambda: {"pk": ProgrammeFactory().pk},
    "api:training-cohort-detail": lambda: {"pk": CohortFactory().pk},
    "api:training-record-detail": lambda: {"pk": RecordFactory().pk},
}
