from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from projects.models import Project
from tests.community.factories import OrganisationFactory, PlaceFactory, SystemPriorityFactory, UserFactory
from tests.projects.factories import MethodFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.title for p in response.context["listing"].paged.items]


def test_search_finds_a_project_by_a_word_in_its_aim_and_ranks_title_matches_first(member, client_for):
    in_aim = ProjectFactory(title="Hospital at home", aim="Care for frail older people at home")
    in_title = ProjectFactory(title="Frailty virtual ward", aim="Fewer admissions")
    ProjectFactory(title="Glaucoma service", aim="Shorter waits for eye reviews")

    response = client_for(member).get("/projects/", {"q": "frail"})

    assert response.status_code == 200
    assert _titles(response) == [in_title.title, in_aim.title]
    assert "2 projects found" in response.content.decode()


def test_search_tolerates_punctuation_and_a_misspelt_title(member, client_for):
    ward = ProjectFactory(title="Frailty virtual ward")
    assert _titles(client_for(member).get("/projects/", {"q": "virtual & ward's!"})) == [ward.title]
    assert _titles(client_for(member).get("/projects/", {"q": "Frailty virtaul ward"})) == [ward.title]


def test_filters_narrow_the_list(member, client_for):
    org = OrganisationFactory(name="Acute Trust")
    locality = PlaceFactory(name="Gloucester")
    pcn = PlaceFactory(name="Quayside PCN", kind="pcn", parent=locality)
    priority = SystemPriorityFactory(name="Frailty", slug="frailty")
    method = MethodFactory(name="SPC", slug="spc")
    match = ProjectFactory(
        title="Match", organisations=[org], places=[pcn], priorities=[priority], methods=[method]
    )
    match.progress_score = "3.5"
    match.status = "spreading"
    match.save()
    ProjectFactory(title="Other", organisations=[org])

    params = {
        "organisation": org.pk,
        "place": locality.pk,  # a locality includes its primary care networks
        "priority": priority.pk,
        "method": method.pk,
        "status": ["spreading", "sustaining"],
        "progress_min": "3.0",
    }
    response = client_for(member).get("/projects/", params)

    assert _titles(response) == ["Match"]
    assert len(response.context["listing"].active_filters) == 6


def test_mine_shows_projects_i_lead_or_am_on_the_team_of(member, client_for):
    led = ProjectFactory(title="Led", lead=member)
    on_team = ProjectFactory(title="On team", team=[member])
    ProjectFactory(title="Not mine")

    titles = _titles(client_for(member).get("/projects/", {"mine": "on", "sort": "title"}))

    assert titles == [led.title, on_team.title]


def test_drafts_are_listed_only_for_their_team_and_admins(member, outsider, admin_user, client_for):
    ProjectFactory(title="Draft idea", lead=member, published_at=None)
    ProjectFactory(title="Published work")

    as_member = _titles(client_for(member).get("/projects/", {"sort": "title"}))
    assert as_member == ["Draft idea", "Published work"]
    assert _titles(client_for(outsider).get("/projects/")) == ["Published work"]
    assert "Draft idea" in _titles(client_for(admin_user).get("/projects/"))


def test_sorting_and_paging(member, client_for):
    for n in range(25):
        ProjectFactory(title=f"Project {n:02d}")
    response = client_for(member).get("/projects/", {"sort": "title", "page": 2})

    assert _titles(response) == [f"Project {n:02d}" for n in range(20, 25)]
    assert response.context["listing"].paged.count == 25


def test_an_empty_result_helps(member, client_for):
    response = client_for(member).get("/projects/", {"q": "xylophone"})

    assert "No projects match" in response.content.decode()
    assert "register your project" in response.content.decode()


