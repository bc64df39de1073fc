"""Proportions, rates and rare events end to end: the measure form's chart choice and advice, data with a
numerator and a denominator typed, pasted, uploaded and sent to the API, the chart page and its table,
exports, leaving a point out of the limits, and the rule set."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

from core.audit import audit_trail
from projects.measurement import services
from projects.measurement.models import DataPoint, Measure, MeasurementSettings
from projects.measurement.services import measure_refresh
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory

pytestmark = pytest.mark.django_db

WEEKS = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(20)]
SCREENED = [62, 58, 65, 60, 61, 59, 63, 64, 57, 60, 62, 61, 66, 60, 59, 63, 90, 91, 92, 95]
SEEN = [100, 96, 104, 98, 101, 97, 100, 103, 95, 99, 102, 100, 104, 99, 97, 101, 100, 98, 99, 100]


@pytest.fixture
def project(member):
    return ProjectFactory(lead=member)


def proportion(project, **kwargs):
    defaults = {
        "value_kind": "proportion",
        "chart_type": "p",
        "multiplier": 100,
        "improvement": "increase",
        "unit": "% screened",
    }
    measure = MeasureFactory(project=project, **{**defaults, **kwargs})
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=w, value=n, denominator=d)
        for w, n, d in zip(WEEKS, SCREENED, SEEN, strict=True)
    )
    measure_refresh(measure)
    return measure


def test_a_team_records_a_proportion_from_the_form_and_pastes_three_columns(member, client_for, project):
    client = client_for(member)
    response = client.post(
        reverse("projects:measure_new", kwargs={"project_pk": project.pk}),
        {
            "name": "Patients screened for sepsis",
            "kind": "process",
            "improvement": "increase",
            "frequency": "weekly",
            "value_kind": "proportion",
            "multiplier": "100",
            "chart_type": "p",
            "rule_set": "",
        },
    )
    measure = Measure.objects.get(project=project)
    assert response.status_code == 302
    assert (measure.value_kind, measure.chart_type, measure.multiplier) == ("proportion", "p", 100)
    pasted = "Week\tScreened\tSeen\n" + "\n".join(
        f"{w:%d/%m/%Y}\t{n}\t{d}" for w, n, d in zip(WEEKS, SCREENED, SEEN, strict=True)
    )
    response = client.post(reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": pasted})
    assert response.status_code == 302
    assert measure.points.count() == 20
    assert measure.points.get(period=WEEKS[0]).denominator == 100
    page = client.get(measure.get_absolute_url()).content.decode()
    assert '<strong aria-current="page">P chart (proportion)</strong>' in page
    assert "Numerator" in page and "Denominator" in page and "Percentage" in page
    assert "Rules: Making Data Count (NHS England): a point outside the limits" in page
    measure.refresh_from_db()
    assert measure.variation == "improvement_high"  # the last four weeks are far above the limits


def test_the_paste_box_names_every_bad_row_of_a_proportion_and_saves_nothing(member, client_for, project):
    measure = MeasureFactory(project=project, value_kind="proportion", chart_type="p")
    pasted = "05/01/2026\t12\t40\n12/01/2026\t12\n19/01/2026\t50\t40\n26/01/2026\t5\t0\n"
    response = client_for(member).post(
        reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": pasted}
    )
    assert response.status_code == 200
    problems = [(p.row, p.column, p.message) for p in response.context["problems"]]
    assert problems == [
        (2, "denominator", "Give a period, a numerator and a denominator on each line"),
        (3, "value", "The numerator cannot be more than the denominator"),
        (4, "denominator", "The denominator must be more than 0"),
    ]
    assert not measure.points.exists()


def test_an_upload_finds_the_numerator_and_denominator_columns(member, client_for, project):
    measure = MeasureFactory(project=project, value_kind="rate", chart_type="u", multiplier=1000)
    csv = "period,falls,bed days,notes\n2026-01-05,3,1200,\n2026-01-12,5,1150,PDSA 1\n"
    csv = csv.replace("falls", "count")
    upload = SimpleUploadedFile("falls.csv", csv.encode(), content_type="text/csv")
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 302
    assert list(measure.points.values_list("value", "denominator", "annotation")) == [
        (3.0, 1200.0, ""),
        (5.0, 1150.0, "PDSA 1"),
    ]


def test_typing_one_value_of_a_rate_asks_for_its_denominator(member, client_for, project):
    measure = MeasureFactory(project=project, value_kind="rate", chart_type="u")
    url = reverse("projects:measure_add_point", kwargs={"pk": measure.pk})
    client = client_for(member)
    form = client.get(url).context["form"]
    assert form.fields["value"].label == "Numerator" and form.fields["denominator"].required
    period = {"period_day": "5", "period_month": "1", "period_year": "2026"}
    response = client.post(url, {**period, "value": "4"})
    assert response.status_code == 200
    assert response.context["form"].errors["denominator"] == ["Enter the denominator"]
    response = client.post(url, {**period, "value": "4", "denominator": "1200"})
    assert measure.points.get().denominator == 1200


def test_a_chart_that_does_not_suit_the_measure_is_refused_with_the_ones_that_do(member, client_for, project):
    response = client_for(member).post(
        reverse("projects:measure_new", kwargs={"project_pk": project.pk}),
        {
            "name": "Length of stay",
            "kind": "outcome",
            "improvement": "decrease",
            "frequency": "weekly",
            "value_kind": "value",
            "multiplier": "1",
            "chart_type": "p",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["chart_type"] == [
        "A P chart (proportion) does not suit this measure: choose XmR chart (individuals), Run chart"
    ]
    page = response.content.decode()
    assert "Which chart suits the measure?" in page
    assert "P chart (proportion): you record a numerator and a denominator" in page


def test_the_chart_page_offers_only_charts_that_suit_and_exports_both_parts(member, client_for, project):
    measure = proportion(project)
    client = client_for(member)
    page = client.get(measure.get_absolute_url()).content.decode()
    for offered in ("?type=pp", "?type=xmr", "?type=run"):
        assert f'href="{offered}"' in page
    assert 'href="?type=c"' not in page
    response = client.get(measure.get_absolute_url() + "?export=csv")
    csv = b"".join(response.streaming_content).decode().splitlines()
    assert csv[0].lstrip("\ufeff").startswith("Period,Numerator,Denominator,Value,Type")
    assert csv[1].startswith("2026-01-05,62.0,100.0,62.0,")
    ihi = client.get(measure.get_absolute_url() + "?type=c")
    assert ihi.status_code == 200 and ihi.context["chart"].chart == "p"  # falls back to the measure's own


def test_leaving_a_point_out_of_the_limits_moves_them_and_is_audited(member, client_for, project):
    measure = proportion(project, chart_type="xmr")
    client = client_for(member)
    before = client.get(measure.get_absolute_url()).context["chart"].points[0].upper_limit
    url = reverse("projects:measure_exclude", kwargs={"pk": measure.pk})
    for week in WEEKS[16:]:
        assert client.post(url, {"period": week.isoformat(), "action": "exclude"}).status_code == 302
    chart = client.get(measure.get_absolute_url()).context["chart"]
    assert chart.points[0].upper_limit < before
    assert chart.points[16].excluded and "outside_limits" in chart.points[16].rules
    assert audit_trail(measure).filter(action="excluded from limits").count() == 4
    client.post(url, {"period": WEEKS[16].isoformat(), "action": "include"})
    assert not measure.points.get(period=WEEKS[16]).excluded


def test_an_outsider_cannot_leave_points_out(outsider, client_for, project):
    measure = proportion(project)
    url = reverse("projects:measure_exclude", kwargs={"pk": measure.pk})
    response = client_for(outsider).post(url, {"period": WEEKS[0].isoformat()})
    assert response.status_code == 404
    assert not measure.points.filter(excluded=True).exists()


def test_the_api_takes_denominators_and_draws_any_chart_that_suits(member, client_for, project):
    measure = MeasureFactory(project=project, value_kind="proportion", chart_type="p", multiplier=100)
    client = client_for(member)
    data_url = reverse("api:measure-data", kwargs={"pk": measure.pk})
    body = [
        {"period": w.isoformat(), "value": n, "denominator": d}
        for w, n, d in zip(WEEKS, SCREENED, SEEN, strict=True)
    ]
    assert client.post(data_url, body, content_type="application/json").status_code == 201
    missing = client.post(data_url, {"period": "2027-01-04", "value": 3}, content_type="application/json")
    assert missing.status_code == 400 and missing.json()["denominator"] == ["Enter the denominator"]
    chart_url = reverse("api:measure-chart", kwargs={"pk": measure.pk})
    chart = client.get(chart_url).json()
    assert chart["chart"] == "p" and chart["multiplier"] == 100
    assert chart["points"][0]["numerator"] == 62 and chart["points"][0]["denominator"] == 100
    limits = {(p["lower_limit"], p["upper_limit"]) for p in chart["points"]}
    assert len(limits) > 1  # they vary with each week's denominator
    assert chart["segments"][0]["varying_limits"] is True
    ihi = client.get(chart_url + "?rule_set=ihi").json()
    assert ihi["rule_set_key"] == "ihi" and "a shift of 8 points" in ihi["rule_set"]
    wrong = client.get(chart_url + "?type=c")
    assert wrong.status_code == 400 and "p, pp, xmr, run" in wrong.json()["type"][0]
    assert client.get(chart_url + "?rule_set=nelson").status_code == 400


@override_settings(SPC_DEFAULT_RULE_SET="ihi")
def test_measures_without_their_own_rule_set_use_the_communitys(member, client_for, project):
    measure = proportion(project)
    own = proportion(ProjectFactory(lead=member), rule_set="making_data_count")
    client = client_for(member)
    assert client.get(measure.get_absolute_url()).context["chart"].rule_set_key == "ihi"
    assert client.get(own.get_absolute_url()).context["chart"].rule_set_key == "making_data_count"


@override_settings(SPC_DEFAULT_RULE_SET="western_electric")
def test_an_unknown_community_rule_set_stops_the_portal_starting():
    with pytest.raises(SystemCheckError, match="SPC_DEFAULT_RULE_SET"):
        call_command("check")


def test_a_measure_cannot_become_a_proportion_while_periods_lack_a_denominator(member, client_for, project):
    measure = MeasureFactory(project=project)
    DataPoint.objects.create(measure=measure, period=WEEKS[0], value=4)
    response = client_for(member).post(
        reverse("projects:measure_edit", kwargs={"pk": measure.pk}),
        {
            "name": measure.name,
            "kind": "outcome",
            "improvement": "increase",
            "frequency": "weekly",
            "value_kind": "proportion",
            "multiplier": "100",
            "chart_type": "p",
            "version": measure.version,
        },
    )
    assert response.status_code == 200
    assert "Some periods have no denominator" in response.content.decode()
    measure.refresh_from_db()
    assert measure.value_kind == "value"


def test_the_stored_icons_come_from_the_measures_own_chart_type(project):
    measure = proportion(project, improvement="decrease")
    assert measure.variation == "concern_high"
    c_measure = MeasureFactory(project=project, value_kind="count", chart_type="c", improvement="decrease")
    DataPoint.objects.bulk_create(
        DataPoint(measure=c_measure, period=w, value=v)
        for w, v in zip(WEEKS, [4, 5, 3, 6] * 4 + [30], strict=False)
    )
    measure_refresh(c_measure)
    assert c_measure.variation == "concern_high"


def test_a_pdsa_cycle_pinned_to_a_measure_is_marked_on_its_chart_and_in_its_table(
    member, client_for, project
):
    measure = proportion(project)
    client = client_for(member)
    response = client.post(
        reverse("projects:pdsa_new", kwargs={"project_pk": project.pk}),
        {
            "change_idea": "Sepsis screening prompt",
            "title": "Prompt on the triage screen",
            "start_date_day": "29",
            "start_date_month": "4",
            "start_date_year": "2026",
            "measures": [measure.pk],
        },
    )
    assert response.status_code == 302
    cycle = measure.cycles.get()
    url = reverse("projects:measure_rebaseline", kwargs={"pk": measure.pk})
    client.post(url, {"period": WEEKS[16].isoformat(), "cycle": cycle.pk, "action": "add"})
    page = client.get(measure.get_absolute_url())
    rows = page.context["rows"]
    # 29 April falls in the week of 27 April (the 17th week), where the new limits start too.
    assert rows[16].changes == (
        "1. Sepsis screening prompt: Prompt on the triage screen (from 29 April 2026)",
    )
    assert rows[16].follows == "Sepsis screening prompt"
    svg = page.context["svg"]
    assert "<title>PDSA cycle started: 1. Sepsis screening prompt: Prompt on the triage screen" in svg
    assert "Re-baselined after Sepsis screening prompt" in svg
    html = page.content.decode()
    assert "PDSA cycle started: 1. Sepsis screening prompt" in html
    project_page = client.get(reverse("projects:detail", kwargs={"pk": project.pk})).content.decode()
    assert f'Marked on:</strong> <a href="{measure.get_absolute_url()}">' in project_page


def test_a_cycle_cannot_be_pinned_to_another_projects_measure(member, client_for, project):
    other = MeasureFactory(project=ProjectFactory(lead=member))
    response = client_for(member).post(
        reverse("api:project-pdsa-cycles", kwargs={"project_pk": project.pk}),
        {"change_idea": "Huddle", "title": "Try it", "start_date": "2026-01-05", "measures": [other.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "measures" in response.json()


def test_the_page_and_the_api_say_what_the_chart_shows_in_sentences(member, client_for, project):
    measure = proportion(project, frequency="weekly")
    client = client_for(member)
    findings = client.get(measure.get_absolute_url()).context["findings"]
    assert "4 points in a row above the upper limit, from 27 April 2026 to 18 May 2026." in findings
    api = client.get(reverse("api:measure-chart", kwargs={"pk": measure.pk})).json()
    assert api["findings"] == findings


def test_the_project_page_shows_every_measure_as_a_small_chart_with_its_finding(
    member, client_for, project, django_assert_max_num_queries
):
    proportion(project)
    MeasureFactory(project=project, name="Not started")
    client = client_for(member)
    url = reverse("projects:detail", kwargs={"pk": project.pk})
    client.get(url)
    with django_assert_max_num_queries(40):
        response = client.get(url)
    cards = response.context["measure_cards"]
    assert [c.measure.name for c in cards][1] == "Not started" or len(cards) == 2
    drawn = next(c for c in cards if c.sparkline)
    assert drawn.sparkline.startswith('<svg class="spc-sparkline"') and 'role="img"' in drawn.sparkline
    assert drawn.finding == "4 points in a row above the upper limit, from 27 April 2026 to 18 May 2026."
    assert f'aria-label="{drawn.measure.name}: 4 points in a row above' in response.content.decode()
    empty = next(c for c in cards if not c.sparkline)
    assert empty.finding == "Not enough data for the chart's rules yet."


DIAGRAM = """Patients with sepsis get antibiotics within an hour
- Recognition at triage
  - Screening every adult with a NEWS2 of 5 or more
    - Sepsis screening prompt
    - Sepsis trolley in every bay
