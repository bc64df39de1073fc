from django.urls import path

from core.access import ADMINS, SIGNED_IN, STEERING, Access, roles
from core.roles import Role
from facilitation import views

app_name = "facilitation"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/triage/", views.triage_action, name="triage_action"),
    path("<int:pk>/score/", views.score, name="score"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("triage/", views.triage, name="triage"),
    path("queue/", views.queue, name="queue"),
    path("meetings/start/", views.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/decide/<int:request_pk>/", views.meeting_decide, name="meeting_decide"),
    path("framework/", views.framework, name="framework"),
    path("framework/edit/", views.framework_edit, name="framework_edit"),
    path("portfolio/", views.portfolio, name="portfolio"),
]

PORTFOLIO_READERS = roles(Role.STEERING_GROUP, Role.IMPROVEMENT_BOARD, Role.COMMUNITY_ADMIN)

access: dict[str, Access] = {
    # Any member of staff asks for help and follows their own requests; views check the object.
    "mine": SIGNED_IN,
    "new": SIGNED_IN,
    "detail": SIGNED_IN,
    "edit": SIGNED_IN,
    "submit": SIGNED_IN,
    "triage_action": ADMINS,
    "triage": ADMINS,
    "score": STEERING,
    "decide": STEERING,
    "manage": STEERING,
    "assign": STEERING,
    "queue": STEERING,
    "meeting_start": STEERING,
    "meeting": STEERING,
    "meeting_decide": STEERING,
    "framework": STEERING,
    "framework_edit": STEERING,
    "portfolio": PORTFOLIO_READERS,
}
