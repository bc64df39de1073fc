"""Working together: comments with mentions, follows, the feed, notifications people control, the weekly
digest (once a week, whatever the retries), data due, moderation, and who may do what."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from core.models import AuditEntry
from facilitation.models import Status
from projects import services as project_services
from projects.models import Tag
from tests.community.factories import SystemPriorityFactory, UserFactory
from tests.facilitation.factories import in_status
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import DataPointFactory, MeasureFactory
from together import digest, notify, services
from together.models import Comment, DigestSent, Follow, Kind, Notification, Preference

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliver_now(django_capture_on_commit_callbacks):
    """Run the email tasks the code queues, as a worker would (twice, to show a retry sends nothing)."""

    def run(action):
        with (
            mock.patch.object(notify.deliver, "apply_async") as queued,
            django_capture_on_commit_callbacks(execute=True),
        ):
            result = action()
        for call in queued.call_args_list:
            notify.deliver(*call.kwargs["args"])
            notify.deliver(*call.kwargs["args"])
        return result

    return run


def test_a_mention_emails_the_person_once_with_a_link_to_switch_it_off(deliver_now):
    project = ProjectFactory(title="Sepsis screening")
    jo = UserFactory(email="jo.bloggs@ghft.nhs.uk", first_name="Jo")

    deliver_now(
        lambda: services.comment_add(actor=project.lead, subject=project, text="@jo.bloggs can you look?")
    )

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["jo.bloggs@ghft.nhs.uk"]
    assert "mentioned you on Sepsis screening" in email.subject
    assert f"/projects/{project.pk}/#comment-" in email.body
    switch_off = next(line for line in email.body.splitlines() if "/together/unsubscribe/" in line).strip()
    token = switch_off.rstrip("/").rsplit("/", 1)[1]
    assert notify.read_token(token) == (jo.pk, "mention")
    assert Notification.objects.get(user=jo).kind == Kind.MENTION


def test_people_who_cannot_see_a_draft_are_not_told_about_it(deliver_now):
    draft = ProjectFactory(published_at=None)
    UserFactory(email="nosy@ghft.nhs.uk")
    deliver_now(lambda: services.comment_add(actor=draft.lead, subject=draft, text="@nosy have a look"))
    assert not Notification.objects.exists() and not mail.outbox


def test_following_a_programme_brings_its_projects_news_to_the_feed_and_the_digest(client_for):
    frailty = SystemPriorityFactory(name="Frailty")
    project = ProjectFactory(title="Frailty virtual ward", priorities=[frailty])
    follower = UserFactory(first_name="Fran")
    services.follow(actor=follower, target=frailty)

    project_services.project_update_add(
        actor=project.lead, project=project, text="Twelve people at home this week"
    )
    services.comment_add(actor=project.lead, subject=project, text="Thanks to the team")

    feed = client_for(follower).get(reverse("together:feed")).content.decode()
    assert "Frailty virtual ward: " in feed and "added a progress note" in feed
    assert "commented on Frailty virtual ward" in feed
    assert not mail.outbox  # changes and comments wait for the weekly digest by default

    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()):
        first = digest.send_digests(datetime.date(2026, 12, 7))
        again = digest.send_digests(datetime.date(2026, 12, 8))  # the same week, a retry: nothing more
    assert first["digests"] >= 1 and again["digests"] == 0
    mine = [m for m in mail.outbox if m.to == [follower.email]]
    assert len(mine) == 1
    assert "What changed" in mine[0].body and "added a progress note" in mine[0].body
    assert "Comments" in mine[0].body and "commented on Frailty virtual ward" in mine[0].body
    assert DigestSent.objects.filter(user=follower).count() == 1


def test_the_team_hears_about_data_due_in_its_digest():
    measure = MeasureFactory(frequency="weekly", name="Falls per 1,000 bed days")
    DataPointFactory(measure=measure, period=datetime.date(2026, 10, 5))
    member = measure.project.lead

    with mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()):
        digest.send_digests(datetime.date(2026, 12, 7))

    email = next(m for m in mail.outbox if m.to == [member.email])
    assert "Data due" in email.body and "Falls per 1,000 bed days has" in email.body


def test_a_person_chooses_email_at_once_or_nothing(client_for, deliver_now):
    project = ProjectFactory()
    follower = UserFactory()
    services.follow(actor=follower, target=project)
    client = client_for(follower)
    client.post(
        reverse("together:settings"),
        {"mention": "email", "comment": "email", "activity": "portal", "data_due": "portal"},
    )
    assert Preference.objects.get(user=follower, kind="comment").delivery == "email"

    deliver_now(lambda: services.comment_add(actor=project.lead, subject=project, text="An update"))
    deliver_now(lambda: project_services.project_update_add(actor=project.lead, project=project, text="Note"))

    assert [m.to for m in mail.outbox] == [
        [follower.email]
    ]  # the comment by email; the change in the portal only
    assert Notification.objects.filter(user=follower).count() == 2


def test_the_link_in_an_email_switches_that_kind_off_without_signing_in(client):
    person = UserFactory()
    url = reverse("together:unsubscribe", kwargs={"token": notify.unsubscribe_token(person.pk, "mention")})
    assert "Stop these emails" in client.get(url).content.decode()
    client.post(url)
    assert Preference.objects.get(user=person, kind="mention").delivery == "portal"
    assert client.get(reverse("together:unsubscribe", kwargs={"token": "forged"})).status_code == 404


def test_a_comment_is_plain_text_with_safe_links(member, client_for):
    project = ProjectFactory()
    client_for(member).post(
        reverse("together:comment_add", kwargs={"key": "project", "pk": project.pk}),
        {"text": "<script>alert(1)</script> see https://example.org/guide"},
    )
    html = client_for(member).get(project.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert (
        'href="https://example.org/guide" rel="noopener"' in html
        or 'href="https://example.org/guide"' in html
    )


def test_an_empty_comment_is_refused_with_a_message_and_nothing_is_saved(member, client_for):
    project = ProjectFactory()
    response = client_for(member).post(
        reverse("together:comment_add", kwargs={"key": "project", "pk": project.pk}), {"text": "  "}
    )
    assert response.status_code == 200 and "Write your comment" in response.content.decode()
    assert not Comment.objects.exists()


def test_only_the_author_edits_and_admins_remove_with_a_reason_that_is_audited(
    member, admin_user, client_for
):
    project = ProjectFactory()
    comment = services.comment_add(actor=project.lead, subject=project, text="First thoughts")

    assert (
        client_for(member).get(reverse("together:comment_edit", kwargs={"pk": comment.pk})).status_code == 403
    )
    assert (
        client_for(member).post(reverse("together:comment_remove", kwargs={"pk": comment.pk})).status_code
        == 403
    )
    client_for(project.lead).post(
        reverse("together:comment_edit", kwargs={"pk": comment.pk}), {"text": "Second thoughts"}
    )
    comment.refresh_from_db()
    assert comment.text == "Second thoughts" and comment.edited_at is not None

    refused = client_for(admin_user).post(
        reverse("together:comment_remove", kwargs={"pk": comment.pk}), {"reason": ""}
    )
    assert "Say why the comment is removed" in refused.content.decode()
    client_for(admin_user).post(
        reverse("together:comment_remove", kwargs={"pk": comment.pk}), {"reason": "Named a patient"}
    )
    comment.refresh_from_db()
    assert comment.removed_at is not None
    assert AuditEntry.objects.get(action="moderated").message == "Removed: Named a patient"
    page = client_for(member).get(project.get_absolute_url()).content.decode()
    assert "Removed by a community admin: Named a patient" in page and "Second thoughts" not in page


def test_a_draft_s_thread_is_hidden_from_people_outside_its_team(member, client_for):
    draft = ProjectFactory(published_at=None)
    url = reverse("together:comment_add", kwargs={"key": "project", "pk": draft.pk})
    assert client_for(member).post(url, {"text": "Hello"}).status_code == 404
    assert (
        client_for(member)
        .post(reverse("together:follow", kwargs={"key": "project", "pk": draft.pk}))
        .status_code
        == 404
    )
    assert not Comment.objects.exists()


def test_building_the_digest_for_everyone_takes_a_bounded_number_of_queries_per_person(
    django_assert_max_num_queries,
):
    project = ProjectFactory()
    people = [UserFactory() for _ in range(5)]
    for person in people:
        services.follow(actor=person, target=project)
    project_services.project_update_add(actor=project.lead, project=project, text="News")
    with (
        mock.patch("django.db.transaction.on_commit", side_effect=lambda f: f()),
        django_assert_max_num_queries(12 + 6 * len(people)),
    ):
        figures = digest.send_digests(datetime.date(2026, 12, 7))
    assert figures["digests"] == 5


def test_the_requester_hears_about_comments_on_their_facilitation_request(steering, client_for):
    item = in_status(Status.SUBMITTED)
    client_for(steering).post(
        reverse("together:comment_add", kwargs={"key": "request", "pk": item.pk}),
        {"text": "Could you say how many wards are involved?"},
    )
    told = Notification.objects.get(user=item.requester)
    assert told.kind == Kind.COMMENT and item.title in told.text
    page = (
        client_for(item.requester)
        .get(reverse("facilitation:detail", kwargs={"pk": item.pk}))
        .content.decode()
    )
    assert "Could you say how many wards are involved?" in page


def test_a_project_s_team_hears_about_comments_without_following(member):
    teammate = UserFactory()
    project = ProjectFactory(team=[teammate])
    services.comment_add(actor=member, subject=project, text="Lovely work")
    assert set(Notification.objects.values_list("user_id", flat=True)) == {project.lead.pk, teammate.pk}


def test_the_digest_says_each_kind_under_its_heading_and_leaves_out_what_the_person_turned_off():
    person = UserFactory.build(pk=1)
    pending = [
        Notification(kind=Kind.ACTIVITY, text="Ward 4 falls: Jo added a progress note", url="/projects/1/"),
        Notification(kind=Kind.COMMENT, text="Sam commented on Ward 4 falls", url="/projects/1/#comment-3"),
        Notification(
            kind=Kind.MENTION, text="Sam mentioned you on Ward 4 falls", url="/projects/1/#comment-3"
        ),
    ]
    said = digest.contents(person, pending, {Kind.ACTIVITY, Kind.COMMENT})
    assert list(said) == ["What changed", "Comments"]
    assert said["What changed"] == [digest.Line("Ward 4 falls: Jo added a progress note", "/projects/1/")]
    assert digest.contents(person, pending, set()) == {}


def test_people_follow_a_programme_or_a_topic_from_their_feed_page(member, client_for):
    frailty = SystemPriorityFactory(name="Frailty")
    project = ProjectFactory(title="Sepsis six")
    tag = Tag.objects.create(name="sepsis")
    project.tags.add(tag)
    client = client_for(member)
    assert "Follow a programme" in client.get(reverse("together:feed")).content.decode()
    client.post(reverse("together:follow_pick"), {"key": "programme", "id": frailty.pk})
    client.post(reverse("together:follow_pick"), {"key": "topic", "id": tag.pk})
    assert Follow.objects.filter(user=member).count() == 2
    refused = client.post(reverse("together:follow_pick"), {"key": "project", "id": project.pk}, follow=True)
    assert "Choose what to follow from the list" in refused.content.decode()
    project_services.project_update_add(actor=project.lead, project=project, text="Screening at triage")
    assert (
        Notification.objects.filter(user=member, kind=Kind.ACTIVITY).count() == 1
    )  # heard once, via the topic


def test_the_author_is_told_when_an_admin_removes_their_comment(admin_user):
    project = ProjectFactory()
    comment = services.comment_add(actor=project.lead, subject=project, text="Patient named here")
    services.comment_remove(actor=admin_user, comment=comment, reason="Named a patient")
    told = Notification.objects.get(user=project.lead, key=f"removed:{comment.pk}")
    assert told.text == f"A community admin removed your comment on {project.title}: Named a patient"


def test_telling_many_followers_takes_the_same_queries_however_many_there_are(
    django_assert_num_queries, django_assert_max_num_queries
):
    project = ProjectFactory()

    def followed_by(count):
        for _ in range(count):
            services.follow(actor=UserFactory(), target=project)

    followed_by(2)
    with django_assert_max_num_queries(50) as few:
        services.record(subject=project, actor=project.lead, text="A change")
    followed_by(10)
    with django_assert_num_queries(len(few.captured_queries)):
        services.record(subject=project, actor=project.lead, text="Another change")
