"""Imports: all-or-nothing, idempotent, people matched by email, the original file and the report kept."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied

from tests.training.conftest import GOOD_CSV, csv_file
from training import figures, services
from training.models import ImportBatch, Trainee, TrainingRecord


def run(actor, provider, text, name="academy.csv"):  # type: ignore[no-untyped-def]
    batch = services.import_upload(actor=actor, provider=provider, upload=csv_file(text, name))
    return services.import_start(actor=actor, batch=batch, mapping=batch.mapping)


@pytest.mark.django_db
def test_a_good_file_imports_every_row_and_keeps_the_original(admin_user, academy, ghft):
    batch = run(admin_user, academy, GOOD_CSV)

    assert batch.state == ImportBatch.State.DONE
    assert (batch.row_count, batch.created_count, batch.updated_count, batch.unchanged_count) == (3, 3, 0, 0)
    assert TrainingRecord.objects.filter(import_batch=batch, source="import").count() == 3
    ann = Trainee.objects.get(email="ann.lee@ghft.example.org")
    assert ann.name == "Ann Lee" and ann.organisation == ghft
    assert batch.file.read().decode().startswith("Email,Full name")
    assert batch.uploaded_by == admin_user and batch.seconds is not None


@pytest.mark.django_db
def test_a_file_with_one_bad_row_imports_nothing_and_reports_the_row(admin_user, academy, ghft):
    bad = GOOD_CSV.replace("2025-04-02", "31/02/2025")

    batch = run(admin_user, academy, bad)

    assert batch.state == ImportBatch.State.INVALID
    assert TrainingRecord.objects.count() == 0 and Trainee.objects.count() == 0
    assert batch.error_count == 1
    assert batch.first_errors[0]["row"] == 3
    report = batch.error_report.read().decode()
    assert report.splitlines()[0] == "Row,Column,Problem,Value"
    assert "3,Completion date,Not a date" in report


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(admin_user, academy, ghft):
    run(admin_user, academy, GOOD_CSV)
    before = list(
        TrainingRecord.objects.order_by("pk").values_list("pk", "status", "completed_on", "updated_at")
    )

    again = run(admin_user, academy, GOOD_CSV)

    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    after = list(
        TrainingRecord.objects.order_by("pk").values_list("pk", "status", "completed_on", "updated_at")
    )
    assert after == before
    assert services.earlier_import_of_same_file(again) is not None


@pytest.mark.django_db
def test_a_later_file_updates_what_changed(admin_user, academy, ghft):
    run(admin_user, academy, GOOD_CSV)

    later = run(admin_user, academy, GOOD_CSV.replace("Silver,Booked,", "Silver,Completed,2025-05-01"))

    assert (later.created_count, later.updated_count, later.unchanged_count) == (0, 1, 2)
    cy = TrainingRecord.objects.get(trainee__email="cy.ode@ghft.example.org")
    assert cy.status == "completed" and str(cy.completed_on) == "2025-05-01" and cy.import_batch == later


@pytest.mark.django_db
def test_one_person_across_files_is_one_person_at_their_highest_level(admin_user, academy, ghft):
    run(admin_user, academy, "Email,Course,Date\nAnn.Lee@GHFT.example.org,Bronze,2024-01-01")
    run(admin_user, academy, "Email,Course,Date\n ann.lee@ghft.example.org ,Silver,2025-01-01", "second.csv")

    assert Trainee.objects.count() == 1
    assert TrainingRecord.objects.count() == 2
    levels = figures.people_by_highest_level()
    assert levels["practitioner"] == 1 and levels["foundation"] == 0


@pytest.mark.django_db
def test_an_imported_person_is_linked_to_their_account(admin_user, member, academy):
    run(admin_user, academy, f"Email,Course,Date\n{member.email.upper()},Bronze,2024-01-01")

    assert Trainee.objects.get().user == member


@pytest.mark.django_db
def test_an_excel_workbook_imports_like_a_csv(admin_user, academy, ghft):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Email", "Programme", "Completion date"])
    import datetime

    sheet.append(["ann@ghft.example.org", "Silver", datetime.datetime(2025, 3, 4)])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("academy.xlsx", buffer.getvalue())

    batch = services.import_upload(actor=admin_user, provider=academy, upload=upload)
    batch = services.import_start(actor=admin_user, batch=batch, mapping=batch.mapping)

    assert batch.state == ImportBatch.State.DONE, batch.first_errors
    record = TrainingRecord.objects.get()
    assert (record.programme.name, str(record.completed_on), record.status) == (
        "Silver",
        "2025-03-04",
        "completed",
    )


@pytest.mark.django_db
def test_a_large_file_is_queued_for_a_worker(
    admin_user, academy, ghft, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_MAX_BYTES", 10)
    sent = []
    monkeypatch.setattr("training.tasks.run_import.apply_async", lambda **kw: sent.append(kw))

    with django_capture_on_commit_callbacks(execute=True):
        batch = run(admin_user, academy, GOOD_CSV)

    assert batch.state == ImportBatch.State.QUEUED
    assert sent == [{"args": (batch.pk,), "kwargs": {}, "retry": False}]
    assert TrainingRecord.objects.count() == 0
    services.import_run(batch_id=batch.pk)  # what the worker does
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DONE and batch.progress == 100
    assert services.import_run(batch_id=batch.pk) is None  # a second delivery finds it claimed


@pytest.mark.django_db
def test_only_admins_of_the_faculty_may_import(member, academy):
    with pytest.raises(PermissionDenied):
        services.import_upload(actor=member, provider=academy, upload=csv_file(GOOD_CSV))


@pytest.mark.django_db
def test_a_faculty_admin_may_import_for_their_faculty(member, academy, ghft):
    from tests.training.factories import FacultyAdminFactory

    FacultyAdminFactory(provider=academy, user=member)

    assert run(member, academy, GOOD_CSV).state == ImportBatch.State.DONE
