from django.urls import URLPattern, path

from core.access import ADMINS, BOARD, SIGNED_IN, Access, roles
from core.roles import Role
from governance import views_assessment, views_dashboards, views_meetings, views_packs, views_plan

app_name = "governance"

# The steering group and the board read the bodies' meetings; recording them is checked per body.
GOVERNANCE_BODIES = roles(Role.STEERING_GROUP, Role.IMPROVEMENT_BOARD, Role.COMMUNITY_ADMIN)

urlpatterns: list[URLPattern] = [
    path("dashboards/", views_dashboards.dashboards, name="dashboards"),
    path("dashboards/<slug:key>/", views_dashboards.dashboard, name="dashboard"),
    path("dashboards/<slug:key>/<slug:chart>.csv", views_dashboards.chart_csv, name="chart_csv"),
    path("summary/", views_dashboards.summary, name="summary"),
    path("rebuild/", views_dashboards.rebuild, name="rebuild"),
    path("rebuild/<int:pk>/", views_dashboards.rebuild_progress, name="rebuild_progress"),
    path("plan/", views_plan.plan_page, name="plan"),
    path("plan/new/", views_plan.action_edit, name="plan_action_new"),
    path("plan/<int:pk>/", views_plan.action_detail, name="plan_action"),
    path("plan/<int:pk>/edit/", views_plan.action_edit, name="plan_action_edit"),
    path("self-assessment/", views_assessment.assessments, name="assessments"),
    path("self-assessment/new/", views_assessment.assessment_new, name="assessment_new"),
    path("self-assessment/<int:pk>/", views_assessment.assessment_detail, name="assessment"),
    path("meetings/", views_meetings.meetings, name="meetings"),
    path("meetings/new/", views_meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting"),
    path("board-packs/", views_packs.packs, name="packs"),
    path("board-packs/<int:pk>/", views_packs.pack_detail, name="pack"),
    path("board-packs/<int:pk>/<str:fmt>", views_packs.pack_download, name="pack_download"),
]

access: dict[str, Access] = {
    "dashboards": BOARD,
    "dashboard": BOARD,
    "chart_csv": BOARD,
    "summary": SIGNED_IN,
    "rebuild": ADMINS,
    "rebuild_progress": ADMINS,
    "plan": BOARD,
    "plan_action_new": ADMINS,
    "plan_action": GOVERNANCE_BODIES,  # steering group members reach the actions they own
    "plan_action_edit": ADMINS,
    "assessments": BOARD,
    "assessment_new": ADMINS,
    "assessment": BOARD,
    "meetings": GOVERNANCE_BODIES,
    "meeting_new": GOVERNANCE_BODIES,
    "meeting": GOVERNANCE_BODIES,
    "packs": BOARD,
    "pack": BOARD,
    "pack_download": BOARD,
}
