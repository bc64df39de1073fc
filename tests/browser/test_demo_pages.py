"""The demo's pages as a community admin, in one load of the demo: the steering group's other facilitation
pages, the measurement settings and the API reference pass the accessibility check, and at 390 pixels
wide (a phone) no page scrolls sideways."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from community.demo import DEMO_PASSWORD
from facilitation.models import FacilitationRequest
from projects.measurement.models import Measure

NARROW_PAGES = [
    "/home/",
    "/projects/",
    "/projects/measures/",
    "/champions/dosage/",
    "/governance/plan/",
    "/governance/dashboards/",
    "/training/",
    "/training/records/",
    "/training/cohorts/",
    "/facilitation/queue/",
    "/facilitation/portfolio/",
    "/api/v1/docs/",
    "/search/?q=falls",
    "/projects/showcase/",
    "/projects/showcase/nominations/",
    "/projects/benefits/",
    "/projects/new/",
    "/champions/",
    "/champions/register/",
    "/training/figures/",
    "/training/imports/",
    "/facilitation/triage/",
    "/facilitation/new/",
    "/governance/summary/",
    "/governance/dashboards/capacity/",
    "/governance/self-assessment/",
    "/governance/meetings/",
    "/governance/board-packs/",
    "/profile/",
    "/together/",
    "/together/settings/",
]


def test_the_demo_pages_are_accessible_and_none_is_wider_than_a_phone(ui):
    call_command("seed_demo", stdout=StringIO())
    accepted = FacilitationRequest.objects.get(title="Discharge to assess: reablement flow")
    ui.sign_in("admin@glos-icb.example.org", DEMO_PASSWORD)

    # (The queue, triage and portfolio are checked with the narrow pages below.)
    for path in (
        "/facilitation/framework/",
        "/facilitation/framework/edit/",
        f"/facilitation/{accepted.pk}/",
        f"/facilitation/{accepted.pk}/assign/",
        "/projects/measures/rules/",
    ):
        response = ui.goto(path)
        assert response.status == 200, path

    # One search box in the header answers for projects, training and champions.
    ui.goto("/home/")
    ui.page.fill("#search-field", "falls")
    with ui.page.expect_navigation():
        ui.page.press("#search-field", "Enter")
    ui.audit()
    found = ui.text()
    assert "for “falls”" in found and "Projects" in found and "QI champions and coaches" in found

    # Wide tables scroll within themselves or stack their rows; nothing else is wider than the screen.
    measure = Measure.objects.filter(value_kind="proportion").order_by("pk").first()
    ui.page.set_viewport_size({"width": 390, "height": 844})
    wide = {}
    for path in [
        *NARROW_PAGES,
        measure.get_absolute_url(),
        f"/projects/{measure.project_id}/",
        f"/projects/{measure.project_id}/benefits/new/",
    ]:
        response = ui.goto(path)
        assert response.status == 200, path
        if path == "/facilitation/queue/":
            assert "Falls with harm on the acute frailty unit" in ui.text()
        width = ui.page.evaluate("() => document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert wide == {}
