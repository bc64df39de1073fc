"""The steering group's other facilitation pages, on the demo data, pass the accessibility check."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from community.demo import DEMO_PASSWORD
from facilitation.models import FacilitationRequest


def test_the_framework_portfolio_and_demo_queue_pages_are_accessible(ui):
    call_command("seed_demo", stdout=StringIO())
    accepted = FacilitationRequest.objects.get(title="Discharge to assess: reablement flow")

    ui.sign_in("admin@glos-icb.example.org", DEMO_PASSWORD)
    for path in (
        "/facilitation/framework/",
        "/facilitation/framework/edit/",
        "/facilitation/portfolio/",
        "/facilitation/queue/",
        "/facilitation/triage/",
        f"/facilitation/{accepted.pk}/",
        f"/facilitation/{accepted.pk}/assign/",
    ):
        response = ui.goto(path)
        assert response.status == 200, path

    ui.goto("/facilitation/queue/")
    assert "Falls with harm on the acute frailty unit" in ui.text()
