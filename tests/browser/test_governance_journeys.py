"""The improvement board opens its dashboards and updates the delivery plan, in a real browser."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from community.demo import DEMO_PASSWORD

BOARD = "board@glos-icb.example.org"


def test_a_board_member_reads_the_dashboards_and_notes_progress_on_an_action(ui):
    call_command("seed_demo", stdout=StringIO())
    ui.sign_in(BOARD, DEMO_PASSWORD)

    ui.click("text=Dashboards")
    assert "Capacity and capability dashboards" in ui.text("h1")
    main = ui.text()
    assert "Partner organisations by kind" in main
    assert "Data as of" in main

    ui.click("text=See the capability charts and tables")
    # The vendored plotly.js draws each chart from its stored figure, with no Content Security Policy
    # violation (the ui fixture fails the test on any), and the tables stay under the charts.
    ui.page.wait_for_function("document.querySelectorAll('[data-figure].js-plotly-plot').length === 4")
    assert ui.page.locator("[data-figure] .main-svg").count() >= 4
    assert "People by highest level of training" in ui.text()
    assert ui.page.locator("table").count() == 4
    ui.click("text=Dashboards")

    ui.page.select_option("#id_period", "last-12-months")
    ui.submit("Apply filters")
    assert "period=last-12-months" in ui.page.url

    ui.click("text=Delivery plan")
    assert "ENERGISE" in ui.text()
    ui.click("text=Deliver board development sessions on improvement for every partner")
    ui.fill({"#id_text": "Five of six partners booked; the last in March."})
    ui.page.check("input[name=rag][value=green]")
    ui.submit("Add the note")

    assert "Your progress note has been added" in ui.text()
    assert "Five of six partners booked" in ui.text()


def test_a_board_member_builds_a_board_pack_and_downloads_the_pdf(ui):
    from governance import board_pack
    from governance.models import BoardPack

    call_command("seed_demo", stdout=StringIO())
    ui.sign_in(BOARD, DEMO_PASSWORD)
    ui.goto("/governance/board-packs/")
    ui.submit("Build a board pack now")
    assert "Your board pack is being built" in ui.text()
    pack = BoardPack.objects.get()

    board_pack.build(pack.pk)  # what the worker does

    # The page notices on its own (progress.js polls) and shows the downloads.
    ui.page.wait_for_selector("text=Download the board pack (PDF)", timeout=20000)
    ui.audit()
    assert "Ready" in ui.text()
    with ui.page.expect_download() as download:
        ui.page.click("text=Download the board pack (PDF)")
    assert download.value.suggested_filename.startswith("improvement-board-pack-")
    assert download.value.suggested_filename.endswith(".pdf")
