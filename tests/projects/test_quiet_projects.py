"""Quiet projects: "not updated since" in lists and on the page, one nudge per quiet spell with the
suggested score, and the lead accepting the suggestion."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from projects import activity, nudges
from projects.measurement.selectors import project_cycles, project_measures
from projects.models import PDSACycle, Project, ProjectNudge
from projects.spc import icons
from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory, ProjectUpdateFactory
from tests.projects.measurement.factories import MeasureFactory, PDSACycleFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=120)


def _quiet_project(**kwargs):
    project = ProjectFactory(team=[UserFactory()], **kwargs)
    PDSACycleFactory(project=project, study="Waits fell on the pilot ward")
    Project.objects.filter(pk=project.pk).update(updated_at=LONG_AGO, created_at=LONG_AGO)
    PDSACycle.objects.filter(project=project).update(updated_at=LONG_AGO)
    project.refresh_from_db()
    return project


def test_the_lead_of_a_quiet_project_gets_one_nudge_with_the_suggestion_and_its_evidence(
    django_capture_on_commit_callbacks,
):
    project = _quiet_project(title="Discharge before noon")
    ProjectFactory(title="Busy project")  # worked on today: not quiet
    _quiet_project(title="Finished project", status=Project.Status.COMPLETED)
    _quiet_project(title="Draft project", published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges.send_nudges() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges.send_nudges() == 0  # the daily check again, or a retried task: nothing more

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [project.lead.email] and "Discharge before noon" in email.subject
    assert "looks like 2.5 Changes tested, but no improvement" in email.body
    assert "- 1 PDSA cycle studied." in email.body and "To reach 3.0" in email.body
    assert f"/projects/{project.pk}/" in email.body
    assert ProjectNudge.objects.get().suggested_score == Decimal("2.5")


def test_new_activity_ends_the_spell_and_a_later_quiet_spell_gets_its_own_nudge(
    django_capture_on_commit_callbacks,
):
    project = _quiet_project()
    with django_capture_on_commit_callbacks(execute=True):
        nudges.send_nudges()
    update = ProjectUpdateFactory(project=project, text="Restarted")
    assert list(activity.quiet_projects()) == []
    # Months pass with nothing new.
    type(update).objects.filter(pk=update.pk).update(created_at=timezone.now() - datetime.timedelta(days=95))
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges.send_nudges() == 1
    assert ProjectNudge.objects.filter(project=project).count() == 2 and len(mail.outbox) == 2


def test_the_evidence_counted_from_the_page_s_own_lists_is_what_the_database_counts():
    project = ProjectFactory(team=[UserFactory(), UserFactory()], change_ideas="")
    PDSACycleFactory(project=project, change_idea="Daily huddle")
    PDSACycleFactory(project=project, change_idea="Daily huddle", study="Fewer delays", act="adopt")
    PDSACycleFactory(project=project, change_idea="Daily Huddle", act="adapt")  # another idea by case
    PDSACycleFactory(project=project, change_idea="", act="abandon")
    MeasureFactory(project=project, variation="improvement_low", assurance=icons.CONSISTENTLY_PASSING)
    MeasureFactory(project=project, variation="improvement_high")
    MeasureFactory(project=project, variation="concern_high", assurance=icons.CONSISTENTLY_PASSING)
    MeasureFactory(project=project)
    from_database = activity.evidence_for(Project.objects.get(pk=project.pk))

    page = Project.objects.prefetch_related("memberships").get(pk=project.pk)
    from_lists = activity.evidence_for(page, project_cycles(page), project_measures(page))

    assert from_lists == from_database
    assert (from_lists.cycles_started, from_lists.cycles_studied, from_lists.cycles_adopted) == (4, 3, 1)
    assert (from_lists.measures, from_lists.improving_measures, from_lists.measures_meeting_target) == (
        4,
        2,
        2,
    )
    assert from_lists.team_size == from_database.team_size == 3 and from_lists.has_change_ideas


def test_lists_and_the_page_say_since_when_a_project_has_been_quiet(member, client_for):
    project = _quiet_project(title="Quiet ward rounds")
    since = f"{timezone.localtime(LONG_AGO):%-d %B %Y}"  # the day in the portal's time zone, as pages say
    listing = client_for(member).get(reverse("projects:browse")).content.decode()
    assert f"not updated since {since}" in listing
    page = client_for(member).get(project.get_absolute_url()).content.decode()
    assert f"Not updated since {since}" in page


def test_the_lead_sees_the_suggestion_and_accepts_it(client_for):
    project = _quiet_project(progress_score=Decimal("1.0"))
    client = client_for(project.lead)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Suggested progress score: 2.5 Changes tested, but no improvement" in page
    assert "1 PDSA cycle studied." in page

    response = client.post(reverse("projects:progress_accept", kwargs={"pk": project.pk}), {"score": "2.5"})

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.progress_score == Decimal("2.5")
    entry = AuditEntry.objects.filter(action="changed").latest("pk")
    assert entry.changes == {"progress_score": {"from": "1.0", "to": "2.5"}}
    assert "Suggested progress score" not in client.get(project.get_absolute_url()).content.decode()


def test_a_suggestion_that_changed_since_the_page_was_read_is_not_applied(client_for):
    project = _quiet_project(progress_score=Decimal("1.0"))
    response = client_for(project.lead).post(
        reverse("projects:progress_accept", kwargs={"pk": project.pk}), {"score": "4.0"}, follow=True
    )
    project.refresh_from_db()
    assert project.progress_score == Decimal("1.0")
    assert "evidence changed since the page was loaded" in response.content.decode()


def test_only_people_who_may_edit_the_project_see_or_accept_a_suggestion(member, client_for):
    project = _quiet_project(progress_score=Decimal("1.0"))
    assert (
        "Suggested progress score" not in client_for(member).get(project.get_absolute_url()).content.decode()
    )
    response = client_for(member).post(
        reverse("projects:progress_accept", kwargs={"pk": project.pk}), {"score": "2.5"}
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.progress_score == Decimal("1.0")


def test_the_project_list_marks_quiet_projects_in_a_bounded_number_of_queries(
    member, client_for, django_assert_max_num_queries
):
    for _ in range(3):
        _quiet_project()
    client = client_for(member)
    client.get(reverse("projects:browse"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("projects:browse"))
    for _ in range(6):
        _quiet_project()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("projects:browse"))
