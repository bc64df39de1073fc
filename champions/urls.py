"""Routes of the champion register (`champions:...`), under `/champions/`."""

from django.urls import path

from champions import views
from core.access import ADMINS, BOARD, SIGNED_IN

app_name = "champions"

urlpatterns = [
    path("champions/", views.directory, name="champions"),
    path("champions/nominate/", views.nominate, name="champion_nominate"),
    path("champions/register/", views.register, name="champion_register"),
    path("champions/dosage/", views.dosage, name="champion_dosage"),
    path("champions/<int:pk>/", views.profile, name="champion"),
    path("champions/<int:pk>/consent/", views.consent, name="champion_consent"),
    path("champions/<int:pk>/review/", views.review, name="champion_review"),
    path("champions/<int:pk>/edit/", views.edit, name="champion_edit"),
]

access = {
    "champions": SIGNED_IN,
    "champion_nominate": SIGNED_IN,
    "champion": SIGNED_IN,  # object rule: listed, or the person themselves, or an admin (else 404)
    "champion_consent": SIGNED_IN,  # object rule: the person themselves (else 404)
    "champion_register": ADMINS,
    "champion_review": ADMINS,
    "champion_edit": ADMINS,
    "champion_dosage": BOARD,
}
