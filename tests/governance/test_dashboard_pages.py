"""Dashboard pages read snapshots only: charts, tables, CSV, filters, warnings and each role's view."""

from __future__ import annotations

import datetime
import json
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Organisation
from dashboards import registry, snapshots, tasks
from dashboards.models import DashboardSnapshot
from tests.community.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(organisation):
    for i in range(30):
        UserFactory(
            organisation=organisation if i % 2 else OrganisationFactory(), email=f"p{i}@partner.example"
        )
    snapshots.rebuild("community")
    snapshots.rebuild("delivery")


def test_the_board_sees_a_card_for_every_dashboard_and_each_dashboard_with_charts_tables_and_downloads(
    board, client_for, built, clean_pending
):
    client = client_for(board)
    response = client.get(reverse("governance:dashboards"))

    assert response.status_code == 200
    html = response.content.decode()
    # The overview: each dashboard's headline figures, what its charts show and a link to them.
    assert "Partner organisations by kind" in html
    assert "Delivery plan actions by theme and RAG status" in html
    assert "Data as of" in html
    assert reverse("governance:dashboard", kwargs={"key": "community"}) in html
    assert "governance-headline" in html
    assert 'type="application/json"' not in html and "<table" not in html
    # Each dashboard's own page draws the charts with their tables and downloads.
    page = client.get(reverse("governance:dashboard", kwargs={"key": "community"})).content.decode()
    assert 'type="application/json" id="figure-community-organisations-by-kind"' in page
    assert reverse("governance:chart_csv", kwargs={"key": "community", "chart": "people-by-role"}) in page
    assert "<table" in page


def test_the_stored_figure_json_is_valid_and_matches_the_table(board, client_for, built, clean_pending):
    html = (
        client_for(board).get(reverse("governance:dashboard", kwargs={"key": "community"})).content.decode()
    )
    start = html.index('id="figure-community-organisations-by-kind">') + len(
        'id="figure-community-organisations-by-kind">'
    )
    figure = json.loads(html[start : html.index("</script>", start)])
    assert figure["data"][0]["type"] == "bar"
    assert sum(figure["data"][0]["y"]) == sum(o.headcount for o in Organisation.objects.all())


def test_a_chart_with_nothing_to_draw_says_why_instead_of_an_empty_frame(board, client_for, built):
    html = client_for(board).get(reverse("governance:dashboard", kwargs={"key": "delivery"})).content.decode()
    assert "No self-assessment yet: the chart appears once one is recorded." in html
    assert 'id="figure-delivery-self-assessment-trend"' not in html
    assert "Self-assessment component scores over time: data" not in html  # no header-only table


def test_a_chart_downloads_as_csv(board, client_for, built):
    response = client_for(board).get(
        reverse("governance:chart_csv", kwargs={"key": "community", "chart": "organisations-by-kind"})
    )
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Kind,Organisations,Staff headcount"
    assert len(lines) >= 2


def test_an_unknown_chart_or_dashboard_is_not_found(board, client_for, built):
    client = client_for(board)
    assert (
        client.get(reverse("governance:chart_csv", kwargs={"key": "community", "chart": "nope"})).status_code
        == 404
    )
    assert client.get(reverse("governance:dashboard", kwargs={"key": "nope"})).status_code == 404


def test_dashboards_issue_a_bounded_number_of_queries(
    board, client_for, built, clean_pending, django_assert_max_num_queries
):
    client = client_for(board)
    client.get(reverse("governance:dashboards"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:dashboards")).status_code == 200


def test_the_index_reads_each_snapshots_headline_not_its_stored_page(board, client_for, built):
    client = client_for(board)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("governance:dashboards"))

    assert response.status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries if "dashboards_dashboardsnapshot" in q["sql"])
    assert "headline" in read  # picked out of the data by the database
    assert '"dashboards_dashboardsnapshot"."page"' not in read


