"""Every create form acts once: a double click, a re-sent form or a second submit creates nothing twice."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from core.models import FormSubmission
from facilitation.models import FacilitationRequest
from facilitation.status import Status
from projects.models import Project
from tests.concurrency import at_once
from tests.facilitation.test_request_form import _answers
from tests.projects.test_register import _form


def _token_in(html: str) -> str:
    match = re.search(r'name="form_token" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries no one-time token"
    return match[1]


@pytest.mark.django_db
def test_the_create_forms_carry_a_one_time_token(member, client_for):
    client = client_for(member)
    for url in ("/projects/new/", reverse("facilitation:new"), reverse("champions:champion_nominate")):
        first, second = (
            _token_in(client.get(url).content.decode()),
            _token_in(client.get(url).content.decode()),
        )
        assert first != second


@pytest.mark.django_db
def test_posting_a_project_form_twice_creates_one_project(member, client_for):
    client = client_for(member)
    data = {**_form(action="draft"), "form_token": str(uuid.uuid4())}
    first = client.post("/projects/new/", data)
    second = client.post("/projects/new/", data, follow=True)
    assert first.status_code == 302
    assert Project.objects.count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "already been sent" in second.content.decode()


@pytest.mark.django_db
def test_a_form_shown_again_with_errors_can_be_sent_again_with_its_token(member, client_for):
    client = client_for(member)
    token = str(uuid.uuid4())
    refused = client.post("/projects/new/", {**_form(action="draft", title=""), "form_token": token})
    assert refused.status_code == 200 and _token_in(refused.content.decode()) == token
    assert client.post("/projects/new/", {**_form(action="draft"), "form_token": token}).status_code == 302
    assert Project.objects.count() == 1


@pytest.mark.django_db
def test_submitting_after_a_refused_submit_keeps_one_request(member, client_for):
    client = client_for(member)
    token = str(uuid.uuid4())
    answers = _answers()
    incomplete = {**answers, "aim": "", "intent": "submit", "form_token": token}
    refused = client.post(reverse("facilitation:new"), incomplete)
    assert refused.status_code == 200
    draft = FacilitationRequest.objects.get()
    html = refused.content.decode()
    # The form shown again belongs to the saved draft, so sending it again edits the draft.
    assert f'action="{reverse("facilitation:edit", kwargs={"pk": draft.pk})}"' in html
    again = client.post(reverse("facilitation:new"), incomplete)  # the same post sent again
    assert again.status_code == 302 and FacilitationRequest.objects.count() == 1
    client.post(
        reverse("facilitation:edit", kwargs={"pk": draft.pk}),
        {**answers, "intent": "submit", "form_token": _token_in(html)},
    )
    assert FacilitationRequest.objects.count() == 1
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_the_same_moment_create_one_project(member):
    data = {**_form(action="draft"), "form_token": str(uuid.uuid4())}

    def post() -> int:
        client = Client()
        client.force_login(member)
        return client.post("/projects/new/", data).status_code

    statuses = at_once(post, post)
    assert statuses == [302, 302]
    assert Project.objects.count() == 1
    assert FormSubmission.objects.get().result_url.startswith("/projects/")


@pytest.mark.django_db
def test_old_form_tokens_are_forgotten(member):
    import datetime

    from django.utils import timezone

    from core.tasks import forget_form_tokens

    old = FormSubmission.objects.create(token=uuid.uuid4(), user=member, path="/projects/new/")
    FormSubmission.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    FormSubmission.objects.create(token=uuid.uuid4(), user=member, path="/projects/new/")
    assert forget_form_tokens() == 1
    assert FormSubmission.objects.count() == 1
