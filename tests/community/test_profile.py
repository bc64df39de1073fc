from __future__ import annotations

from django.urls import reverse

from core.audit import audit_trail
from tests.community.factories import OrganisationFactory, PlaceFactory


def test_a_user_sets_their_organisation_job_title_and_place(member, client_for):
    new_org = OrganisationFactory(name="County Council")
    place = PlaceFactory(name="Forest of Dean")
    client = client_for(member)

    response = client.post(
        reverse("community:profile"),
        {
            "first_name": "Mo",
            "last_name": "Khan",
            "organisation": new_org.pk,
            "job_title": "Social worker",
            "place": place.pk,
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.organisation, member.job_title, member.place) == (new_org, "Social worker", place)
    entry = audit_trail(member).get()
    assert entry.actor == member
    assert entry.changes["job_title"] == {"from": "Nurse", "to": "Social worker"}


def test_a_profile_with_errors_is_shown_again_with_every_value_kept(member, client_for):
    client = client_for(member)

    response = client.post(
        reverse("community:profile"),
        {"first_name": "", "last_name": "Khan", "organisation": "", "job_title": "GP"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Your profile" in page
    assert 'href="#id_first_name"' in page
    assert "Enter your first name" in page or "This field is required" in page
    assert 'value="GP"' in page
    member.refresh_from_db()
    assert member.job_title == "Nurse"