def test_a_filter_never_built_before_queues_a_build_and_says_it_is_being_prepared(
    board, client_for, built, organisation, clean_pending, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.rebuild_dashboard, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(board).get(reverse("governance:dashboards"), {"organisation": organisation.pk})

    assert response.status_code == 200
    assert "being prepared" in response.content.decode()
    filterable = sorted(d.key for d in registry.all_dashboards() if "organisation" in d.filters)
    assert sorted(call.kwargs["args"][0] for call in sent.call_args_list) == filterable  # one build each
    for call in sent.call_args_list:
        assert call.kwargs["kwargs"] == {"parameters": {"organisation": organisation.pk}}
        assert call.kwargs["countdown"] == 0  # someone is waiting for it
    assert "The filters do not apply to this dashboard" in response.content.decode()


def test_a_filtered_snapshot_is_shown_for_its_filter(board, client_for, organisation, clean_pending):
    UserFactory(organisation=organisation)
    snapshots.rebuild("community", {"organisation": organisation.pk})
    response = client_for(board).get(
        reverse("governance:dashboard", kwargs={"key": "community"}), {"organisation": organisation.pk}
    )
    assert response.context["panel"]["snapshot"].params_key == f"organisation={organisation.pk}"
    assert "being prepared" not in response.content.decode()


def test_pages_render_the_last_snapshot_with_its_age_when_the_broker_is_unreachable(
    board, client_for, built, broker_down
):
    DashboardSnapshot.objects.filter(dashboard="community").update(
        built_at=timezone.now() - datetime.timedelta(hours=3)
    )
    client = client_for(board)

    response = client.get(reverse("governance:dashboards"))
    filtered = client.get(reverse("governance:dashboards"), {"period": "fy2025"})

    assert response.status_code == 200
    html = response.content.decode().replace("\xa0", " ")
    assert "3 hours ago" in html
    assert "These figures may be out of date" in html
    assert filtered.status_code == 200


def test_a_failed_rebuild_shows_a_warning_above_the_last_good_figures(
    board, client_for, built, clean_pending
):
    def boom(params):
        raise RuntimeError("source unavailable")

    original = registry.get("community")
    registry.register("community", boom, title="Community", order=90)
    try:
        snapshots.rebuild("community")
    finally:
        registry._REGISTRY["community"] = original
    html = client_for(board).get(reverse("governance:dashboards")).content.decode()

    assert "The latest rebuild failed" in html
    assert "Partner organisations by kind" in html


@pytest.mark.parametrize(
    "persona, status", [("member", 403), ("steering", 403), ("board", 200), ("admin_user", 200)]
)
def test_only_the_board_and_admins_see_the_dashboards(
    persona, status, request, client_for, built, clean_pending
):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("governance:dashboards")).status_code == status
    csv = client_for(user).get(
        reverse("governance:chart_csv", kwargs={"key": "community", "chart": "organisations-by-kind"})
    )
    assert csv.status_code == status


@pytest.mark.parametrize("persona", ["member", "steering", "board", "admin_user"])
def test_every_member_of_staff_sees_the_public_summary_without_the_tables(
    persona, request, client_for, built
):
    response = client_for(request.getfixturevalue(persona)).get(reverse("governance:summary"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "People using the portal" in html
    assert "<table" not in html
    assert "Delivery plan" in html


def test_anonymous_visitors_are_sent_to_sign_in(client, built):
    response = client.get(reverse("governance:summary"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_rebuilt_snapshot_shows_its_new_table_not_a_remembered_one(
    board, client_for, organisation, clean_pending
):
    client = client_for(board)
    snapshots.rebuild("community")
    first = client.get(reverse("governance:dashboard", kwargs={"key": "community"})).content.decode()
    OrganisationFactory(name="Brand New Partner", short_name="BNP", kind="voluntary_sector", headcount=77)
    snapshots.rebuild("community")
    second = client.get(reverse("governance:dashboard", kwargs={"key": "community"})).content.decode()
    assert "BNP" not in first
    assert "BNP" in second


def test_the_summary_issues_a_bounded_number_of_queries(
    member, client_for, built, django_assert_max_num_queries
):
    client = client_for(member)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("governance:summary")).status_code == 200
