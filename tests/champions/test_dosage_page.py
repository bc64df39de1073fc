"""The dosage page and its export: for the board and admins."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from champions.models import Champion
from tests.champions.factories import ChampionFactory
from tests.community.factories import OrganisationFactory, PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("champions:champion_dosage")


def _register(organisation) -> None:  # type: ignore[no-untyped-def]
    place = PlaceFactory(name="Cheltenham")
    for level, count in (("expert", 3), ("faculty", 1), ("coach", 12), ("practitioner", 5)):
        for _ in range(count):
            ChampionFactory(
                person=UserFactory(organisation=organisation), level=level, places=[place], methods=["lean"]
            )
    # Entries that are not active never count.
    ChampionFactory(
        person=UserFactory(organisation=organisation), level="coach", status=Champion.Status.PAUSED
    )
    ChampionFactory(
        person=UserFactory(organisation=organisation), level="expert", status=Champion.Status.RETIRED
    )


def test_the_board_sees_targets_actuals_and_gaps_for_an_organisation_of_4000(
    board, organisation, client_for, django_assert_max_num_queries
):
    _register(organisation)
    client = client_for(board)
    client.get(URL)

    with django_assert_max_num_queries(10):
        response = client.get(URL)

    report = response.context["report"]
    riverside = next(d for d in report.organisations if d.name == organisation.label)
    assert (riverside.expert_target, riverside.experts, riverside.expert_gap) == (16, 4, 12)
    assert (riverside.coach_target, riverside.coaches, riverside.coach_gap) == (200, 12, 188)
    assert riverside.teams_supported == (36, 48)
    page = response.content.decode()
    assert "188 short" in page
    assert "Cheltenham" in page  # by place
    assert "Lean" in page  # by method


def test_the_organisations_are_paged_with_the_system_row_on_every_page(board, client_for):
    for n in range(27):
        OrganisationFactory(name=f"Partner {n:02d}", short_name=f"P{n:02d}", headcount=100)
    client = client_for(board)

    def table(page: str) -> str:
        return page.split("<h2>By organisation</h2>")[1].split("<h2>By place</h2>")[0]

    first = table(client.get(URL).content.decode())
    second = table(client.get(URL + "?page=2").content.decode())

    assert "P00" in first and "P24" in first and "P25" not in first
    assert "P25" in second and "P00" not in second
    assert "Showing 26 to " in second
    assert first.count("Whole system") == second.count("Whole system") >= 1


def test_the_dosage_exports_as_csv_and_xlsx_with_a_system_row(admin_user, organisation, client_for):
    _register(organisation)
    OrganisationFactory(name="Small charity", short_name="SC", headcount=450)
    client = client_for(admin_user)

    csv_body = b"".join(client.get(URL, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    lines = csv_body.strip().splitlines()
    assert lines[0].startswith("Organisation,Headcount,Expert target (0.4%),Experts,Expert gap")
    assert "RHT,4000,16,4,12,200,12,188" in csv_body
    assert "SC,450,2,0,2,23,0,23" in csv_body
    assert lines[-1].startswith("Whole system,")

    xlsx = client.get(URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Organisation", "Headcount", "Expert target (0.4%)")
    riverside = next(r for r in rows if r[0] == "RHT")
    assert riverside[:8] == ("RHT", 4000, 16, 4, 12, 200, 12, 188)


@pytest.mark.parametrize(
    "persona,status", [("member", 403), ("steering", 403), ("board", 200), ("admin", 200)]
)
def test_only_the_board_and_admins_see_the_dosage(persona, status, make_persona, client_for):
    assert client_for(make_persona(persona)).get(URL).status_code == status


def test_by_place_counts_each_champion_once_under_their_locality():
    from champions.selectors import by_place
    from community.models import Place

    system = Place.objects.create(name="Shire", kind=Place.Kind.SYSTEM)
    town = Place.objects.create(name="Town", kind=Place.Kind.PLACE, parent=system)
    pcn = Place.objects.create(name="Town PCN", kind=Place.Kind.PCN, parent=town)
    ChampionFactory(level="coach", places=[town, pcn], hours_per_month=6)
    ChampionFactory(level="expert", places=[pcn], hours_per_month=4)
    ChampionFactory(level="practitioner")  # no places: anywhere
    ChampionFactory(level="coach", places=[pcn], status=Champion.Status.PAUSED)

    rows = {r["name"]: r for r in by_place()}

    assert set(rows) == {"Town", "Anywhere in the system"}
    assert (rows["Town"]["coaches"], rows["Town"]["experts"], rows["Town"]["hours"]) == (1, 1, 10)
    assert rows["Anywhere in the system"]["practitioners"] == 1


def test_training_records_raise_an_organisations_counts_without_counting_anyone_twice(
    board, organisation, client_for
):
    """The register has 4 experts and 12 coaches; training records show 6 people whose highest level is
    advanced and 3 at leadership and coaching: each figure takes the larger source."""
    from tests.training.factories import ProgrammeFactory, RecordFactory, TraineeFactory
    from training.ladder import Level

    _register(organisation)
    gold = ProgrammeFactory(name="Gold", level=Level.ADVANCED.value)
    coaching = ProgrammeFactory(name="Coaching", level=Level.LEADERSHIP.value)
    for _ in range(6):
        RecordFactory(trainee=TraineeFactory(organisation=organisation), programme=gold)
    for _ in range(3):
        RecordFactory(trainee=TraineeFactory(organisation=organisation), programme=coaching)

    report = client_for(board).get(URL).context["report"]

    riverside = next(d for d in report.organisations if d.name == organisation.label)
    assert (riverside.trained_experts, riverside.register_experts, riverside.experts) == (6, 4, 6)
    assert (riverside.trained_coaches, riverside.register_coaches, riverside.coaches) == (3, 12, 12)
    assert riverside.expert_gap == 10


def test_the_places_are_paged_on_their_own(board, client_for):
    from champions.models import Champion
    from tests.champions.factories import ChampionFactory
    from tests.community.factories import PlaceFactory

    for n in range(27):
        champion = ChampionFactory(status=Champion.Status.ACTIVE)
        champion.places.set([PlaceFactory(name=f"Locality {n:02d}")])
    client = client_for(board)

    def places(page: str) -> str:
        return page.split("<h2>By place</h2>")[1].split("<h2>By method</h2>")[0]

    first = places(client.get(URL).content.decode())
    second = places(client.get(URL + "?places_page=2&page=1").content.decode())

    assert "Locality 00" in first and "Locality 24" in first and "Locality 25" not in first
    assert "Locality 25" in second and "Locality 00" not in second
    assert "places_page=2" in first  # its own pages, leaving the organisations' page as it was


def test_the_places_table_says_which_places_it_shows(board, client_for):
    from champions.models import Champion
    from tests.champions.factories import ChampionFactory
    from tests.community.factories import PlaceFactory

    for n in range(27):
        ChampionFactory(status=Champion.Status.ACTIVE).places.set([PlaceFactory(name=f"Area {n:02d}")])
    page = client_for(board).get(URL + "?places_page=2").content.decode()
    places = page.split("<h2>By place</h2>")[1].split("<h2>By method</h2>")[0]
    assert "Showing 26 to " in places and " of " in places
