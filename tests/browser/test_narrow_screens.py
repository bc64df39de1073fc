"""At 390 pixels wide (a phone) no page scrolls sideways: wide tables scroll within themselves."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from community.demo import DEMO_PASSWORD
from projects.measurement.models import Measure

PAGES = [
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
]


def test_no_page_is_wider_than_a_phone(ui):
    call_command("seed_demo", stdout=StringIO())
    measure = Measure.objects.filter(value_kind="proportion").order_by("pk").first()
    ui.page.set_viewport_size({"width": 390, "height": 844})
    ui.sign_in("admin@glos-icb.example.org", DEMO_PASSWORD)
    wide = {}
    for path in [*PAGES, measure.get_absolute_url(), f"/projects/{measure.project_id}/"]:
        ui.goto(path)
        width = ui.page.evaluate("() => document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
    assert wide == {}
