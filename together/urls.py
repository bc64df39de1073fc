"""Routes for working together (`together:...`), under `/together/`."""

from django.urls import path

from core.access import PUBLIC, SIGNED_IN, Access
from together import views

app_name = "together"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("settings/", views.settings_page, name="settings"),
    path("comments/<slug:key>/<int:pk>/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/remove/", views.comment_remove, name="comment_remove"),
    path("follow/<slug:key>/<int:pk>/", views.follow, name="follow"),
    path("follow/", views.follow_pick, name="follow_pick"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

access: dict[str, Access] = {
    "feed": SIGNED_IN,
    "settings": SIGNED_IN,
    "comment_add": SIGNED_IN,  # object rule: the subject's view rule (else 404)
    "comment_edit": SIGNED_IN,  # object rule: comment.edit
    "comment_remove": SIGNED_IN,  # object rule: comment.remove
    "follow": SIGNED_IN,  # object rule: the subject's view rule (else 404)
    "follow_pick": SIGNED_IN,
    "unsubscribe": PUBLIC,  # the signed link in an email is the permission
}
