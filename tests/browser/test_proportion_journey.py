"""A team takes a proportion from a spreadsheet to a P chart with the change they tested marked on it:
add the measure (the form advises the chart), paste three columns, record the PDSA cycle against the
measure, type the driver diagram, and see the marker on the chart, the numbered row in the table and the
finding in words."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress

from tests.community.factories import UserFactory
from tests.projects.factories import ProjectFactory

SCREENED = [62, 58, 65, 60, 61, 59, 63, 64, 57, 60, 62, 61, 66, 60, 59, 63, 90, 91, 92, 95]
SEEN = [100, 96, 104, 98, 101, 97, 100, 103, 95, 99, 102, 100, 104, 99, 97, 101, 100, 98, 99, 100]


def test_a_proportion_goes_from_a_spreadsheet_to_a_p_chart_with_the_tested_change_marked(ui):
    lead = UserFactory(email="lead@partner.example")
    EmailAddress.objects.create(user=lead, email=lead.email, verified=True, primary=True)
    project = ProjectFactory(lead=lead, title="Sepsis screening in the emergency department")
    ui.sign_in("lead@partner.example", "a-good-password-123")

    ui.goto(f"/projects/{project.pk}/")
    ui.click("text=Add a measure")
    ui.fill({"#id_name": "Patients screened for sepsis", "#id_unit": "% screened", "#id_multiplier": "100"})
    ui.page.click("label:has-text('Higher is better')")
    ui.page.click("label:has-text('A proportion: a numerator out of a denominator')")
    assert "P chart (proportion): you record a numerator and a denominator" in ui.text("#chart-advisor")
    ui.page.click("label:has-text('P chart (proportion)')")
    ui.submit("Save the measure")
    assert "Patients screened for sepsis" in ui.text("h1"), ui.text()

    ui.click("text=Paste values from a spreadsheet")
    start = dt.date(2026, 1, 5)
    pasted = "Week\tScreened\tSeen\n" + "\n".join(
        f"{start + dt.timedelta(weeks=i):%d/%m/%Y}\t{n}\t{d}"
        for i, (n, d) in enumerate(zip(SCREENED, SEEN, strict=True))
    )
    ui.fill({"#id_pasted": pasted})
    ui.submit("Save the values")
    assert "20 values added" in ui.text()

    ui.goto(f"/projects/{project.pk}/pdsa/new/")
    ui.fill(
        {
            "#id_change_idea": "Sepsis screening prompt",
            "#id_title": "Prompt on the triage screen",
            "#id_start_date_day": "27",
            "#id_start_date_month": "4",
            "#id_start_date_year": "2026",
        }
    )
    ui.page.click("label:has-text('Patients screened for sepsis')")
    ui.submit("Save the cycle")

    # The driver diagram, typed as a list, links its change idea to the cycle and the measure.
    ui.click("text=Add a driver diagram")
    ui.fill(
        {
            "#id_text": "Antibiotics within an hour for every patient with sepsis\n"
            "- Recognition at triage\n  - Screening every adult with a NEWS2 of 5 or more\n"
            "    - Sepsis screening prompt\n"
        }
    )
    ui.submit("Save the driver diagram")
    assert "Driver diagram saved" in ui.text()
    assert ui.page.locator("svg.driver-diagram rect").count() == 4
    assert "tested in 1 PDSA cycle, measured by Patients screened for sepsis" in ui.text("#driver-list")

    ui.click("#measure-cards >> text=Patients screened for sepsis")
    assert "P chart (proportion)" in ui.text("#chart-choices")
    assert "Making Data Count (NHS England)" in ui.text("#rule-set")
    assert "4 points in a row above the upper limit, from 27 April 2026 to 18 May 2026." in ui.text(
        "#findings"
    )
    assert "PDSA cycle started" in ui.page.text_content("#spc-chart .spc-legend")
    assert ui.page.locator("#spc-chart .spc-change").count() == 1
    marked = ui.page.locator("#spc-table tr", has_text="PDSA cycle started: 1. Sepsis screening prompt")
    assert marked.count() == 1 and "90.00" in marked.inner_text()
    ui.audit()