def test_start_years_filter_and_a_bad_year_says_so_and_lists_everything(member, client_for):
    ProjectFactory(title="Old", start_date="2019-05-01")
    ProjectFactory(title="New", start_date="2025-05-01")
    ProjectFactory(title="Undated", start_date=None)

    found = client_for(member).get("/projects/", {"started_from": "2020", "started_until": "2025"})
    assert _titles(found) == ["New"]

    response = client_for(member).get("/projects/", {"started_from": "1066"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert len(_titles(response)) == 3


def test_the_export_holds_the_filtered_rows(member, client_for):
    org = OrganisationFactory(name="Community Trust")
    ProjectFactory(title="Falls on ward 3, =SUM(A1)", organisations=[org])
    ProjectFactory(title="Elsewhere")

    csv_response = client_for(member).get("/projects/", {"organisation": org.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["ID", "Title", "Status"]
    assert [r[1] for r in rows[1:]] == ["Falls on ward 3, =SUM(A1)"]
    assert rows[1][7] == "Community Trust"

    xlsx = client_for(member).get("/projects/", {"organisation": org.pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][1] == "Title" and len(values) == 2
    assert values[1][1] == "Falls on ward 3, =SUM(A1)"


def test_browse_queries_do_not_grow_with_projects(member, client_for, django_assert_max_num_queries):
    priority = SystemPriorityFactory()
    place = PlaceFactory()
    org = OrganisationFactory()
    for _ in range(30):
        ProjectFactory(priorities=[priority], places=[place], organisations=[org], team=[UserFactory()])
    client = client_for(member)
    client.get("/projects/")  # warm caches (content types, sessions)
    with django_assert_max_num_queries(15):
        response = client.get("/projects/", {"q": "improvement", "priority": priority.pk})
    assert len(_titles(response)) == 20
    assert Project.objects.count() == 30


def test_the_results_are_counted_by_status_with_links_that_filter(member, client_for):
    for status in ("testing", "testing", "completed"):
        ProjectFactory(status=status, results="Done" if status == "completed" else "")

    response = client_for(member).get("/projects/")

    assert response.context["by_status"] == [("testing", "Testing changes", 2), ("completed", "Completed", 1)]
    assert "?status=completed" in response.content.decode()


def test_a_search_no_project_matches_in_full_widens_to_any_word_and_says_so(member, client_for):
    falls = ProjectFactory(title="Falls huddles on community wards", aim="Fewer falls with harm")
    ProjectFactory(title="Glaucoma service", aim="Shorter waits for eye reviews")

    response = client_for(member).get("/projects/", {"q": "falls prevention"})

    assert _titles(response) == [falls.title]
    html = response.content.decode()
    assert "No project has all of “falls prevention”: showing projects with any of the words." in html
    # Stems match too: "fall" finds "Falls", and every word still narrows when all are found.
    assert _titles(client_for(member).get("/projects/", {"q": "fall wards"})) == [falls.title]


def test_a_misspelt_search_that_finds_nothing_suggests_the_registers_spelling(member, client_for):
    ProjectFactory(title="Sepsis screening in the emergency department")

    response = client_for(member).get("/projects/", {"q": "sepssis"})

    html = response.content.decode()
    assert 'Did you mean <a href="?q=sepsis">sepsis</a>?' in html
    assert _titles(client_for(member).get("/projects/", {"q": "sepsis"})) != []
    nothing = client_for(member).get("/projects/", {"q": "xylophone"}).content.decode()
    assert "Did you mean" not in nothing


def test_similar_titles_join_a_search_only_when_its_words_match_few(member, client_for, monkeypatch):
    from projects import selectors

    ProjectFactory(title="Sepsis screening", aim="Screen every adult")
    ProjectFactory(title="Sepssis bundle", aim="Treat within the hour")  # a slip: similar title only
    client = client_for(member)
    titles = [p.title for p in client.get("/projects/?q=sepsis").context["listing"].paged.items]
    assert "Sepssis bundle" in titles  # few matches: the similar title is shown too

    monkeypatch.setattr(selectors, "SIMILAR_TITLES_BELOW", 1)
    titles = [p.title for p in client.get("/projects/?q=sepsis").context["listing"].paged.items]
    assert titles == ["Sepsis screening"]  # enough matching the words: similar titles add only cost


def test_your_projects_are_those_you_lead_or_work_on_on_home_and_in_the_register(member, client_for):
    led = ProjectFactory(title="Led without a team place", lead=member, with_lead_membership=False)
    on_team = ProjectFactory(title="On the team", team=[member])
    draft = ProjectFactory(title="My draft", lead=member, published_at=None)
    ProjectFactory(title="Someone else's")
    client = client_for(member)

    home = client.get("/home/").content.decode()
    assert all(p.title in home for p in (led, on_team, draft)) and "Someone else" not in home
    assert "3 projects" in home
    listed = {p.title for p in client.get("/projects/?mine=on").context["listing"].paged.items}
    assert listed == {led.title, on_team.title, draft.title}


SORTED_WHOLE = r'COALESCE\([^)]*"progress_score"\)'


def test_a_search_sorted_by_score_sorts_its_matches_whole(member, client_for, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects import views

    for score, title in [(1, "Ward rounds one"), (4, "Ward rounds four"), (3, "Ward rounds three")]:
        ProjectFactory(title=title, progress_score=score, status="testing")
    ProjectFactory(title="Discharge letters", progress_score=5, status="testing")
    client = client_for(member)

    def page(params):  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/projects/", params)
        return _titles(response), " ".join(q["sql"] for q in queries.captured_queries)

    titles, sql = page({"q": "ward", "sort": "score"})
    assert titles == ["Ward rounds four", "Ward rounds three", "Ward rounds one"]
    assert re.search(SORTED_WHOLE, sql)  # the matches sorted, no index walked

    monkeypatch.setattr(views, "SORT_SEARCH_WHOLE_BELOW", 2)  # more matches than that: read along the index
    titles, sql = page({"q": "ward", "sort": "score"})
    assert titles == ["Ward rounds four", "Ward rounds three", "Ward rounds one"]
    assert not re.search(SORTED_WHOLE, sql)
    assert not re.search(SORTED_WHOLE, page({"sort": "score"})[1])  # no search: read along the index
