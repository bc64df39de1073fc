from django.urls import URLPattern

from core.access import Access

app_name = "projects"

urlpatterns: list[URLPattern] = []

access: dict[str, Access] = {}

# Measurement (PDSA cycles, measures, charts, the measure portfolio): its own routes and access rules.
from projects.measurement import urls as measurement_urls  # noqa: E402

urlpatterns += measurement_urls.urlpatterns
access.update(measurement_urls.access)
