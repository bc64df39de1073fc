"""Training journeys in a real browser: an import with a mistake, fixed and loaded; finding and booking."""

from __future__ import annotations

from django.core.management import call_command

from tests.community.factories import OrganisationFactory, UserFactory, verified
from tests.training.factories import CohortFactory, ProgrammeFactory, ProviderFactory
from training.models import TrainingRecord

PASSWORD = "a-good-password-123"
BAD = b"""Email,Full name,Organisation,Course,Date completed
ann.lee@ghft.example.org,Ann Lee,GHFT,Bronze,12/03/2025
bo.khan@ghft.example.org,Bo Khan,GHFT,Platinum,02/04/2025
cy.ode@ghft.example.org,Cy Ode,GHFT,Silver,01/05/2025
"""


def _upload(ui, provider_pk: int, data: bytes) -> None:  # type: ignore[no-untyped-def]
    ui.goto("/training/imports/")
    ui.page.select_option("#id_provider", str(provider_pk))
    ui.page.set_input_files(
        "#id_file", files=[{"name": "academy.csv", "mimeType": "text/csv", "buffer": data}]
    )
    ui.submit("Upload and match columns")
    assert "Tell us which column of the file holds each field" in ui.text()
    ui.submit("Check and import")


def test_an_admin_uploads_a_file_with_a_mistake_fixes_it_and_sees_the_counts(ui):
    call_command("migrate", verbosity=0)  # the admin group's permissions
    ghft = OrganisationFactory(name="Gloucestershire Hospitals NHS Foundation Trust", short_name="GHFT")
    admin = verified(
        UserFactory(email="admin@ghft.example.org", organisation=ghft, roles=["community_admin"])
    )
    academy = ProviderFactory(name="Safety and Quality Improvement Academy")
    ProgrammeFactory(provider=academy, name="Bronze", level="foundation")
    ProgrammeFactory(provider=academy, name="Silver", level="practitioner", competent_improver=True)
    ui.sign_in(admin.email, PASSWORD)

    _upload(ui, academy.pk, BAD)

    text = ui.text()
    assert "Nothing was imported" in text
    assert "Not a programme of Safety and Quality Improvement Academy" in text
    link = ui.page.get_by_role("link", name="Download the list of problems (CSV)")
    report = ui.page.request.get(ui.url(link.get_attribute("href")))
    assert "3,Programme" in report.text()
    assert TrainingRecord.objects.count() == 0

    _upload(ui, academy.pk, BAD.replace(b"Platinum", b"Bronze"))

    text = ui.text()
    assert "New records" in text and "3" in text
    ui.click("text=the figures")
    figures = ui.text()
    assert "Training figures" in figures
    assert TrainingRecord.objects.count() == 3
    cells = ui.page.locator("tr.app-total-row").nth(1).locator("td").all_inner_texts()
    assert cells == ["0", "2", "1", "0", "0"]  # awareness, foundation, practitioner, advanced, leadership


def test_a_member_of_staff_finds_training_and_books_a_place(ui):
    org = OrganisationFactory(name="Riverside Trust", short_name="RT")
    person = verified(UserFactory(email="sam@riverside.example", organisation=org))
    programme = ProgrammeFactory(
        provider=ProviderFactory(name="System QSIR Faculty"), name="QSIR Fundamentals"
    )
    CohortFactory(programme=programme, name="Spring", capacity=1, venue="Shire Hall")
    ui.sign_in(person.email, PASSWORD)

    ui.goto("/training/")
    ui.page.check("input[name=role][value=frontline]")
    ui.page.check("input[name=knowledge][value=new]")
    ui.page.check("input[name=time][value=days]")
    ui.submit("Show training that fits")
    assert "QSIR Fundamentals" in ui.text() and "1 of 1" in ui.text()
    ui.submit("Book a place")

    # A confirmation page, with the calendar file and a way to cancel.
    assert "You have a place" in ui.text() and "QSIR Fundamentals, Spring" in ui.text()
    assert "Add it to your calendar (.ics file)" in ui.text()
    assert TrainingRecord.objects.get().trainee.email == person.email
    ui.click("text=Find more training")
    ui.page.check("input[name=role][value=frontline]")
    ui.page.check("input[name=knowledge][value=new]")
    ui.page.check("input[name=time][value=days]")
    ui.submit("Show training that fits")
    assert "Full" in ui.text()

    ui.goto(f"/training/bookings/{TrainingRecord.objects.get().pk}/")
    ui.submit("Cancel my place")
    assert "is cancelled" in ui.text()
    assert TrainingRecord.objects.get().status == "withdrawn"
