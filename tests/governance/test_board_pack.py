"""The board pack: built by a task with progress, a PDF with the sections and a workbook, board-only."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboards import snapshots
from governance import board_pack, services, tasks
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
    assert {"Contents", "Delivery plan", "Self-assessment", "Partner organisations by kin"} <= set(
        workbook.sheetnames
    )
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

    drawing = board_pack.chart_drawing(bar)
    assert drawing.contents[0].data == [(1, 3), (2, 0)]
    assert board_pack.chart_drawing(line).contents[0].data == [(2.1, 2.6)]
    assert board_pack.chart_drawing(words) is None
    assert board_pack.chart_drawing({**bar, "rows": []}) is None


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
