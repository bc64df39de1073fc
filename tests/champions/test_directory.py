"""The champions directory: filters, who appears, query counts and export."""

from __future__ import annotations

import html
from decimal import Decimal as D

import pytest
from django.urls import reverse

from champions.models import Champion
from community.models import Place
from tests.champions.factories import ChampionFactory, CommitmentFactory
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("champions:champions")


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(c.person.first_name for c in response.context["listing"].paged.items)


def _champion(first_name: str, **kwargs):  # type: ignore[no-untyped-def]
    return ChampionFactory(person=UserFactory(first_name=first_name), **kwargs)


def test_only_active_consenting_champions_are_listed(member, client_for):
    _champion("Active")
    _champion("Proposed", status=Champion.Status.PROPOSED)
    _champion("Paused", status=Champion.Status.PAUSED)
    _champion("Retired", status=Champion.Status.RETIRED)
    _champion("Private", consent_to_list=False)
    left = _champion("Left")
    left.person.is_active = False
    left.person.save()

    response = client_for(member).get(URL)

    assert response.status_code == 200
    assert _names(response) == ["Active"]
    for hidden in ("Proposed", "Paused", "Retired", "Private", "Left"):
        assert hidden not in response.content.decode()


def test_it_filters_by_method_level_organisation_and_topic(member, client_for):
    frailty = SystemPriorityFactory(name="Frailty")
    other_org = OrganisationFactory(name="Hillside Council")
    _champion("Mapper", methods=["process_mapping"], topics=[frailty])
    _champion("Leaner", methods=["lean"], level="expert")
    _champion("Council", methods=["process_mapping"], organisation=other_org)
    client = client_for(member)

    assert _names(client.get(URL, {"method": "process_mapping"})) == ["Council", "Mapper"]
    assert _names(client.get(URL, {"level": "expert"})) == ["Leaner"]
    assert _names(client.get(URL, {"organisation": other_org.pk})) == ["Council"]
    assert _names(client.get(URL, {"topic": frailty.pk})) == ["Mapper"]
    assert _names(client.get(URL, {"q": "leaner"})) == ["Leaner"]


def test_a_place_matches_champions_for_it_the_areas_within_it_and_the_whole_system(member, client_for):
    system = Place.objects.get_or_create(name="Test system", kind=Place.Kind.SYSTEM)[0]
    gloucester = PlaceFactory(name="Gloucester", parent=system)
    quayside = PlaceFactory(name="Quayside PCN", kind=Place.Kind.PCN, parent=gloucester)
    stroud = PlaceFactory(name="Stroud", parent=system)
    _champion("Locality", places=[gloucester])
    _champion("Pcn", places=[quayside])
    _champion("Elsewhere", places=[stroud])
    _champion("Anywhere")  # no places: helps anywhere in the system
    client = client_for(member)

    assert _names(client.get(URL, {"place": gloucester.pk})) == ["Anywhere", "Locality", "Pcn"]
    assert _names(client.get(URL, {"place": quayside.pk})) == ["Anywhere", "Locality", "Pcn"]
    assert _names(client.get(URL, {"place": stroud.pk})) == ["Anywhere", "Elsewhere"]


def test_it_finds_a_coach_with_free_time_who_knows_process_mapping_in_a_place(member, client_for):
    place = PlaceFactory(name="Forest of Dean")
    free = _champion("Free", methods=["process_mapping"], places=[place])
    busy = _champion("Busy", methods=["process_mapping"], places=[place], hours_per_month=D("4"))
    CommitmentFactory(champion=busy, hours_per_month=D("4"))
    _champion("Nothing", methods=["process_mapping"], places=[place], hours_per_month=D("0"))

    response = client_for(member).get(
        URL, {"method": "process_mapping", "place": place.pk, "level": "coach", "has_free_capacity": "on"}
    )

    assert _names(response) == ["Free"]
    assert free.person.display_name in html.unescape(
        response.content.decode()
    )  # names may hold an apostrophe


def test_sorting_by_free_time(member, client_for):
    _champion("Little", hours_per_month=D("2"))
    _champion("Lots", hours_per_month=D("20"))

    response = client_for(member).get(URL, {"sort": "free"})

    assert [c.person.first_name for c in response.context["listing"].paged.items] == ["Lots", "Little"]


def test_the_directory_page_runs_a_bounded_number_of_queries(
    member, client_for, django_assert_max_num_queries
):
    topic, place = SystemPriorityFactory(), PlaceFactory()
    for n in range(25):
        _champion(f"Person{n}", topics=[topic], places=[place])
    client = client_for(member)
    client.get(URL)  # warm per-process caches (content types, roles)

    with django_assert_max_num_queries(14):
        response = client.get(URL, {"method": "process_mapping"})
    assert len(response.context["listing"].paged.items) == 20


def test_the_directory_exports_only_what_staff_may_see(member, client_for):
    _champion("Shown")
    _champion("Hidden", status=Champion.Status.PAUSED)

    response = client_for(member).get(URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()

    assert "Shown" in body and "Hidden" not in body
    assert response["Content-Disposition"] == 'attachment; filename="champions.csv"'


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_each_filter_input_has_a_unique_id_so_its_label_works(member, client_for):
    page = client_for(member).get(URL).content.decode()

    assert page.count('id="id_has_free_capacity"') == 1
    assert page.count('for="id_has_free_capacity"') == 1
