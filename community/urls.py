from django.urls import path

from community import views
from core.access import PUBLIC, SIGNED_IN

app_name = "community"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("home/", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("search/", views.search, name="search"),
]

access = {
    "landing": PUBLIC,
    "accessibility": PUBLIC,
    "home": SIGNED_IN,
    "profile": SIGNED_IN,
    "search": SIGNED_IN,
}
