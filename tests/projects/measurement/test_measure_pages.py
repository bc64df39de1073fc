"""Measure pages: adding a measure, entering data three ways, the chart page, re-baselining, deleting."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.audit import audit_trail
from projects.measurement.models import DataPoint, Measure
from tests.projects.factories import ProjectFactory
from tests.projects.measurement.factories import MeasureFactory, measure_with_values

pytestmark = pytest.mark.django_db

WEEKS = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(30)]
STABLE = [12.0, 10.0] * 6


@pytest.fixture
def project(member):
    return ProjectFactory(lead=member)


@pytest.fixture
def measure(project):
    return MeasureFactory(project=project, improvement="increase")


def test_the_team_adds_a_measure_and_lands_on_its_page(member, client_for, project):
    response = client_for(member).post(
        reverse("projects:measure_new", kwargs={"project_pk": project.pk}),
        {
            "name": "Falls",
            "kind": "outcome",
            "unit": "falls",
            "improvement": "decrease",
            "target": "4",
            "frequency": "weekly",
            "chart_type": "xmr",
            "screen_moving_ranges": "on",
        },
    )
    measure = Measure.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == measure.get_absolute_url()
    assert (measure.name, measure.improvement, measure.target) == ("Falls", "decrease", 4.0)
    assert audit_trail(measure).filter(action="created").exists()


def test_a_measure_without_a_name_or_direction_re_renders_with_errors(member, client_for, project):
    response = client_for(member).post(
        reverse("projects:measure_new", kwargs={"project_pk": project.pk}),
        {"kind": "outcome", "target": "lots"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "improvement", "target"} <= set(form.errors)
    assert "Error:" in response.content.decode()
    assert not Measure.objects.exists()


def test_people_outside_the_team_cannot_add_measures(outsider, client_for, project):
    url = reverse("projects:measure_new", kwargs={"project_pk": project.pk})
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(outsider).post(url, {"name": "x"}).status_code == 404
    assert not Measure.objects.exists()


def test_anyone_signed_in_sees_a_published_projects_measure_but_not_its_edit_links(
    outsider, client_for, measure
):
    response = client_for(outsider).get(measure.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert reverse("projects:measure_paste", kwargs={"pk": measure.pk}) not in response.content.decode()


def test_a_draft_projects_measures_are_hidden_from_outsiders(outsider, member, client_for):
    measure = MeasureFactory(project=ProjectFactory(lead=member, published_at=None))
    assert client_for(outsider).get(measure.get_absolute_url()).status_code == 404
    assert client_for(member).get(measure.get_absolute_url()).status_code == 200


def test_the_chart_page_has_the_figure_the_icons_and_a_table_that_highlights_special_causes(
    member, client_for, project
):
    measure = measure_with_values([*STABLE, 30.0], project=project, improvement="increase", target=5)
    response = client_for(member).get(measure.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="spc-chart" id="spc-chart"><svg class="spc-svg"' in html
    assert html.count("spc-point--special_cause_improvement") == 1
    assert "icons/variation/improvement_high.svg" in html
    assert 'alt="Special cause variation: improvement, higher values"' in html
    assert "icons/assurance/consistently_passing.svg" in html  # target 5 below the lower limit 7.14
    assert "spc-type--special_cause_improvement" in html
    assert "A point outside the process limits" in html
    assert "plotly" not in html  # the chart is drawn on the server: no script to load


def test_the_run_chart_is_one_click_away(member, client_for, project):
    measure = measure_with_values([1.0] * 5 + [9.0] * 5, project=project)
    response = client_for(member).get(measure.get_absolute_url() + "?type=run")
    assert response.context["chart"].chart == "run"
    assert (
        "The line crosses the median 1 time: fewer than 2 crossings in 10 points" in response.content.decode()
    )


def test_the_chart_page_query_count_does_not_grow_with_the_data(
    member, client_for, project, django_assert_max_num_queries
):
    measure = measure_with_values([float(i % 7) for i in range(200)], project=project)
    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.get(measure.get_absolute_url())
    assert len(response.context["rows"]) == 200


def test_one_value_at_a_time_and_its_errors(member, client_for, measure):
    url = reverse("projects:measure_add_point", kwargs={"pk": measure.pk})
    client = client_for(member)
    bad = client.post(url, {"period_day": "31", "period_month": "2", "period_year": "2026", "value": "many"})
    assert bad.status_code == 200 and {"period", "value"} <= set(bad.context["form"].errors)
    good = client.post(
        url,
        {
            "period_day": "5",
            "period_month": "1",
            "period_year": "2026",
            "value": "12.5",
            "annotation": "Start",
        },
    )
    assert good.status_code == 302
    point = measure.points.get()
    assert (point.period, point.value, point.annotation) == (dt.date(2026, 1, 5), 12.5, "Start")
    measure.refresh_from_db()
    assert measure.point_count == 1 and measure.latest_period == dt.date(2026, 1, 5)


def test_pasting_twenty_values_saves_them_all_and_refreshes_the_icons(member, client_for, measure):
    text = "Week\tValue\n" + "\n".join(
        f"{WEEKS[i]:%d/%m/%Y}\t{v}" for i, v in enumerate(STABLE + [11] * 7 + [40])
    )
    response = client_for(member).post(
        reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": text}
    )
    assert response.status_code == 302
    assert measure.points.count() == 20
    measure.refresh_from_db()
    assert measure.variation == "improvement_high"


def test_a_paste_with_bad_rows_saves_nothing_and_lists_every_bad_row(member, client_for, measure):
    text = "2026-01-05\t5\n2026-01-12\tabc\nsoon\t7\n"
    response = client_for(member).post(
        reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": text}
    )
    assert response.status_code == 200
    assert [p.row for p in response.context["problems"]] == [2, 3]
    html = response.content.decode()
    assert "2 problems found: nothing has been saved" in html and 'id="row-problems"' in html
    assert response.context["form"]["pasted"].value() == text
    assert not measure.points.exists()


def test_pasting_again_replaces_values_and_adds_nothing_twice(member, client_for, measure):
    url = reverse("projects:measure_paste", kwargs={"pk": measure.pk})
    client = client_for(member)
    client.post(url, {"pasted": "2026-01-05\t5\n2026-01-12\t6"})
    client.post(url, {"pasted": "2026-01-05\t5\n2026-01-12\t8"})
    assert list(measure.points.values_list("value", flat=True)) == [5.0, 8.0]


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("data.csv", text.encode(), content_type="text/csv")


def test_uploading_a_csv_saves_its_rows(member, client_for, measure):
    upload = _csv("period,value,annotation\n2026-01-05,5,PDSA 1\n2026-01-12,6,\n")
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 302
    assert list(measure.points.values_list("annotation", flat=True)) == ["PDSA 1", ""]


def test_uploading_an_xlsx_saves_its_rows(member, client_for, measure):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Value"])
    sheet.append([dt.datetime(2026, 1, 5), 5])
    sheet.append([dt.datetime(2026, 1, 12), 7.5])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("data.xlsx", buffer.getvalue())
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert list(measure.points.values_list("period", "value")) == [
        (dt.date(2026, 1, 5), 5.0),
        (dt.date(2026, 1, 12), 7.5),
    ]


def test_an_upload_with_bad_rows_saves_nothing_and_names_the_spreadsheet_rows(member, client_for, measure):
    upload = _csv("period,value\n2026-01-05,5\n2026-01-12,\n2026-01-19,x\n")
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 200
    assert [(p.row, p.column) for p in response.context["problems"]] == [(3, "value"), (4, "value")]
    assert not DataPoint.objects.exists()


def test_an_upload_that_is_not_a_spreadsheet_is_refused(member, client_for, measure):
    upload = SimpleUploadedFile("data.csv", b"%PDF-1.4\n\x00\x01", content_type="text/csv")
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_rebaselining_recalculates_the_limits_from_the_chosen_period(member, client_for, project):
    measure = measure_with_values(STABLE + [30.0, 32.0] * 6, project=project, improvement="increase")
    client = client_for(member)
    url = reverse("projects:measure_rebaseline", kwargs={"pk": measure.pk})
    response = client.post(url, {"period": WEEKS[12].isoformat(), "action": "add"})
    assert response.status_code == 302
    chart = client.get(measure.get_absolute_url()).context["chart"]
    assert [round(s.mean, 2) for s in chart.segments] == [11.0, 31.0]
    client.post(url, {"period": WEEKS[12].isoformat(), "action": "remove"})
    assert len(client.get(measure.get_absolute_url()).context["chart"].segments) == 1


def test_rebaselining_at_a_period_without_a_value_says_so(member, client_for, measure):
    response = client_for(member).post(
        reverse("projects:measure_rebaseline", kwargs={"pk": measure.pk}),
        {"period": "2030-01-01"},
        follow=True,
    )
    assert "Choose a period that has a value" in response.content.decode()


def test_deleting_a_value_and_a_measure(member, client_for, project):
    measure = measure_with_values([1.0, 2.0, 3.0], project=project)
    client = client_for(member)
    point = measure.points.first()
    client.post(reverse("projects:measure_delete_point", kwargs={"pk": measure.pk, "point_pk": point.pk}))
    assert measure.points.count() == 2
    client.post(reverse("projects:measure_delete", kwargs={"pk": measure.pk}))
    assert not Measure.objects.filter(pk=measure.pk).exists()


def test_the_data_downloads_as_csv(member, client_for, project):
    measure = measure_with_values(STABLE, project=project)
    response = client_for(member).get(measure.get_absolute_url() + "?export=csv")
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert body.lstrip("\ufeff").splitlines()[0].startswith("Period,Value,Type")
    assert len(body.strip().splitlines()) == 13


def test_editing_a_measure_refreshes_its_assurance(member, client_for, project):
    measure = measure_with_values(STABLE, project=project, improvement="increase")
    client_for(member).post(
        reverse("projects:measure_edit", kwargs={"pk": measure.pk}),
        {
            "name": measure.name,
            "kind": "outcome",
            "improvement": "increase",
            "target": "3",
            "frequency": "weekly",
            "chart_type": "xmr",
        },
    )
    measure.refresh_from_db()
    assert measure.assurance == "consistently_passing"


@pytest.mark.parametrize(
    "text",
    ["period\tvalue", "not a period at all", "Date,Value\n", "   \n\t\n"],
)
def test_a_paste_with_no_data_rows_is_refused_with_a_reason_not_an_error(member, client_for, measure, text):
    response = client_for(member).post(
        reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": text}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["pasted"]
    assert not measure.points.exists()


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("Q1 2024", dt.date(2024, 1, 1)),
        ("2024/25 Q1", dt.date(2024, 4, 1)),
        ("2024-W14", dt.date(2024, 4, 1)),
        ("45383", dt.date(2024, 4, 1)),
    ],
)
def test_quarters_weeks_and_excel_serials_paste(member, client_for, measure, period, expected):
    response = client_for(member).post(
        reverse("projects:measure_paste", kwargs={"pk": measure.pk}), {"pasted": f"{period}\t12"}
    )
    assert response.status_code == 302
    assert list(measure.points.values_list("period", flat=True)) == [expected]


def test_a_csv_without_a_header_row_uploads_like_a_paste(member, client_for, measure):
    upload = _csv("2026-01-05,5\n2026-01-12,6\n")
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": upload}
    )
    assert response.status_code == 302
    assert list(measure.points.values_list("value", flat=True)) == [5.0, 6.0]


def test_a_csv_with_only_its_header_is_refused(member, client_for, measure):
    response = client_for(member).post(
        reverse("projects:measure_upload", kwargs={"pk": measure.pk}), {"file": _csv("period,value\n")}
    )
    assert response.status_code == 200
    assert "no rows of data" in str(response.context["form"].errors["file"])
    assert not measure.points.exists()


@pytest.mark.parametrize(
    ("frequency", "axis"),
    [
        ("weekly", "Week (each point at the Monday it starts)"),
        ("quarterly", "Quarter (each point at the first day of the quarter)"),
        ("monthly", "Month"),
        ("other", "Period"),
    ],
)
def test_the_chart_axis_says_how_periods_are_drawn(frequency, axis, member, client_for, project):
    measure = measure_with_values(STABLE, project=project, frequency=frequency)
    response = client_for(member).get(measure.get_absolute_url())
    assert f">{axis}</text>" in response.context["svg"]
