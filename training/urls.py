from django.urls import path

from core.access import SIGNED_IN, Access
from training import views

app_name = "training"

urlpatterns = [
    path("", views.find, name="find"),
    path("cohorts/<int:pk>/book/", views.book, name="book"),
    path("bookings/<int:pk>/", views.booking, name="booking"),
    path("bookings/<int:pk>/calendar.ics", views.booking_calendar, name="booking_calendar"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("programmes/<int:pk>/interest/", views.interest, name="interest"),
    path("records/", views.records, name="records"),
    path("people/<int:pk>/", views.person, name="person"),
    path("cohorts/", views.cohorts, name="cohorts"),
    path("cohorts/<int:pk>/register/", views.cohort_register, name="cohort_register"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/file/", views.import_file, name="import_file"),
    path("imports/<int:pk>/problems/", views.import_errors, name="import_errors"),
    path("figures/", views.figures_page, name="figures"),
]

# Faculty admins are ordinary staff with a FacultyAdmin row, so the faculty pages are open to everyone
# signed in at the route level and check the object (training.permissions) in the view: records are
# scoped to the user, and imports, registers and people they may not see are "not found".
access: dict[str, Access] = {
    "find": SIGNED_IN,
    "book": SIGNED_IN,
    # One's own booking only: the views answer 404 for anyone else's.
    "booking": SIGNED_IN,
    "booking_calendar": SIGNED_IN,
    "booking_cancel": SIGNED_IN,
    "interest": SIGNED_IN,
    "records": SIGNED_IN,
    "person": SIGNED_IN,
    "cohorts": SIGNED_IN,
    "cohort_register": SIGNED_IN,
    "imports": SIGNED_IN,
    "import_detail": SIGNED_IN,
    "import_file": SIGNED_IN,
    "import_errors": SIGNED_IN,
    "figures": SIGNED_IN,
}
