"""Profile, nomination, consent, admin review and edit pages, and who may use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from champions.models import Champion
from core.audit import audit_trail
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import UserFactory

pytestmark = pytest.mark.django_db


def _profile(champion: Champion) -> str:
    return reverse("champions:champion", kwargs={"pk": champion.pk})


# --- Profile ----------------------------------------------------------------------------------------


def test_a_profile_shows_what_they_offer_free_time_assignments_and_how_to_contact_them(
    member, client_for, django_assert_max_num_queries
):
    champion = ChampionFactory(offer="Process mapping for ward teams", hours_per_month=D("10"))
    CommitmentFactory(champion=champion, hours_per_month=D("4"), title="Discharge collaborative")
    client = client_for(member)
    client.get(_profile(champion))

    with django_assert_max_num_queries(12):
        response = client.get(_profile(champion))

    page = response.content.decode()
    assert "Process mapping for ward teams" in page
    assert "Discharge collaborative" in page
    assert f"mailto:{champion.person.email}" in page
    assert "6 hours" in page  # free this month: 10 agreed - 4 committed


def test_a_profile_and_the_review_show_the_completed_training_that_backs_the_level(
    member, admin_user, client_for
):
    from tests.training.factories import ProgrammeFactory, RecordFactory, TraineeFactory
    from training.ladder import Level

    champion = ChampionFactory(level="coach")
    trainee = TraineeFactory(email=champion.person.email.upper())  # matched by normalised email
    trainee.email = champion.person.email.lower()
    trainee.save()
    RecordFactory(
        trainee=trainee,
        programme=ProgrammeFactory(name="Bronze", level=Level.FOUNDATION.value),
        completed_on=dt.date(2024, 3, 1),
    )
    RecordFactory(
        trainee=trainee,
        programme=ProgrammeFactory(name="Gold coaching", level=Level.LEADERSHIP.value),
        completed_on=dt.date(2025, 9, 12),
    )
    RecordFactory(trainee=trainee, programme=ProgrammeFactory(name="Booked only"), status="booked")

    page = client_for(member).get(_profile(champion)).content.decode()
    review = client_for(admin_user).get(reverse("champions:champion_review", kwargs={"pk": champion.pk}))

    assert page.index("Gold coaching") < page.index("Bronze")  # highest level first
    assert "12 September 2025" in page
    assert "Booked only" not in page
    assert "Gold coaching" in review.content.decode()


@pytest.mark.parametrize(
    "hidden",
    [{"status": "proposed"}, {"status": "paused"}, {"status": "retired"}, {"consent_to_list": False}],
)
def test_an_unlisted_champion_is_not_found_by_staff_but_is_by_themselves_and_admins(
    hidden, member, admin_user, client_for
):
    champion = ChampionFactory(**hidden)

    assert client_for(member).get(_profile(champion)).status_code == 404
    assert client_for(champion.person).get(_profile(champion)).status_code == 200
    assert client_for(admin_user).get(_profile(champion)).status_code == 200


def test_the_person_can_give_and_withdraw_consent_from_their_profile(client_for):
    champion = ChampionFactory(consent_to_list=False)
    client = client_for(champion.person)
    url = reverse("champions:champion_consent", kwargs={"pk": champion.pk})

    client.post(url, {"consent": "yes"})
    champion.refresh_from_db()
    assert champion.consent_to_list

    client.post(url, {"consent": "no"})
    champion.refresh_from_db()
    assert not champion.consent_to_list


def test_nobody_else_can_change_someones_consent(member, client_for):
    champion = ChampionFactory(consent_to_list=True)

    response = client_for(member).post(
        reverse("champions:champion_consent", kwargs={"pk": champion.pk}), {"consent": "no"}
    )

    assert response.status_code == 404
    champion.refresh_from_db()
    assert champion.consent_to_list


# --- Nomination -------------------------------------------------------------------------------------

NOMINATION = {
    "who": "self",
    "consent_to_list": "true",
    "level": "coach",
    "methods": ["process_mapping", "lean"],
    "offer": "Mapping workshops",
    "hours_per_month": "8",
    "capacity_start_day": "1",
    "capacity_start_month": "4",
    "capacity_start_year": "2026",
    "capacity_agreed_by": "Jo Manager, matron",
}


def test_a_member_of_staff_nominates_themselves(member, client_for):
    response = client_for(member).post(reverse("champions:champion_nominate"), NOMINATION)

    champion = Champion.objects.get(person=member)
    assert response.status_code == 302
    assert response["Location"] == _profile(champion)
    assert champion.status == Champion.Status.PROPOSED
    assert champion.consent_to_list
    assert champion.methods == ["lean", "process_mapping"]
    assert champion.capacity_start == dt.date(2026, 4, 1)


def test_a_member_of_staff_nominates_a_colleague_by_email(member, client_for):
    colleague = UserFactory(email="colleague@riverside.example", organisation=member.organisation)

    client_for(member).post(
        reverse("champions:champion_nominate"),
        {**NOMINATION, "who": "other", "person_email": "Colleague@Riverside.example"},
    )

    champion = Champion.objects.get(person=colleague)
    assert champion.nominated_by == member
    assert not champion.consent_to_list


def test_a_nomination_with_mistakes_re_renders_with_messages_and_saves_nothing(member, client_for):
    response = client_for(member).post(
        reverse("champions:champion_nominate"),
        {
            **NOMINATION,
            "who": "other",
            "person_email": "nobody@riverside.example",
            "methods": [],
            "capacity_start_day": "31",
            "capacity_start_month": "2",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "has signed in to the portal" in errors["person_email"][0]
    assert errors["methods"]
    assert errors["capacity_start"] == ["Agreed from must be a real date"]
    assert "Error:" in response.content.decode()
    assert not Champion.objects.exists()


def test_nominating_someone_already_on_the_register_says_so(member, client_for):
    ChampionFactory(person=member)

    response = client_for(member).post(reverse("champions:champion_nominate"), NOMINATION)

    assert response.status_code == 200
    assert "already on the register" in response.context["form"].errors["person_email"][0]


# --- Admin review -----------------------------------------------------------------------------------


def test_an_admin_approves_a_nomination_from_the_review_page(admin_user, client_for):
    champion = ChampionFactory(status=Champion.Status.PROPOSED)
    url = reverse("champions:champion_review", kwargs={"pk": champion.pk})

    response = client_for(admin_user).post(url, {"status": "active"})

    assert response.status_code == 302
    champion.refresh_from_db()
    assert champion.status == Champion.Status.ACTIVE
    page = client_for(admin_user).get(url).content.decode()
    assert "Approved" in page  # the history


def test_pausing_without_a_reason_re_renders_with_an_error(admin_user, client_for):
    champion = ChampionFactory()
    url = reverse("champions:champion_review", kwargs={"pk": champion.pk})

    response = client_for(admin_user).post(url, {"status": "paused", "reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    champion.refresh_from_db()
    assert champion.status == Champion.Status.ACTIVE


def test_an_admin_edits_capacity_and_it_is_in_the_history(admin_user, client_for):
    champion = ChampionFactory(hours_per_month=D("10"))
    url = reverse("champions:champion_edit", kwargs={"pk": champion.pk})
    client = client_for(admin_user)
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [], "")}
    data.update(
        {
            "hours_per_month": "16",
            "capacity_start_day": str(champion.capacity_start.day),
            "capacity_start_month": str(champion.capacity_start.month),
            "capacity_start_year": str(champion.capacity_start.year),
        }
    )
    data.pop("capacity_start", None)
    data.pop("capacity_end", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    champion.refresh_from_db()
    assert champion.hours_per_month == D("16")
    assert audit_trail(champion).get().changes["hours_per_month"]["to"] == "16"


@pytest.mark.parametrize("name", ["champions:champion_review", "champions:champion_edit"])
@pytest.mark.parametrize("persona", ["member", "steering", "board"])
def test_only_admins_reach_the_review_pages(name, persona, make_persona, client_for):
    champion = ChampionFactory(status=Champion.Status.PROPOSED)
    client = client_for(make_persona(persona))

    assert client.get(reverse(name, kwargs={"pk": champion.pk})).status_code == 403
    assert client.post(reverse(name, kwargs={"pk": champion.pk}), {"status": "active"}).status_code == 403
    champion.refresh_from_db()
    assert champion.status == Champion.Status.PROPOSED


def test_the_register_lists_every_status_for_admins(admin_user, client_for, django_assert_max_num_queries):
    for status in Champion.Status.values:
        ChampionFactory.create_batch(6, status=status)
    client = client_for(admin_user)
    client.get(reverse("champions:champion_register"))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("champions:champion_register"), {"status": "proposed"})

    assert response.status_code == 200
    assert {c.status for c in response.context["listing"].paged.items} == {"proposed"}
    assert response.context["counts"] == {"proposed": 6, "active": 6, "paused": 6, "retired": 6}
