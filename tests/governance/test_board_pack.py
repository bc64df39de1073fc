"""The board pack: built by a task with progress, a PDF with the sections and a workbook, board-only."""

from __future__ import annotations

import datetime
import io
import itertools
import re
import zipfile
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from core.pdf_tags import structure_outline
from dashboards import snapshots
from dashboards.shape import has_figures
from governance import board_pack, pack_pdf, pack_xlsx, services, tasks
from governance.models import AssessmentQuestion, BoardPack
from tests.governance.factories import DeliveryActionFactory, make_components

pytestmark = pytest.mark.django_db


@pytest.fixture
def governance_data(admin_user, organisation):
    DeliveryActionFactory(title="Organise an improvement conference", strand="celebrate", rag="amber")
    DeliveryActionFactory(title="Build a register of QI champions", strand="connect", rag="complete")
    make_components(questions_each=1)
    ids = list(AssessmentQuestion.objects.values_list("pk", flat=True))
    services.assessment_record(
        actor=admin_user,
        title="Baseline self-assessment",
        assessed_on=datetime.date(2026, 3, 1),
        scores={i: 2 for i in ids},
    )
    snapshots.rebuild_everything()


def test_a_board_member_asks_for_a_pack_and_it_is_queued(
    board, client_for, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(tasks.build_board_pack, "apply_async") as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(board).post(reverse("governance:packs"))
    pack = BoardPack.objects.get()
    assert response["Location"] == reverse("governance:pack", kwargs={"pk": pack.pk})
    sent.assert_called_once_with(args=(pack.pk,), kwargs={}, retry=False)
    page = client_for(board).get(response["Location"]).content.decode()
    assert "Queued" in page and "data-running" in page and "Check progress" in page


def test_the_built_pdf_opens_and_has_every_section(board, client_for, governance_data):
    pack = BoardPack.objects.create(title="pending", requested_by=board)

    assert board_pack.build(pack.pk) == "ready"
    assert board_pack.build(pack.pk) == "skipped"  # a second delivery of the task does nothing

    pack.refresh_from_db()
    assert (pack.status, pack.progress) == ("ready", 100)
    response = client_for(board).get(
        reverse("governance:pack_download", kwargs={"pk": pack.pk, "fmt": "pdf"})
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert reader.metadata.title.startswith("Improvement board pack, ")
    for section in (
        "Dashboards",
        "Community",
        "Partner organisations by kind",
        "Capability",
        "New competent improvers against target",
        "Capacity",
        "Improvement coaches against the dosage target",
        "Portfolio",
        "Projects by IHI progress score",
        "Delivery plan",
        "Organise an improvement conference",
        "Capability self-assessment",
        "Developing",
    ):
        assert section in text, section


def test_the_workbook_has_a_sheet_per_table(board, client_for, governance_data):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    response = client_for(board).get(
        reverse("governance:pack_download", kwargs={"pk": pack.pk, "fmt": "xlsx"})
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert {
        "Contents",
        "Summary",
        "Delivery plan",
        "Self-assessment",
        "Partner organisations by kind",
    } <= set(workbook.sheetnames)
    improvers = next(workbook[n] for n in workbook.sheetnames if n.startswith("New competent improvers"))
    assert [c.value for c in improvers[1]][:3] == ["Organisation", "New in the period", "Target"]
    plan = workbook["Delivery plan"]
    assert [c.value for c in plan[1]][:6] == ["Theme", "Strand", "Action", "Owner", "Due", "RAG"]
    assert plan.max_row == 3


def test_a_pack_that_fails_to_build_says_so(board, client_for):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    with mock.patch.object(board_pack, "render_pdf", side_effect=RuntimeError("font missing")):
        assert board_pack.build(pack.pk) == "failed"
    page = client_for(board).get(reverse("governance:pack", kwargs={"pk": pack.pk})).content.decode()
    assert "could not be built" in page and "font missing" in page
    assert (
        client_for(board)
        .get(reverse("governance:pack_download", kwargs={"pk": pack.pk, "fmt": "pdf"}))
        .status_code
        == 404
    )


def test_with_the_broker_down_the_pack_is_marked_failed_not_lost(
    board, client_for, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(board).post(reverse("governance:packs"))
    assert BoardPack.objects.get().status == "failed"


@pytest.mark.parametrize(
    "persona, status", [("member", 403), ("steering", 403), ("board", 200), ("admin_user", 200)]
)
def test_packs_are_for_the_board_and_admins(persona, status, request, client_for, board):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    client = client_for(request.getfixturevalue(persona))
    assert (
        client.get(reverse("governance:pack_download", kwargs={"pk": pack.pk, "fmt": "pdf"})).status_code
        == status
    )


def test_a_pack_rebuilds_stale_dashboards_before_it_reads_them(board):
    import datetime

    from django.utils import timezone

    from dashboards.models import DashboardSnapshot

    DashboardSnapshot.objects.create(
        dashboard="community", params_key="", data={"headline": [], "charts": []}
    )
    day_old = timezone.now() - datetime.timedelta(days=1)
    DashboardSnapshot.objects.filter(dashboard="community").update(built_at=day_old)
    pack = BoardPack.objects.create(title="pending", requested_by=board)

    assert board_pack.build(pack.pk) == "ready"

    assert DashboardSnapshot.objects.get(dashboard="community", params_key="").built_at > day_old


def _pdf_text(content: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_pdf_is_tagged_with_headings_in_order_and_charts_described(board, governance_data):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    pack.refresh_from_db()
    pdf = bytes(pack.pdf)

    outline = structure_outline(pdf)
    headings = [int(tag[1]) for _, tag, _ in outline if tag in {"H1", "H2", "H3", "H4"}]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))  # no level skipped on the way down
    figures = [alt for _, tag, alt in outline if tag == "Figure"]
    assert figures and all(alt.endswith("The table that follows gives every figure.") for alt in figures)
    assert sum(1 for _, tag, _ in outline if tag == "TH") >= sum(1 for _, tag, _ in outline if tag == "Table")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)


def test_the_pdf_opens_with_a_summary_and_contents_and_reads_in_words(board, governance_data):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    pack.refresh_from_db()
    _reader, pages = _pdf_text(bytes(pack.pdf))

    assert "Summary" in pages[0] and "This is the first pack" in pages[0]
    assert "Improvement coaches" in pages[0] and "Status compares a figure with its target" in pages[0]
    total = len(pages)
    assert all(f"Page {n} of {total}" in text for n, text in enumerate(pages, start=1))
    contents = next(text for text in pages if text.startswith("Contents") or " Contents Section Page" in text)
    for section in ("Summary", "Dashboards", "Capacity", "Delivery plan", "Capability self-assessment"):
        page = int(re.search(rf"{section} (\d+)", contents).group(1))
        assert section in pages[page - 1], section
    body = " ".join(pages)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", body)  # dates in words, never ISO
    assert "Figures as at " in body and "assessed 1 March 2026" in body


def test_an_empty_chart_says_why_instead_of_drawing_a_frame(board):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    pack.refresh_from_db()
    _, pages = _pdf_text(bytes(pack.pdf))
    body = " ".join(pages)
    assert "No self-assessment yet: the chart appears once one is recorded." in body
    assert "No self-assessment has been recorded yet." in body
    drawn = [alt for _, tag, alt in structure_outline(bytes(pack.pdf)) if tag == "Figure"]
    assert not any("Self-assessment" in alt or "Capability rating" in alt for alt in drawn)


def test_the_next_pack_shows_each_figure_change_since_the_last(board, governance_data):
    first = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(first.pk)
    DeliveryActionFactory(title="Run a spread event", strand="celebrate", rag="green")
    second = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(second.pk)
    second.refresh_from_db()

    _, pages = _pdf_text(bytes(second.pdf))
    assert "Changes are since the last pack, built " in pages[0]
    assert "Delivery plan actions 3 +1" in pages[0]
    assert second.figures["Delivery plan and self-assessment"][0] == {
        "label": "Delivery plan actions",
        "value": 3,
    }


def test_the_workbook_is_ready_to_scan_with_native_charts(board, client_for, governance_data):
    pack = BoardPack.objects.create(title="pending", requested_by=board)
    board_pack.build(pack.pk)
    pack.refresh_from_db()
    data = bytes(pack.xlsx)
    workbook = load_workbook(io.BytesIO(data))

    assert all(len(name) <= 31 for name in workbook.sheetnames)
    contents = workbook["Contents"]
    listed = {row[0].value: row[1].value for row in contents.iter_rows(min_row=5) if row[0].value}
    assert set(listed) == set(workbook.sheetnames) - {"Contents"}
    assert listed["Summary"] == "Summary"
    assert contents.cell(row=5, column=1).hyperlink.location == "'Summary'!A1"
    for name in listed:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref.startswith("A1:"), name
    due = workbook["Delivery plan"]["E2"]
    assert isinstance(due.value, datetime.datetime) and due.number_format == "d mmm yyyy"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        partners = archive.read("xl/charts/chart1.xml").decode()
    drawable = [c for d in board_pack.pack_content()["dashboards"] for c in d["charts"] if has_figures(c)]
    assert len(charts) == len(drawable) >= 5  # one native chart per chart with figures to draw
    assert "<barChart>" in partners or "<lineChart>" in partners


def test_sheet_names_are_cut_at_a_word_and_kept_unique():
    used = {"Contents"}
    assert (
        pack_xlsx.sheet_name("Improvement coaches against the dosage target", used)
        == "Improvement coaches against the"
    )
    assert (
        pack_xlsx.sheet_name("Improvement coaches against the dosage trend", used)
        == "Improvement coaches against (2)"
    )
    assert pack_xlsx.sheet_name("Rates: a/b [per 100]?", used) == "Rates a b per 100"
    assert pack_xlsx.sheet_name("contents", used) == "contents (2)"


def test_charts_are_drawn_for_numeric_series_and_skipped_otherwise():
    bar = {
        "title": "t",
        "type": "stacked-bar",
        "columns": ["Org", "A", "B"],
        "rows": [["x", 1, 2], ["y", 3, None]],
        "series": ["A", "B"],
    }
    line = {
        "title": "t",
        "type": "line",
        "columns": ["Date", "Score"],
        "rows": [["2025", 2.1], ["2026", 2.6]],
        "series": ["Score"],
    }
    words = {
        "title": "t",
        "type": "bar",
        "columns": ["Org", "Note"],
        "rows": [["x", "text"]],
        "series": ["Note"],
    }

    drawing = pack_pdf.chart_drawing(bar)
    assert drawing.contents[0].data == [(1, 3), (2, 0)]
    assert pack_pdf.chart_drawing(line).contents[0].data == [(2.1, 2.6)]
    assert pack_pdf.chart_drawing(words) is None
    assert pack_pdf.chart_drawing({**bar, "rows": []}) is None
    assert pack_pdf.chart_drawing({**bar, "rows": [["x", 0, 0]]}) is None  # all zero: nothing to draw