"""


def test_a_team_types_a_driver_diagram_and_its_change_ideas_link_to_their_cycles(member, client_for, project):
    measure = proportion(project)
    cycle = measure.cycles.model.objects.create(
        project=project, change_idea="sepsis screening prompt", title="Prompt", start_date=WEEKS[3]
    )
    cycle.measures.set([measure])
    client = client_for(member)
    url = reverse("projects:driver_diagram_edit", kwargs={"project_pk": project.pk})
    bad = client.post(url, {"text": "Aim\n- Driver\n    - Change idea too deep\n"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["text"] == [
        "Line 3: Indented too far: a change idea must sit under a secondary driver"
    ]
    assert client.post(url, {"text": DIAGRAM}).status_code == 302
    page = client.get(reverse("projects:detail", kwargs={"pk": project.pk}))
    diagram = page.context["diagram"]
    assert diagram.svg.startswith('<svg class="driver-diagram"') and diagram.svg.count("<rect") == 5
    html = page.content.decode()
    assert "Change idea:</span> Sepsis screening prompt" in html
    assert 'tested in <a href="#pdsa-heading">1 PDSA cycle</a>' in html
    assert f'measured by <a href="{measure.get_absolute_url()}">' in html
    assert 'Sepsis trolley in every bay <span class="nhsuk-body-s">· not tested yet</span>' in html
    assert audit_trail(project).filter(action="driver diagram saved").count() == 1
    assert client.get(url).context["form"].initial["text"] == DIAGRAM


def test_only_the_team_edits_the_driver_diagram(outsider, client_for, project):
    url = reverse("projects:driver_diagram_edit", kwargs={"project_pk": project.pk})
    assert client_for(outsider).post(url, {"text": DIAGRAM}).status_code == 404


def test_the_portfolio_filters_by_what_is_recorded_and_the_chart(member, client_for, project):
    project.published_at = project.created_at
    project.save()
    measure = proportion(project)
    MeasureFactory(project=project, name="Length of stay")
    client = client_for(member)
    url = reverse("projects:measures_portfolio")
    response = client.get(url + "?value_kind=proportion&chart_type=p")
    assert [m.name for m in response.context["listing"].paged.items] == [measure.name]
    # The latest column shows the latest value as the chart shows it (95 of 100 screened), and its date.
    assert "<strong>95.00</strong> % screened" in response.content.decode()
    assert not list(client.get(url + "?value_kind=rate").context["listing"].paged.items)


def test_a_community_admin_sets_the_rules_every_chart_uses_and_the_icons_are_refreshed(
    admin_user, member, client_for, project, django_capture_on_commit_callbacks
):
    measure = proportion(project)
    admin = admin_user
    url = reverse("projects:measurement_settings")
    client = client_for(admin)
    assert 'value="making_data_count" checked' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.post(url, {"default_rule_set": "ihi"}).status_code == 302
    assert len(callbacks) == 1  # the icons' refresh, queued for a worker once the change is committed
    chart = client_for(member).get(measure.get_absolute_url()).context["chart"]
    assert chart.rule_set_key == "ihi"
    assert audit_trail(MeasurementSettings.objects.get()).filter(action="updated").exists()
    assert client_for(member).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.measurement_settings_save(actor=member, default_rule_set="making_data_count")


def test_a_small_chart_is_drawn_again_only_when_its_measure_or_points_change(project, monkeypatch):
    from projects.measurement import selectors

    measure = proportion(project)
    drawn: list[int] = []
    real = selectors.compute_chart

    def counting_compute(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "compute_chart", counting_compute)
    first = selectors.measure_cards(project)[0]
    again = selectors.measure_cards(project)[0]
    assert len(drawn) == 1 and again.sparkline == first.sparkline  # the same inputs: kept, not redrawn

    point = DataPoint.objects.filter(measure=measure).order_by("period").last()
    DataPoint.objects.filter(pk=point.pk).update(value=point.value / 10)
    changed = selectors.measure_cards(project)[0]
    assert len(drawn) == 2 and changed.latest != first.latest  # a changed value is drawn afresh
