"""The measurement API: measures, data (all or nothing), charts and PDSA cycles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.measurement.models import DataPoint, Measure, PDSACycle
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory, PDSACycleFactory, measure_with_values

pytestmark = pytest.mark.django_db

STABLE = [12.0, 10.0] * 6


@pytest.fixture
def project(member):
    return ProjectFactory(lead=member)


def test_the_team_lists_and_adds_measures(member, client_for, project):
    client = client_for(member)
    url = reverse("api:project-measures", kwargs={"project_pk": project.pk})
    created = client.post(
        url,
        {
            "name": "Waiting days",
            "kind": "outcome",
            "unit": "days",
            "improvement": "decrease",
            "target": None,
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["target"] is None and created.json()["improvement"] == "decrease"
    listed = client.get(url).json()
    assert [m["name"] for m in listed] == ["Waiting days"]


def test_a_bad_measure_gets_field_messages(member, client_for, project):
    response = client_for(member).post(
        reverse("api:project-measures", kwargs={"project_pk": project.pk}),
        {"name": "", "kind": "output", "improvement": "up"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"name", "kind", "improvement"} <= set(response.json())


def test_outsiders_read_but_cannot_add(outsider, client_for, project):
    client = client_for(outsider)
    url = reverse("api:project-measures", kwargs={"project_pk": project.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "x", "kind": "outcome", "improvement": "increase"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Measure.objects.exists()


def test_a_draft_projects_measures_are_not_found_by_outsiders(outsider, member, client_for):
    measure = MeasureFactory(project=ProjectFactory(lead=member, published_at=None))
    assert (
        client_for(outsider).get(reverse("api:measure-detail", kwargs={"pk": measure.pk})).status_code == 404
    )
    assert client_for(member).get(reverse("api:measure-detail", kwargs={"pk": measure.pk})).status_code == 200


def test_put_and_delete_a_measure(member, client_for, project):
    measure = MeasureFactory(project=project)
    client = client_for(member)
    url = reverse("api:measure-detail", kwargs={"pk": measure.pk})
    body = {"name": "Renamed", "kind": "process", "improvement": "increase", "target": 3}
    assert client.put(url, body, content_type="application/json").json()["name"] == "Renamed"
    assert client.delete(url).status_code == 204
    assert not Measure.objects.exists()


def test_posting_a_list_of_points_saves_them_all(member, client_for, project):
    measure = MeasureFactory(project=project, improvement="increase")
    url = reverse("api:measure-data", kwargs={"pk": measure.pk})
    points = [
        {"period": f"2026-01-{d:02d}", "value": v} for d, v in zip((5, 12, 19, 26), (1, 2, 3, 4), strict=True)
    ]
    points[0]["annotation"] = "PDSA 1 started"
    response = client_for(member).post(url, points, content_type="application/json")
    assert response.status_code == 201
    assert [p["value"] for p in response.json()] == [1, 2, 3, 4]
    assert client_for(member).get(url).json()[0]["annotation"] == "PDSA 1 started"


def test_posting_one_point_works_too(member, client_for, project):
    measure = MeasureFactory(project=project)
    response = client_for(member).post(
        reverse("api:measure-data", kwargs={"pk": measure.pk}),
        {"period": "2026-01-05", "value": 3.5},
        content_type="application/json",
    )
    assert response.status_code == 201 and DataPoint.objects.get().value == 3.5


def test_one_bad_point_saves_nothing_and_is_named_by_position(member, client_for, project):
    measure = MeasureFactory(project=project)
    response = client_for(member).post(
        reverse("api:measure-data", kwargs={"pk": measure.pk}),
        [{"period": "2026-01-05", "value": 1}, {"period": "2026-02-30", "value": "x"}],
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()  # keyed by the bad point's position in the list
    assert list(errors) == ["1"] and {"period", "value"} == set(errors["1"])
    assert not DataPoint.objects.exists()


def test_a_period_given_twice_is_refused(member, client_for, project):
    measure = MeasureFactory(project=project)
    response = client_for(member).post(
        reverse("api:measure-data", kwargs={"pk": measure.pk}),
        [{"period": "2026-01-05", "value": 1}, {"period": "2026-01-05", "value": 2}],
        content_type="application/json",
    )
    assert response.status_code == 400 and "period" in response.json()
    assert not DataPoint.objects.exists()


def test_the_chart_has_the_issues_shape(member, client_for, project):
    measure = measure_with_values([*STABLE, 30.0], project=project, improvement="increase", target=5)
    data = client_for(member).get(reverse("api:measure-chart", kwargs={"pk": measure.pk})).json()
    assert {
        "chart",
        "mean",
        "median",
        "lower_limit",
        "upper_limit",
        "points",
        "variation",
        "assurance",
        "signals",
        "longest_run",
        "crossings",
    } <= set(data)
    assert data["chart"] == "xmr"
    last = data["points"][-1]
    assert {k: last[k] for k in ("period", "value", "type", "rules", "denominator", "excluded")} == {
        "period": "2026-03-30",
        "value": 30.0,
        "type": "special_cause_improvement",
        "rules": ["outside_limits"],
        "denominator": None,
        "excluded": False,
    }
    assert last["lower_limit"] < last["centre"] < last["upper_limit"] < 30.0
    assert data["rule_set_key"] == "making_data_count" and "shift of 7 points" in data["rule_set"]
    assert (data["variation"], data["assurance"]) == ("improvement_high", "consistently_passing")
    run = client_for(member).get(reverse("api:measure-chart", kwargs={"pk": measure.pk}) + "?type=run").json()
    assert run["chart"] == "run" and run["upper_limit"] is None and run["median"] == 12.0


def test_an_unknown_chart_type_is_a_field_error(member, client_for, project):
    measure = MeasureFactory(project=project)
    response = client_for(member).get(reverse("api:measure-chart", kwargs={"pk": measure.pk}) + "?type=pie")
    assert response.status_code == 400 and "type" in response.json()


def test_pdsa_cycles_under_the_project(member, outsider, client_for, project):
    url = reverse("api:project-pdsa-cycles", kwargs={"project_pk": project.pk})
    body = {
        "change_idea": "Daily huddle",
        "title": "Try it on ward 4",
        "start_date": "2026-01-05",
        "end_date": "2026-01-19",
        "act": "adapt",
    }
    created = client_for(member).post(url, body, content_type="application/json")
    assert created.status_code == 201
    assert client_for(outsider).post(url, body, content_type="application/json").status_code == 403
    bad = client_for(member).post(url, {**body, "end_date": "2026-01-01"}, content_type="application/json")
    assert bad.status_code == 400 and "end_date" in bad.json()
    detail = reverse("api:pdsa-cycle-detail", kwargs={"pk": created.json()["id"]})
    changed = client_for(member).put(detail, {**body, "act": "adopt"}, content_type="application/json")
    assert changed.json()["act"] == "adopt"
    assert client_for(member).delete(detail).status_code == 204
    assert not PDSACycle.objects.exists()


def test_anonymous_requests_are_refused(client):
    cycle = PDSACycleFactory()
    assert client.get(reverse("api:pdsa-cycle-detail", kwargs={"pk": cycle.pk})).status_code == 401
