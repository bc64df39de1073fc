"""The training API: scoped reads, and creates with the import's checks, all or nothing."""

from __future__ import annotations

import pytest

from tests.training.factories import CohortFactory, FacultyAdminFactory, RecordFactory, TraineeFactory
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db
RECORDS = "/api/v1/training/records/"


def test_programmes_and_cohorts_are_listed_for_staff(member, academy, client_for):
    CohortFactory(programme=academy.programmes.get(name="Bronze"))
    client = client_for(member)

    programmes = client.get("/api/v1/training/programmes/", {"level": "practitioner"}).json()
    cohorts = client.get("/api/v1/training/cohorts/").json()

    assert [p["name"] for p in programmes["results"]] == ["Silver"]
    assert cohorts["results"][0]["places_taken"] == 0


def test_staff_see_their_own_records_and_faculty_admins_their_faculty(
    member, outsider, academy, client_for, django_assert_max_num_queries
):
    RecordFactory(trainee=TraineeFactory(email=member.email))
    for _ in range(15):
        RecordFactory(programme=academy.programmes.get(name="Bronze"))
    FacultyAdminFactory(provider=academy, user=outsider)
    staff, faculty = client_for(member), client_for(outsider)

    assert staff.get(RECORDS).json()["count"] == 1
    with django_assert_max_num_queries(8):
        body = faculty.get(RECORDS, {"provider": academy.pk}).json()
    assert body["count"] == 15


def test_a_faculty_admin_creates_a_record(member, academy, ghft, client_for):
    FacultyAdminFactory(provider=academy, user=member)

    response = client_for(member).post(
        RECORDS,
        {"provider": academy.pk, "email": "Ann@GHFT.example.org", "name": "Ann", "organisation": "GHFT",
         "programme": "Silver", "completed_on": "2025-05-01"},
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["email"], body["status"], body["completed_on"]) == (
        "ann@ghft.example.org",
        "completed",
        "2025-05-01",
    )


def test_staff_cannot_create_records_for_a_faculty_they_do_not_run(member, academy, client_for):
    response = client_for(member).post(
        RECORDS, {"provider": academy.pk, "email": "a@b.org", "programme": "Bronze", "status": "booked"},
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 403
    assert not TrainingRecord.objects.exists()


def test_bulk_create_is_all_or_nothing_with_problems_by_record(admin_user, academy, client_for):
    rows = [
        {"email": "a@x.org", "programme": "Bronze", "completed_on": "2025-01-01"},
        {"email": "bad", "programme": "Bronze", "completed_on": "2025-01-01"},
        {"email": "c@x.org", "programme": "Gold", "status": "completed"},
    ]
    client = client_for(admin_user)

    refused = client.post(
        f"{RECORDS}bulk/", {"provider": academy.pk, "records": rows}, content_type="application/json"
    )

    assert refused.status_code == 400
    problems = [(p["record"], p["field"]) for p in refused.json()["records"]]
    assert problems == [(2, "Email address"), (3, "Programme")]
    assert not TrainingRecord.objects.exists()

    rows[1]["email"], rows[2]["programme"] = "b@x.org", "Silver"
    accepted = client.post(
        f"{RECORDS}bulk/", {"provider": academy.pk, "records": rows}, content_type="application/json"
    )
    again = client.post(
        f"{RECORDS}bulk/", {"provider": academy.pk, "records": rows}, content_type="application/json"
    )

    assert accepted.json() == {"created": 3, "updated": 0, "unchanged": 0}
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 3}


def test_a_malformed_request_gets_field_messages(admin_user, client_for):
    response = client_for(admin_user).post(
        f"{RECORDS}bulk/", {"records": []}, content_type="application/json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"provider", "records"}
