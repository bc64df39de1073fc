"""Sample URL arguments for the measurement routes (tests/route_samples.py includes them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import DataPointFactory, MeasureFactory, PDSACycleFactory


def _point() -> dict[str, Any]:
    point = DataPointFactory()
    return {"pk": point.measure_id, "point_pk": point.pk}


MEASUREMENT_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "projects:project_measurement": lambda: {"project_pk": ProjectFactory().pk},
    "projects:measure_new": lambda: {"project_pk": ProjectFactory().pk},
    "projects:pdsa_new": lambda: {"project_pk": ProjectFactory().pk},
    "projects:pdsa_edit": lambda: {"pk": PDSACycleFactory().pk},
    "projects:pdsa_delete": lambda: {"pk": PDSACycleFactory().pk},
    "projects:measure_detail": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_edit": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_delete": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_add_point": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_paste": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_upload": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_delete_point": _point,
    "projects:measure_rebaseline": lambda: {"pk": MeasureFactory().pk},
    "projects:measure_exclude": lambda: {"pk": MeasureFactory().pk},
    "projects:driver_diagram_edit": lambda: {"project_pk": ProjectFactory().pk},
    "api:project-measures": lambda: {"project_pk": ProjectFactory().pk},
    "api:project-pdsa-cycles": lambda: {"project_pk": ProjectFactory().pk},
    "api:measure-detail": lambda: {"pk": MeasureFactory().pk},
    "api:measure-data": lambda: {"pk": MeasureFactory().pk},
    "api:measure-chart": lambda: {"pk": MeasureFactory().pk},
    "api:pdsa-cycle-detail": lambda: {"pk": PDSACycleFactory().pk},
}
