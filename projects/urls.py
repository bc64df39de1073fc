from django.urls import path

from core.access import ADMINS, SIGNED_IN, Access
from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("new/", views.create, name="create"),
    path("showcase/", views.showcase, name="showcase"),
    path("benefits/", views.benefits, name="benefits"),
    path("showcase/nominations/", views.nominations, name="nominations"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/story/", views.story, name="story"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/progress/accept/", views.progress_accept, name="progress_accept"),
    path("<int:pk>/benefits/new/", views.benefit_add, name="benefit_add"),
    path("<int:pk>/benefits/<int:benefit_id>/remove/", views.benefit_remove, name="benefit_remove"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member_id>/remove/", views.team_remove, name="team_remove"),
    path("<int:pk>/updates/new/", views.update_add, name="update_add"),
    path("<int:pk>/attachments/new/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_id>/remove/", views.attachment_remove, name="attachment_remove"
    ),
]

# Every member of staff may reach these; each view then checks the project itself (projects.permissions).
access: dict[str, Access] = {
    "browse": SIGNED_IN,
    "create": SIGNED_IN,
    "showcase": SIGNED_IN,
    "detail": SIGNED_IN,
    "story": SIGNED_IN,
    "edit": SIGNED_IN,
    "publish": SIGNED_IN,
    "nominations": ADMINS,
    "benefits": SIGNED_IN,  # published projects only (projects.selectors.benefits)
    "nominate": SIGNED_IN,  # object rule: project.nominate (else 403), hidden drafts 404
    "progress_accept": SIGNED_IN,  # object rule: project.edit (else 403), hidden drafts 404
    "benefit_add": SIGNED_IN,  # object rule: project.edit
    "benefit_remove": SIGNED_IN,  # object rule: project.edit
    "team": SIGNED_IN,
    "team_remove": SIGNED_IN,
    "update_add": SIGNED_IN,
    "attachment_add": SIGNED_IN,
    "attachment": SIGNED_IN,
    "attachment_remove": SIGNED_IN,
}

# Measurement (PDSA cycles, measures, charts, the measure portfolio): its own routes and access rules.
from projects.measurement import urls as measurement_urls  # noqa: E402

urlpatterns += measurement_urls.urlpatterns
access.update(measurement_urls.access)
