from django.urls import path

from community import views
from community.champions import urls as champions
from core.access import PUBLIC, SIGNED_IN

app_name = "community"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("home/", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    *champions.urlpatterns,
]

access = {
    "landing": PUBLIC,
    "accessibility": PUBLIC,
    "home": SIGNED_IN,
    "profile": SIGNED_IN,
    **champions.access,
}
