"""Benefits: recorded by the team with how they were measured, and rolled up like with like for the
portfolio dashboard and the board pack."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from dashboards import snapshots
from dashboards.selectors import snapshots as stored_snapshots
from governance import board_pack
from projects.impact import BenefitRow, amount, roll_up
from projects.models import Benefit
from tests.community.factories import OrganisationFactory
from tests.projects.factories import BenefitFactory, ProjectFactory


def row(project, type_, value, unit, period, confidence="high", money_kind="", group=""):
    return BenefitRow(project, type_, Decimal(value), unit, period, confidence, money_kind, group)


def test_like_is_added_to_like_and_nothing_else():
    totals = roll_up(
        [
            row(1, "staff_time", "10", "hours", "month"),  # 120 a year
            row(2, "staff_time", "100", " Hours ", "year", confidence="low"),  # the same unit
            row(3, "staff_time", "5", "days", "month"),  # another unit
            row(4, "staff_time", "40", "hours", "once"),  # a one-off: not a yearly figure
            row(5, "money", "1000", "£", "month", money_kind="cash_releasing"),
            row(6, "money", "500", "£", "year", money_kind="cost_avoidance"),  # another kind of money
        ]
    )
    said = {
        (t.type, t.unit, t.basis, t.money_kind): (t.value, t.project_count, t.high_confidence) for t in totals
    }
    assert said == {
        ("money", "£", "a year", "cash_releasing"): (Decimal("12000"), 1, Decimal("12000")),
        ("money", "£", "a year", "cost_avoidance"): (Decimal("500"), 1, Decimal("500")),
        ("staff_time", "days", "a year", ""): (Decimal("60"), 1, Decimal("60")),
        ("staff_time", "hours", "a year", ""): (Decimal("220"), 2, Decimal("120")),
        ("staff_time", "hours", "once", ""): (Decimal("40"), 1, Decimal("40")),
    }
    assert [amount(t) for t in totals][:2] == ["£12,000 a year", "£500 a year"]


def test_a_group_keeps_its_own_totals():
    totals = roll_up(
        [
            row(1, "safety", "3", "falls", "year", group="GHFT"),
            row(2, "safety", "2", "falls", "year", group="GHC"),
        ]
    )
    assert [(t.group, t.value) for t in totals] == [("GHC", Decimal("2")), ("GHFT", Decimal("3"))]


@pytest.mark.django_db
def test_the_team_records_a_benefit_and_the_page_shows_it(client_for):
    project = ProjectFactory()
    client = client_for(project.lead)
    url = reverse("projects:benefit_add", kwargs={"pk": project.pk})

    refused = client.post(
        url,
        {
            "type": "money",
            "description": "Agency shifts",
            "value": "0",
            "unit": "£",
            "period": "month",
            "how_measured": "Rota",
            "confidence": "high",
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Choose the kind of saving" in html and "Enter an amount greater than 0" in html
    assert not Benefit.objects.exists()

    client.post(
        url,
        {
            "type": "money",
            "description": "Fewer agency shifts",
            "value": "1500",
            "unit": "£",
            "period": "month",
            "money_kind": "cash_releasing",
            "how_measured": "Agency spend from the ledger, 6 months before and after",
            "confidence": "high",
        },
    )
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Fewer agency shifts" in page and "£1,500 a month" in page and "cash-releasing" in page


@pytest.mark.django_db
def test_only_the_team_records_or_removes_benefits(member, client_for):
    benefit = BenefitFactory()
    project = benefit.project
    assert (
        client_for(member).get(reverse("projects:benefit_add", kwargs={"pk": project.pk})).status_code == 403
    )
    response = client_for(member).post(
        reverse("projects:benefit_remove", kwargs={"pk": project.pk, "benefit_id": benefit.pk})
    )
    assert response.status_code == 403 and Benefit.objects.filter(pk=benefit.pk).exists()
    client_for(project.lead).post(
        reverse("projects:benefit_remove", kwargs={"pk": project.pk, "benefit_id": benefit.pk})
    )
    assert not Benefit.objects.filter(pk=benefit.pk).exists()


@pytest.mark.django_db
def test_the_portfolio_dashboard_and_the_board_pack_show_impact_by_type_and_organisation():
    trust = OrganisationFactory(name="Gloucestershire Hospitals", short_name="GHFT")
    first = ProjectFactory(organisations=[trust])
    second = ProjectFactory(organisations=[trust])
    BenefitFactory(project=first, value=Decimal("10"), unit="hours", period="month")
    BenefitFactory(project=second, value=Decimal("30"), unit="hours", period="year", confidence="high")
    BenefitFactory(
        project=second,
        type="money",
        value=Decimal("2000"),
        unit="£",
        period="year",
        money_kind="non_cash_releasing",
    )

    snapshots.rebuild("portfolio")

    data = stored_snapshots("")["portfolio"].data
    by_type = next(c for c in data["charts"] if c["id"] == "benefits-by-type")
    assert by_type["rows"] == [
        ["Money saved or avoided", "Non-cash-releasing", "£", "a year", "£2,000 a year", 1, "0%"],
        ["Staff time released", "", "hours", "a year", "150 hours a year", 2, "20%"],
    ]
    by_org = next(c for c in data["charts"] if c["id"] == "benefits-by-organisation")
    assert ["GHFT", "Staff time released", "", "hours", "a year", "150 hours a year", 2, "20%"] in by_org[
        "rows"
    ]
    assert {"label": "Projects recording benefits", "value": 2} in data["headline"]
    content = board_pack.pack_content()
    portfolio = next(d for d in content["dashboards"] if d["title"] == "Portfolio")
    assert "Benefits by type" in [c["title"] for c in portfolio["charts"]]


@pytest.mark.django_db
def test_the_benefits_page_totals_like_with_like_filters_by_type_and_exports(member, client_for):
    import io

    from openpyxl import load_workbook

    BenefitFactory(value=Decimal("10"), unit="hours", period="month", description="Ward clerk time")
    BenefitFactory(
        type="safety", value=Decimal("4"), unit="falls", period="year", description="Falls avoided"
    )
    BenefitFactory(project=ProjectFactory(published_at=None), description="Draft benefit")
    client = client_for(member)

    html = client.get(reverse("projects:benefits")).content.decode()
    assert "120 hours a year" in html and "4 falls a year" in html
    assert "Ward clerk time" in html and "Draft benefit" not in html
    only_safety = client.get(reverse("projects:benefits"), {"type": "safety"}).content.decode()
    assert "Falls avoided" in only_safety and "Ward clerk time" not in only_safety

    workbook = load_workbook(io.BytesIO(client.get(reverse("projects:benefits"), {"export": "xlsx"}).content))
    sheet = workbook.active
    assert [c.value for c in sheet[1]][:4] == ["Project", "Type", "Benefit", "Value"]
    assert sheet.max_row == 3 and sheet.freeze_panes == "A2"
