"""PDSA cycles on a project (ramps per change idea) and the measure portfolio."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from projects.measurement.models import PDSACycle
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory, PDSACycleFactory, measure_with_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    return ProjectFactory(lead=member, title="Shorter waits in outpatients")


def _cycle_post(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "change_idea": "Text message reminders",
        "title": "Send reminders for one clinic",
        "plan": "One clinic, two weeks",
        "prediction": "Fewer missed appointments",
        "start_date_day": "5",
        "start_date_month": "1",
        "start_date_year": "2026",
        "act": "adapt",
    }
    data.update(overrides)
    return data


def test_the_team_adds_a_pdsa_cycle(member, client_for, project):
    response = client_for(member).post(
        reverse("projects:pdsa_new", kwargs={"project_pk": project.pk}), _cycle_post()
    )
    assert response.status_code == 302
    cycle = PDSACycle.objects.get()
    assert (cycle.change_idea, cycle.start_date, cycle.act) == (
        "Text message reminders",
        dt.date(2026, 1, 5),
        "adapt",
    )


def test_a_cycle_ending_before_it_starts_is_refused_with_a_message(member, client_for, project):
    response = client_for(member).post(
        reverse("projects:pdsa_new", kwargs={"project_pk": project.pk}),
        _cycle_post(end_date_day="1", end_date_month="1", end_date_year="2026"),
    )
    assert response.status_code == 200
    assert "end_date" in response.context["form"].errors
    assert not PDSACycle.objects.exists()


def test_outsiders_cannot_add_or_edit_cycles(outsider, client_for, project):
    cycle = PDSACycleFactory(project=project)
    client = client_for(outsider)
    assert (
        client.post(
            reverse("projects:pdsa_new", kwargs={"project_pk": project.pk}), _cycle_post()
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("projects:pdsa_edit", kwargs={"pk": cycle.pk}), _cycle_post()).status_code == 404
    )


def test_editing_a_cycle_records_the_act(member, client_for, project):
    cycle = PDSACycleFactory(project=project)
    client_for(member).post(reverse("projects:pdsa_edit", kwargs={"pk": cycle.pk}), _cycle_post(act="adopt"))
    cycle.refresh_from_db()
    assert cycle.act == "adopt"


def test_cycles_are_shown_as_ramps_per_change_idea_in_date_order(member, client_for, project):
    PDSACycleFactory(project=project, change_idea="Huddle", title="Second", start_date=dt.date(2026, 2, 1))
    PDSACycleFactory(project=project, change_idea="Huddle", title="First", start_date=dt.date(2026, 1, 1))
    PDSACycleFactory(project=project, change_idea="Reminders", title="Only", start_date=dt.date(2026, 1, 15))
    html = (
        client_for(member)
        .get(reverse("projects:project_measurement", kwargs={"project_pk": project.pk}))
        .content.decode()
    )
    assert html.index("Cycle 1: First") < html.index("Cycle 2: Second")
    assert "<h3>Huddle</h3>" in html and "<h3>Reminders</h3>" in html


def test_the_project_measurement_page_keeps_its_query_count(
    member, client_for, project, django_assert_max_num_queries
):
    for i in range(10):
        PDSACycleFactory(project=project, change_idea=f"Idea {i % 3}")
        MeasureFactory(project=project)
    client = client_for(member)
    # A fixed set, whatever the number of measures and cycles: the session, the project and its team, the
    # cycles and the measures each marks, the driver diagram, the measures, all their points in one
    # query, and the community's rule set.
    with django_assert_max_num_queries(11):
        assert (
            client.get(reverse("projects:project_measurement", kwargs={"project_pk": project.pk})).status_code
            == 200
        )


def test_the_portfolio_lists_measures_of_published_projects_with_their_icons(outsider, client_for, member):
    improving = measure_with_values(
        [12.0, 10.0] * 6 + [30.0], name="Discharges before noon", improvement="increase"
    )
    draft = MeasureFactory(project=ProjectFactory(lead=member, published_at=None), name="Secret")
    response = client_for(outsider).get(reverse("projects:measures_portfolio"))
    html = response.content.decode()
    assert "Discharges before noon" in html and "Secret" not in html
    assert "icons/variation/improvement_high.svg" in html
    assert [m.pk for m in response.context["listing"].ordered] == [improving.pk]
    assert draft.pk != improving.pk


def test_the_portfolio_filters_by_variation_and_searches(outsider, client_for):
    measure_with_values([12.0, 10.0] * 6 + [30.0], name="Improving", improvement="increase")
    measure_with_values([12.0, 10.0] * 6, name="Stable", improvement="increase")
    client = client_for(outsider)
    by_icon = client.get(reverse("projects:measures_portfolio") + "?variation=improvement_high")
    assert [m.name for m in by_icon.context["listing"].ordered] == ["Improving"]
    by_text = client.get(reverse("projects:measures_portfolio") + "?q=stab")
    assert [m.name for m in by_text.context["listing"].ordered] == ["Stable"]


def test_the_portfolio_exports_and_keeps_its_query_count(outsider, client_for, django_assert_max_num_queries):
    for i in range(25):
        measure_with_values([float(i), float(i + 1)] * 5, name=f"Measure {i:02d}")
    client = client_for(outsider)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("projects:measures_portfolio")).status_code == 200
    response = client.get(reverse("projects:measures_portfolio") + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert len(body.strip().splitlines()) == 26


def test_the_portfolio_filters_by_the_projects_organisation_and_priority(outsider, client_for):
    from tests.community.factories import OrganisationFactory, SystemPriorityFactory

    org, priority = OrganisationFactory(), SystemPriorityFactory()
    tagged = ProjectFactory(organisations=[org], priorities=[priority])
    measure_with_values([1.0, 2.0], name="Tagged", project=tagged)
    measure_with_values([1.0, 2.0], name="Other")
    client = client_for(outsider)
    url = reverse("projects:measures_portfolio")
    assert [m.name for m in client.get(f"{url}?organisation={org.pk}").context["listing"].ordered] == [
        "Tagged"
    ]
    assert [m.name for m in client.get(f"{url}?priority={priority.pk}").context["listing"].ordered] == [
        "Tagged"
    ]


def test_latest_icons_gives_dashboards_each_measures_stored_icons(django_assert_max_num_queries):
    from projects.measurement.selectors import latest_icons

    improving = measure_with_values([12.0, 10.0] * 6 + [30.0], improvement="increase", target=5)
    too_short = measure_with_values([1.0, 2.0])
    with django_assert_max_num_queries(1):
        icons = latest_icons([improving.pk, too_short.pk])
    assert icons == {improving.pk: ("improvement_high", "consistently_passing"), too_short.pk: (None, None)}
