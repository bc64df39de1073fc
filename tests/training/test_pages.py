"""The training pages through Django's test client: who sees what, and what each action does."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.training.conftest import GOOD_CSV, csv_file
from tests.training.factories import (
    CohortFactory,
    FacultyAdminFactory,
    ProgrammeFactory,
    RecordFactory,
    TraineeFactory,
)
from training.models import ImportBatch, Interest, TrainingRecord

pytestmark = pytest.mark.django_db
ANSWERS = {"role": "frontline", "knowledge": "new", "time": "days"}


def test_find_training_suggests_programmes_with_their_open_cohorts(
    member, academy, client_for, django_assert_max_num_queries
):
    bronze = academy.programmes.get(name="Bronze")
    for n in range(5):
        CohortFactory(programme=bronze, name=f"Date {n}")
    CohortFactory(programme=bronze, name="Closed", open_for_booking=False)

    client = client_for(member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("training:find"), ANSWERS)

    results = response.context["results"]
    assert [p.name for p, _ in results] == ["Bronze"]
    assert len(results[0][1]) == 5
    assert "Date 0" in response.content.decode() and "Closed" not in response.content.decode()


def test_someone_who_finished_bronze_is_offered_silver_and_told_why(member, academy, client_for):
    RecordFactory(programme=academy.programmes.get(name="Bronze"), trainee=TraineeFactory(email=member.email))

    response = client_for(member).get(reverse("training:find"), ANSWERS)

    assert [p.name for p, _ in response.context["results"]] == ["Silver"]
    assert (
        "You have already finished Foundation training, so these are at the next level up: Practitioner."
        in response.content.decode()
    )


def test_unanswered_questions_are_errors(member, client_for):
    response = client_for(member).get(reverse("training:find"), {"role": "frontline"})

    assert response.context["advice"] is None
    assert "Choose how much you know about quality improvement" in response.content.decode()


def test_booking_takes_a_place_until_the_cohort_is_full(member, outsider, admin_user, client_for):
    cohort = CohortFactory(capacity=1)

    client_for(member).post(reverse("training:book", kwargs={"pk": cohort.pk}))
    response = client_for(outsider).post(reverse("training:book", kwargs={"pk": cohort.pk}), follow=True)

    record = TrainingRecord.objects.get()
    assert record.trainee.email == member.email and record.status == "booked" and record.cohort == cohort
    assert "This cohort is full" in response.content.decode()
    assert not TrainingRecord.objects.filter(trainee__email=outsider.email).exists()


def test_booking_twice_is_refused(member, client_for):
    cohort = CohortFactory(capacity=5)
    client = client_for(member)
    client.post(reverse("training:book", kwargs={"pk": cohort.pk}))

    response = client.post(reverse("training:book", kwargs={"pk": cohort.pk}), follow=True)

    assert "You already have a place" in response.content.decode()
    assert TrainingRecord.objects.count() == 1


def test_registering_interest(member, client_for):
    programme = ProgrammeFactory()

    response = client_for(member).post(
        reverse("training:interest", kwargs={"pk": programme.pk}), {"next": "/training/?role=x"}
    )

    assert response["Location"] == "/training/?role=x"
    assert Interest.objects.filter(user=member, programme=programme).exists()


def test_staff_see_only_their_own_records(member, client_for):
    mine = RecordFactory(trainee=TraineeFactory(email=member.email))
    RecordFactory()

    response = client_for(member).get(reverse("training:records"))

    assert list(response.context["listing"].paged.items) == [mine]


def test_faculty_admins_see_their_faculty_and_admins_see_all(
    member, admin_user, academy, client_for, django_assert_max_num_queries
):
    FacultyAdminFactory(provider=academy, user=member)
    bronze = academy.programmes.get(name="Bronze")
    for _ in range(25):
        RecordFactory(programme=bronze)
    RecordFactory()  # another faculty's

    client = client_for(member)
    with django_assert_max_num_queries(12):
        faculty = client.get(reverse("training:records"))
    everyone = client_for(admin_user).get(reverse("training:records"))

    assert faculty.context["listing"].paged.count == 25
    assert everyone.context["listing"].paged.count == 26


def test_records_filter_and_export(admin_user, academy, client_for):
    silver = academy.programmes.get(name="Silver")
    RecordFactory(programme=silver, trainee=TraineeFactory(name="Ann Lee"))
    RecordFactory(programme=academy.programmes.get(name="Bronze"))
    client = client_for(admin_user)

    filtered = client.get(reverse("training:records"), {"level": "practitioner"})
    csv = client.get(reverse("training:records"), {"level": "practitioner", "export": "csv"})
    xlsx = client.get(reverse("training:records"), {"export": "xlsx"})

    assert filtered.context["listing"].paged.count == 1
    body = b"".join(csv.streaming_content).decode()
    assert "Ann Lee" in body and body.count("\n") == 2
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_persons_history_is_for_them_their_faculty_admins_and_admins(
    member, outsider, admin_user, client_for
):
    trainee = TraineeFactory(email=member.email)
    RecordFactory(trainee=trainee)
    url = reverse("training:person", kwargs={"pk": trainee.pk})

    assert client_for(member).get(url).status_code == 200
    assert client_for(admin_user).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 404


def test_a_faculty_admin_marks_the_register(member, outsider, academy, client_for):
    FacultyAdminFactory(provider=academy, user=member)
    cohort = CohortFactory(
        programme=academy.programmes.get(name="Silver"),
        starts_on=datetime.date(2025, 1, 10),
        ends_on=datetime.date(2025, 3, 10),
        open_for_booking=False,
    )
    done, left = (
        RecordFactory(programme=cohort.programme, cohort=cohort, status="attended", completed_on=None)
        for _ in range(2)
    )
    url = reverse("training:cohort_register", kwargs={"pk": cohort.pk})

    assert client_for(outsider).get(url).status_code == 404
    response = client_for(member).post(
        url, {f"status_{done.pk}": "completed", f"status_{left.pk}": "withdrawn"}
    )

    assert response.status_code == 302
    done.refresh_from_db()
    left.refresh_from_db()
    assert (done.status, done.completed_on) == ("completed", datetime.date(2025, 3, 10))
    assert (left.status, left.completed_on) == ("withdrawn", None)


def test_the_import_pages_explain_themselves_to_staff_who_run_no_faculty(member, client_for):
    response = client_for(member).get(reverse("training:imports"))

    assert response.context["can_import"] is False
    assert "A community admin can make you a faculty admin" in response.content.decode()


def test_an_admin_uploads_matches_columns_and_imports(admin_user, academy, ghft, client_for):
    client = client_for(admin_user)

    uploaded = client.post(reverse("training:imports"), {"provider": academy.pk, "file": csv_file(GOOD_CSV)})
    batch = ImportBatch.objects.get()
    assert uploaded["Location"] == reverse("training:import_detail", kwargs={"pk": batch.pk})
    mapping_page = client.get(uploaded["Location"])
    assert mapping_page.context["form"]["email"].value() == "Email"
    imported = client.post(uploaded["Location"], {**batch.mapping}, follow=True)

    assert "New records" in imported.content.decode()
    assert TrainingRecord.objects.count() == 3
    history = client.get(reverse("training:imports"))
    assert list(history.context["history"]) == [batch]
    original = client.get(reverse("training:import_file", kwargs={"pk": batch.pk}))
    assert b"".join(original.streaming_content).startswith(b"Email,Full name")


def test_a_file_with_problems_shows_them_and_offers_the_report(admin_user, academy, ghft, client_for):
    client = client_for(admin_user)
    client.post(
        reverse("training:imports"),
        {
            "provider": academy.pk,
            "file": csv_file(GOOD_CSV.replace("Bronze,Completed,2025", "Platinum,Completed,2025")),
        },
    )
    batch = ImportBatch.objects.get()

    page = client.post(reverse("training:import_detail", kwargs={"pk": batch.pk}), batch.mapping, follow=True)
    report = client.get(reverse("training:import_errors", kwargs={"pk": batch.pk}))

    assert "Nothing was imported" in page.content.decode()
    assert "Not a programme of Safety and Quality Improvement Academy" in page.content.decode()
    assert b"Row,Column,Problem,Value" in b"".join(report.streaming_content)
    assert TrainingRecord.objects.count() == 0


def test_a_mapping_without_the_email_column_is_refused_with_a_message(admin_user, academy, client_for):
    client = client_for(admin_user)
    client.post(reverse("training:imports"), {"provider": academy.pk, "file": csv_file(GOOD_CSV)})
    batch = ImportBatch.objects.get()

    response = client.post(
        reverse("training:import_detail", kwargs={"pk": batch.pk}), {**batch.mapping, "email": ""}
    )

    assert "Choose the column that holds the email address" in response.content.decode()
    assert response.content.decode().count("Error:") >= 1
    batch.refresh_from_db()
    assert batch.state == "uploaded"


def test_an_upload_that_is_not_a_spreadsheet_is_refused(admin_user, academy, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(admin_user).post(
        reverse("training:imports"),
        {"provider": academy.pk, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 not a table")},
    )

    assert response.status_code == 200
    assert "must be a CSV, Excel workbook" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_another_faculty_cannot_see_an_import(member, admin_user, academy, client_for):
    client_for(admin_user).post(
        reverse("training:imports"), {"provider": academy.pk, "file": csv_file(GOOD_CSV)}
    )
    batch = ImportBatch.objects.get()
    other = ProgrammeFactory().provider
    FacultyAdminFactory(provider=other, user=member)

    for name in ("training:import_detail", "training:import_file"):
        assert client_for(member).get(reverse(name, kwargs={"pk": batch.pk})).status_code == 404


def test_the_figures_page_counts_people_by_level_and_organisation(
    member, academy, ghft, client_for, django_assert_max_num_queries
):
    trainee = TraineeFactory(organisation=ghft)
    RecordFactory(trainee=trainee, programme=academy.programmes.get(name="Bronze"))
    RecordFactory(trainee=trainee, programme=academy.programmes.get(name="Silver"))
    for _ in range(20):
        RecordFactory(
            programme=academy.programmes.get(name="Bronze"), trainee=TraineeFactory(organisation=ghft)
        )

    client = client_for(member)
    # Counted by the database in seven grouped queries, whatever the number of records; none while cached.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("training:figures"), {"period": "all"})
    with django_assert_max_num_queries(9):
        again = client.get(reverse("training:figures"), {"period": "all"})
    assert again.context["people"] == 21
    RecordFactory(programme=academy.programmes.get(name="Bronze"), trainee=TraineeFactory(organisation=ghft))
    assert client.get(reverse("training:figures"), {"period": "all"}).context["people"] == 22  # a new record

    assert response.context["system_levels"]["practitioner"] == 1
    assert response.context["system_levels"]["foundation"] == 20
    assert response.context["improvers_system"].total == 1
    assert response.context["people"] == 21
    assert response.context["by_level"]["foundation"] == (21, 21)
    assert response.context["by_level"]["practitioner"] == (1, 1)


def test_a_queued_import_shows_a_progress_bar_that_keeps_itself_up_to_date(
    admin_user, academy, client_for, monkeypatch
):
    from training import services

    monkeypatch.setattr(services, "INLINE_MAX_BYTES", 10)
    monkeypatch.setattr("training.tasks.run_import.apply_async", lambda **kw: None)
    client = client_for(admin_user)
    client.post(reverse("training:imports"), {"provider": academy.pk, "file": csv_file(GOOD_CSV)})
    batch = ImportBatch.objects.get()

    page = client.post(reverse("training:import_detail", kwargs={"pk": batch.pk}), batch.mapping, follow=True)

    html = page.content.decode()
    assert page.context["batch"].state == "queued"
    # A polling script updates the progress region (a timed page refresh fails WCAG 2.2.1); without
    # JavaScript a link checks again.
    assert "http-equiv" not in html
    assert "js/progress.js" in html and "data-running" in html and "Check progress" in html
    assert '<progress id="import-progress"' in html and "Waiting for a worker" in html


def test_another_faculty_admin_cannot_mark_a_register(member, academy, client_for):
    FacultyAdminFactory(provider=ProgrammeFactory().provider, user=member)
    cohort = CohortFactory(programme=academy.programmes.get(name="Bronze"))
    record = RecordFactory(programme=cohort.programme, cohort=cohort, status="booked", completed_on=None)

    url = reverse("training:cohort_register", kwargs={"pk": cohort.pk})
    response = client_for(member).post(url, {f"status_{record.pk}": "completed"})

    assert response.status_code == 404
    record.refresh_from_db()
    assert record.status == "booked"


def test_someone_without_an_organisation_is_told_why_they_see_only_system_wide_courses(client_for):
    from tests.community.factories import UserFactory

    nobody = UserFactory(organisation=None)

    response = client_for(nobody).get(reverse("training:find"), ANSWERS)

    assert "Add your organisation to" in response.content.decode()


def test_a_long_records_list_counts_only_so_far(admin_user, academy, client_for, monkeypatch):
    from training import views

    monkeypatch.setattr(views, "RECORDS_COUNTED", 3)
    for _ in range(5):
        RecordFactory(programme=academy.programmes.get(name="Bronze"))

    page = client_for(admin_user).get(reverse("training:records")).content.decode()

    assert "Showing 1 to 3 of more than 3 records: filter to narrow them down" in page


def test_booking_shows_a_confirmation_emails_a_calendar_file_and_the_place_can_be_cancelled(
    member, outsider, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(name="Shire Hall, day course", venue="Shire Hall, Gloucester")
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("training:book", kwargs={"pk": cohort.pk}))
    record = TrainingRecord.objects.get()
    assert response["Location"] == reverse("training:booking", kwargs={"pk": record.pk})
    page = client.get(response["Location"]).content.decode()
    assert "You have a place" in page and "Shire Hall, Gloucester" in page
    (email,) = mailoutbox
    assert email.to == [member.email] and f"/training/bookings/{record.pk}/" in email.body
    name, content, mimetype = email.attachments[0]
    assert (name, mimetype) == ("training.ics", "text/calendar")
    assert f"DTSTART;VALUE=DATE:{cohort.starts_on:%Y%m%d}" in content and "STATUS:CONFIRMED" in content
    ics = client.get(reverse("training:booking_calendar", kwargs={"pk": record.pk}))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content

    assert client_for(outsider).get(response["Location"]).status_code == 404
    assert (
        client_for(outsider).post(reverse("training:booking_cancel", kwargs={"pk": record.pk})).status_code
        == 404
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:booking_cancel", kwargs={"pk": record.pk}))
    record.refresh_from_db()
    assert record.status == "withdrawn"
    assert "STATUS:CANCELLED" in mailoutbox[-1].attachments[0][1]
    assert "Cancel my place" not in client.get(response["Location"]).content.decode()
    # The place is free again for someone else.
    assert client_for(outsider).post(reverse("training:book", kwargs={"pk": cohort.pk})).status_code == 302


def test_the_figures_pages_each_organisation_table_on_its_own(member, academy, client_for, monkeypatch):
    from tests.community.factories import OrganisationFactory
    from training import views

    monkeypatch.setattr(views, "FIGURES_PAGE", 2)
    for n in range(3):
        org = OrganisationFactory(name=f"Partner {n}", short_name=f"P{n}")
        RecordFactory(
            programme=academy.programmes.get(name="Bronze"), trainee=TraineeFactory(organisation=org)
        )
    client = client_for(member)

    first = client.get(reverse("training:figures"), {"period": "all"}).context
    later = client.get(reverse("training:figures"), {"period": "all", "people_page": 2}).context

    assert first["by_org"].count >= 3
    assert len(first["by_org"].items) == 2 and len(later["by_org"].items) >= 1
    assert later["improvers"].page.number == 1  # the other table stays on its own page
    html = client.get(reverse("training:figures"), {"period": "all"}).content.decode()
    assert "Showing 1 to 2 of" in html  # each table says which organisations it shows
    assert {o.pk for o, _ in first["by_org"].items}.isdisjoint({o.pk for o, _ in later["by_org"].items if o})
