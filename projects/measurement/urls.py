"""Measurement routes, included into the `projects` namespace by projects/urls.py."""

from django.urls import path

from core.access import ADMINS, SIGNED_IN, Access

from . import views

urlpatterns = [
    path("measures/", views.measures_portfolio, name="measures_portfolio"),
    path("measures/rules/", views.measurement_settings, name="measurement_settings"),
    path("<int:project_pk>/measurement/", views.project_measurement, name="project_measurement"),
    path("<int:project_pk>/measures/new/", views.measure_new, name="measure_new"),
    path("<int:project_pk>/pdsa/new/", views.pdsa_new, name="pdsa_new"),
    path("<int:project_pk>/driver-diagram/", views.driver_diagram_edit, name="driver_diagram_edit"),
    path("pdsa/<int:pk>/edit/", views.pdsa_edit, name="pdsa_edit"),
    path("pdsa/<int:pk>/delete/", views.pdsa_delete, name="pdsa_delete"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("measures/<int:pk>/data/add/", views.measure_add_point, name="measure_add_point"),
    path("measures/<int:pk>/data/paste/", views.measure_paste, name="measure_paste"),
    path("measures/<int:pk>/data/upload/", views.measure_upload, name="measure_upload"),
    path(
        "measures/<int:pk>/data/<int:point_pk>/delete/",
        views.measure_delete_point,
        name="measure_delete_point",
    ),
    path("measures/<int:pk>/rebaseline/", views.measure_rebaseline, name="measure_rebaseline"),
    path("measures/<int:pk>/exclude/", views.measure_exclude, name="measure_exclude"),
]

# Every signed-in member of staff reaches these routes; the views then ask "measurement.view" or
# "measurement.edit" about the project (404 when it cannot be seen, 403 when it cannot be changed).
access: dict[str, Access] = {
    name: SIGNED_IN
    for name in (
        "measures_portfolio",
        "project_measurement",
        "measure_new",
        "pdsa_new",
        "pdsa_edit",
        "pdsa_delete",
        "measure_detail",
        "measure_edit",
        "measure_delete",
        "measure_add_point",
        "measure_paste",
        "measure_upload",
        "measure_delete_point",
        "measure_rebaseline",
        "measure_exclude",
        "driver_diagram_edit",
    )
}
access["measurement_settings"] = ADMINS
