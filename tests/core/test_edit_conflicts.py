"""Two people editing the same record: the second is told who changed it and keeps their input; nothing is
silently overwritten (optimistic locking, core.versioning). Real concurrent transactions on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.urls import reverse
from markupsafe import escape

from champions import services as champion_services
from champions.models import Champion
from core.versioning import EditConflict, parse_version
from facilitation import services as facilitation_services
from facilitation.models import FacilitationRequest
from facilitation.status import Status
from projects import services as project_services
from projects.measurement import services as measure_services
from projects.measurement.models import Measure
from projects.models import Project
from tests.champions.factories import ChampionFactory
from tests.concurrency import at_once
from tests.facilitation.factories import in_status
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory

PROJECT_FORM = {
    "title": "Falls on ward 3",
    "problem": "Older people fall at night.",
    "aim": "Fewer falls by March.",
    "status": "planning",
    "progress_score": "1.0",
    "tags": "",
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ('"3"', 3),
        ('W/"3"', 3),
        ("", None),
        (None, None),
        ("x", None),
        ("-1", None),
        ("9" * 12, None),
    ],
)
def test_versions_are_read_from_forms_and_headers(value, expected):
    assert parse_version(value) == expected


# Each versioned record, and its service called as someone who opened version 1.
def _project(admin: Any) -> tuple[Any, Callable[[str], Any]]:
    project = ProjectFactory(title="Falls on ward 3")

    def edit(title: str) -> Any:
        fresh = Project.objects.get(pk=project.pk)
        return project_services.project_update(
            actor=admin, project=fresh, values={"title": title}, expected_version=1
        )

    return project, edit


def _measure(admin: Any) -> tuple[Any, Callable[[str], Any]]:
    measure = MeasureFactory(name="Falls per 1,000 bed days")

    def edit(name: str) -> Any:
        fresh = Measure.objects.get(pk=measure.pk)
        return measure_services.measure_update(actor=admin, measure=fresh, expected_version=1, name=name)

    return measure, edit


def _champion(admin: Any) -> tuple[Any, Callable[[str], Any]]:
    champion = ChampionFactory(hours_per_month=D("10"))

    def edit(offer: str) -> Any:
        fresh = Champion.objects.get(pk=champion.pk)
        return champion_services.champion_update(champion=fresh, actor=admin, expected_version=1, offer=offer)

    return champion, edit


def _request(admin: Any) -> tuple[Any, Callable[[str], Any]]:
    item = in_status(Status.SUBMITTED)

    def edit(title: str) -> Any:
        fresh = FacilitationRequest.objects.get(pk=item.pk)
        return facilitation_services.request_save(
            actor=admin, request=fresh, values={"title": title}, expected_version=1
        )

    return item, edit


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("record", [_project, _measure, _champion, _request])
def test_two_people_saving_the_same_version_at_once_save_once(record, admin_user):
    obj, edit = record(admin_user)

    results = at_once(lambda: edit("First person's words"), lambda: edit("Second person's words"))

    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert len(conflicts) == 1, results
    assert conflicts[0].current == 2
    assert "after you opened it" in conflicts[0].messages[0]
    obj.refresh_from_db()
    assert obj.version == 2
    saved = next(r for r in results if not isinstance(r, EditConflict))
    assert saved.pk == obj.pk


@pytest.mark.django_db
def test_an_edit_without_a_version_still_moves_it_on(admin_user):
    """The admin site and scripts do not read a version: their saves still tell everyone else."""
    project = ProjectFactory()
    project_services.project_update(actor=admin_user, project=project, values={"title": "Renamed"})
    project.refresh_from_db()
    assert project.version == 2


@pytest.mark.django_db
def test_the_project_page_keeps_the_second_persons_input_and_names_the_first(member, admin_user, client_for):
    project = ProjectFactory(team=[member], title="Falls on ward 3")
    mine, theirs = client_for(member), client_for(admin_user)
    opened = mine.get(f"/projects/{project.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in opened

    theirs.post(
        f"/projects/{project.pk}/edit/",
        {**PROJECT_FORM, "title": "Falls on wards 3 and 4", "lead": project.lead_id, "version": "1"},
    )
    response = mine.post(
        f"/projects/{project.pk}/edit/",
        {**PROJECT_FORM, "title": "Night-time falls on ward 3", "lead": project.lead_id, "version": "1"},
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert str(escape(admin_user.get_full_name())) in body and "after you opened it" in body  # "O'Neill"
    assert 'value="Night-time falls on ward 3"' in body  # the person's input is kept
    assert 'name="version" value="2"' in body  # sending it again now is deliberate
    project.refresh_from_db()
    assert project.title == "Falls on wards 3 and 4"

    again = mine.post(
        f"/projects/{project.pk}/edit/",
        {**PROJECT_FORM, "title": "Night-time falls on ward 3", "lead": project.lead_id, "version": "2"},
    )
    assert again.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.version) == ("Night-time falls on ward 3", 3)


@pytest.mark.django_db
def test_the_measure_page_refuses_a_stale_save(member, client_for):
    project = ProjectFactory(team=[member])
    measure = MeasureFactory(project=project, name="Falls")
    measure_services.measure_update(actor=member, measure=measure, name="Falls per 1,000 bed days")
    url = reverse("projects:measure_edit", kwargs={"pk": measure.pk})
    data = {"name": "Falls a month", "kind": "outcome", "improvement": "decrease", "frequency": "monthly"}

    response = client_for(member).post(url, {**data, "chart_type": "xmr", "version": "1"})

    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    measure.refresh_from_db()
    assert measure.name == "Falls per 1,000 bed days"


@pytest.mark.django_db
def test_the_champion_page_refuses_a_stale_save(admin_user, client_for):
    champion = ChampionFactory(hours_per_month=D("10"))
    url = reverse("champions:champion_edit", kwargs={"pk": champion.pk})
    client = client_for(admin_user)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [], "")}
    data.pop("capacity_start", None)
    data.pop("capacity_end", None)
    start = champion.capacity_start
    data.update(
        {
            "hours_per_month": "16",
            "capacity_start_day": str(start.day),
            "capacity_start_month": str(start.month),
            "capacity_start_year": str(start.year),
            "version": "1",
        }
    )
    champion_services.champion_update(champion=champion, actor=admin_user, offer="Coaching on Tuesdays")

    response = client.post(url, data)

    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    champion.refresh_from_db()
    assert champion.hours_per_month == D("10")


@pytest.mark.django_db
def test_the_request_page_refuses_a_stale_save(member, client_for):
    item = in_status(Status.DRAFT, requester=member)
    facilitation_services.request_save(actor=member, request=item, values={"title": "Saved elsewhere"})

    response = client_for(member).post(
        reverse("facilitation:edit", kwargs={"pk": item.pk}),
        {"title": "Typed here", "intent": "draft", "version": "1"},
    )

    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Saved elsewhere"


@pytest.mark.django_db
def test_the_api_gives_an_etag_and_refuses_a_stale_if_match(member, client_for):
    project = ProjectFactory(team=[member], title="Falls on ward 3")
    client = client_for(member)
    url = f"/api/v1/projects/{project.pk}/"
    read = client.get(url)
    assert read["ETag"] == '"1"' and read.json()["version"] == 1

    first = client.patch(
        url, {"title": "First"}, content_type="application/json", headers={"If-Match": '"1"'}
    )
    assert first.status_code == 200 and first["ETag"] == '"2"'

    stale = client.patch(
        url, {"title": "Second"}, content_type="application/json", headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    assert stale.json()["version"] == 2 and "after you opened it" in stale.json()["detail"]

    in_body = client.patch(url, json.dumps({"title": "Third", "version": 1}), content_type="application/json")
    assert in_body.status_code == 409
    project.refresh_from_db()
    assert project.title == "First"

    bad = client.patch(url, {"title": "Fourth"}, content_type="application/json", headers={"If-Match": "*x"})
    assert bad.status_code == 400 and "If-Match" in bad.json()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["request", "measure", "champion"])
def test_every_versioned_api_refuses_a_stale_version(kind, member, admin_user, client_for):
    if kind == "request":
        obj: Any = in_status(Status.DRAFT, requester=member)
        client, url, change = client_for(member), f"/api/v1/facilitation/requests/{obj.pk}/", {"title": "New"}
    elif kind == "measure":
        obj = MeasureFactory(project=ProjectFactory(team=[member]))
        client, url, change = client_for(member), f"/api/v1/measures/{obj.pk}/", None
    else:
        obj = ChampionFactory()
        client, url, change = client_for(admin_user), f"/api/v1/champions/{obj.pk}/", {"offer": "Coaching"}
    current = client.get(url)
    assert current.status_code == 200 and current["ETag"] == '"1"'
    type(obj).objects.filter(pk=obj.pk).update(version=2)  # someone saved meanwhile
    if change is None:  # a measure is replaced whole
        change = {k: v for k, v in current.json().items() if k not in ("id", "variation", "assurance")}
        method = client.put
    else:
        method = client.patch

    response = method(url, change, content_type="application/json", headers={"If-Match": '"1"'})

    assert response.status_code == 412, response.content
    assert response.json()["version"] == 2
