"""A team adds a measure, pastes 20 weekly values and sees the special cause highlighted on the chart
(drawn on the server as an SVG, with no script) and in the table."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress

from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory

# Alternating 10 and 12 for 18 weeks, then 11, then 30: the 30 is far above the upper limit (about 17.1).
VALUES = [10, 12] * 9 + [11, 30]


def test_add_a_measure_paste_twenty_values_and_see_the_special_cause(ui):
    lead = UserFactory(email="lead@partner.example")
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    project = ProjectFactory(lead=lead, title="Discharges before noon")
    ui.sign_in("lead@partner.example", "a-good-password-123")

    ui.goto(f"/projects/{project.pk}/")
    assert "Discharges before noon" in ui.text("h1"), ui.text()
    ui.click("text=Add a measure")
    ui.fill({"#id_name": "Patients discharged before noon", "#id_unit": "patients"})
    ui.page.click("label:has-text('Higher is better')")
    ui.submit("Save the measure")
    assert "Patients discharged before noon" in ui.text("h1"), ui.text()

    ui.click("text=Paste values from a spreadsheet")
    start = dt.date(2026, 1, 5)
    pasted = "\n".join(f"{start + dt.timedelta(weeks=i):%d/%m/%Y}\t{v}" for i, v in enumerate(VALUES))
    ui.fill({"#id_pasted": pasted})
    ui.submit("Save the values")

    assert "20 values added" in ui.text()
    legend = ui.page.text_content("#spc-chart .spc-legend")
    assert "Special cause: improvement" in legend
    # the special-cause marker is drawn in the Making Data Count improvement colour
    fills = ui.page.eval_on_selector_all(
        "#spc-chart .spc-point", "points => points.map(p => getComputedStyle(p).fill)"
    )
    assert "rgb(40, 157, 224)" in fills
    highlighted = ui.page.locator("#spc-table tr.spc-type--special_cause_improvement")
    assert highlighted.count() == 1
    assert "30.00" in highlighted.inner_text()
    assert ui.page.get_by_role("img", name="Special cause variation: improvement, higher values").count() == 1
    ui.audit()
