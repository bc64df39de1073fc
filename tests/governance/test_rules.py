"""Pure rules: dashboard parameters, the data shape, the community figures, maturity and the plan's RAG."""

from __future__ import annotations

import datetime

import pytest

from dashboards import params
from dashboards.shape import InvalidDashboard, check
from governance import maturity, plan
from governance.builders import community_figures as cf


def test_clean_keeps_known_filters_and_drops_bad_ones():
    raw = {"organisation": "7", "place": "x", "period": "fy2025", "colour": "red"}
    assert params.clean(raw) == {"organisation": 7, "period": "fy2025"}
    assert params.clean({"organisation": "-3", "period": "fy20xx"}) == {}
    assert params.clean(raw, allowed=("period",)) == {"period": "fy2025"}


def test_the_parameter_key_is_canonical():
    assert params.key_of({}) == ""
    assert params.key_of({"period": "fy2025", "organisation": 7}) == "organisation=7&period=fy2025"


def _chart(**changes):
    chart = {"id": "a-chart", "title": "A", "columns": ["Name", "Count"], "rows": [["x", 1]]}
    chart.update(changes)
    return chart


def test_shape_check_fills_defaults_and_accepts_a_valid_dashboard():
    data = check({"charts": [_chart()]})
    assert data["headline"] == [] and data["notes"] == []
    assert data["charts"][0]["series"] == ["Count"] and data["charts"][0]["type"] == "bar"


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "must return a dict"),
        ({"charts": [_chart(id="Bad Id")]}, "unique lower-case slug"),
        ({"charts": [_chart(), _chart()]}, "unique lower-case slug"),
        ({"charts": [_chart(rows=[["x"]])]}, "one value per column"),
        ({"charts": [_chart(series=["Name"])]}, "`series` must name columns"),
        ({"charts": [_chart(type="radar")]}, "type must be one of"),
        ({"charts": [_chart(rows=[["x", datetime.date(2026, 1, 1)]])]}, "not JSON"),
        ({"headline": [{"label": "no value"}]}, "headline"),
    ],
)
def test_shape_check_says_what_is_wrong(data, message):
    with pytest.raises(InvalidDashboard, match=message):
        check(data)


def test_community_figures_on_hand_checked_data():
    orgs = [
        cf.OrgRow(1, "GHFT", "Acute trust", 8000),
        cf.OrgRow(2, "GHC", "Community and mental health trust", 5000),
        cf.OrgRow(3, "Other acute", "Acute trust", 2000),
    ]
    people = {1: 3, 2: 1, None: 1}
    roles = {1: {"Steering group": 2, "Improvement board": 1}, 2: {"Community admin": 1}}
    data = cf.build(orgs, people, roles)
    charts = {c["id"]: c for c in data["charts"]}

    assert data["headline"] == [
        {"label": "Partner organisations", "value": 3},
        {"label": "Staff across the partners", "value": 15000},
        {"label": "People using the portal", "value": 5},
    ]
    assert charts["organisations-by-kind"]["rows"] == [
        ["Acute trust", 2, 10000],
        ["Community and mental health trust", 1, 5000],
    ]
    assert charts["people-by-organisation"]["rows"] == [
        ["GHC", 1, 5000, 0.2],
        ["GHFT", 3, 8000, 0.4],
        ["Other acute", 0, 2000, 0.0],
    ]
    assert charts["people-by-role"]["rows"] == [
        ["GHC", 1, 0, 0, 1],
        ["GHFT", 3, 2, 1, 0],
        ["Other acute", 0, 0, 0, 0],
        ["No organisation", 1, 0, 0, 0],
    ]
    check(data)


def test_per_thousand_has_no_value_without_a_headcount():
    assert cf.per_thousand(3, 0) is None
    assert cf.per_thousand(3, 4000) == 0.8


def test_component_scores_are_question_means():
    assert maturity.component_score([2, 2, 3]) == 2.33
    with pytest.raises(ValueError, match="between 1 and 5"):
        maturity.component_score([0, 3])


@pytest.mark.parametrize(
    "score, rating",
    [
        (1.0, "Emerging"),
        (1.99, "Emerging"),
        (2.0, "Developing"),
        (2.99, "Developing"),
        (3.0, "Established"),
        (4.0, "Embedded"),
        (5.0, "Embedded"),
    ],
)
def test_rating_bands(score, rating):
    assert maturity.rating_for(score) == rating


def test_each_component_counts_equally_in_the_overall_score():
    result = maturity.assess({"a": [2, 2, 2, 2], "b": [4]})
    assert result.components == {"a": 2.0, "b": 4.0}
    assert result.overall == 3.0
    assert result.rating == "Established"


def test_an_assessment_needs_every_component_scored():
    with pytest.raises(ValueError, match="at least one"):
        maturity.assess({"a": [2], "b": []})


def test_trend_is_the_change_per_component():
    assert maturity.trend({"a": 2.0, "b": 2.5}, {"a": 2.5, "b": 2.25, "c": 3.0}) == {
        "a": 0.5,
        "b": -0.25,
        "c": None,
    }


def test_rag_counts_and_on_track_share():
    assert plan.rag_counts(["red", "green", "green", "complete"]) == {
        "red": 1,
        "amber": 0,
        "green": 2,
        "complete": 1,
    }
    assert plan.on_track_share(["red", "green", "complete", "amber"]) == 0.5
    assert plan.on_track_share([]) is None


def test_an_action_is_overdue_only_when_late_and_not_complete():
    today = datetime.date(2026, 12, 1)
    assert plan.is_overdue(datetime.date(2026, 11, 30), "green", today)
    assert not plan.is_overdue(datetime.date(2026, 11, 30), "complete", today)
    assert not plan.is_overdue(today, "red", today)


def test_every_strand_belongs_to_one_theme():
    assert plan.THEME_OF == {
        "convene": "LEAD",
        "integrate": "LEAD",
        "learn": "ENABLE",
        "facilitate": "ENABLE",
        "connect": "ENERGISE",
        "collaborate": "ENERGISE",
        "celebrate": "ENERGISE",
    }


def test_an_action_past_its_due_date_is_never_green():
    import datetime as _dt

    from governance.plan import rag_on

    today = _dt.date(2026, 12, 3)
    assert rag_on("green", _dt.date(2026, 12, 3), today) == "green"  # due today: not yet late
    assert rag_on("green", _dt.date(2026, 12, 2), today) == "amber"
    assert rag_on("green", _dt.date(2026, 11, 3), today) == "amber"  # 30 days late
    assert rag_on("green", _dt.date(2026, 11, 2), today) == "red"  # 31 days late
    assert rag_on("amber", _dt.date(2026, 11, 1), today) == "red"
    assert rag_on("red", _dt.date(2026, 12, 1), today) == "red"
    assert rag_on("complete", _dt.date(2020, 1, 1), today) == "complete"


def _long_chart(n: int, **extra):
    rows = [[f"Org {i:04d}", i % 7, 10, 10 - i % 7] for i in range(n)]
    return {
        "id": "by-org", "title": "By organisation", "type": "bar",
        "columns": ["Organisation", "Coaches", "Target", "Gap"], "rows": rows,
        "series": ["Coaches", "Target"], **extra,
    }  # fmt: skip


def test_a_long_chart_shows_its_largest_rows_and_says_how_many_it_has():
    from dashboards.shape import shown, shown_sentence

    chart = _long_chart(1256)
    short = shown(chart, limit=25)

    assert len(short["rows"]) == 25 and short["all_rows"] == 1256 and short["ranked_by"] == "Coaches"
    assert all(row[1] == 6 for row in short["rows"])  # the largest first series value
    assert short["rows"][0][0] == "Org 0006"  # ties by name
    assert len(chart["rows"]) == 1256  # the download keeps every row
    assert shown_sentence(short, "the CSV download") == (
        "Showing the 25 of 1,256 rows with the highest “Coaches”; the CSV download has every row."
    )


def test_a_chart_may_rank_its_long_table_by_another_column_and_short_or_line_charts_are_whole():
    from dashboards.shape import InvalidDashboard, check, shown

    by_gap = shown(_long_chart(100, rank_by="Gap"), limit=10)
    assert [row[3] for row in by_gap["rows"]] == [10] * 10 and by_gap["ranked_by"] == "Gap"
    assert shown(_long_chart(25), limit=25)["rows"] == _long_chart(25)["rows"]
    assert "all_rows" not in shown(_long_chart(100, type="line"), limit=10)
    with pytest.raises(InvalidDashboard, match="rank_by"):
        check({"charts": [_long_chart(3, rank_by="Organisation")]})


def test_a_long_chart_on_its_dashboard_page_says_what_it_leaves_out(client_for, make_persona, monkeypatch):
    from dashboards import shape
    from dashboards.snapshots import rebuild_everything
    from tests.community.factories import OrganisationFactory

    monkeypatch.setattr(shape, "SHOWN_ROWS", 2)
    board = make_persona("board")
    OrganisationFactory.create_batch(3)

    rebuild_everything()
    html = client_for(board).get("/governance/dashboards/community/").content.decode()
    assert "rows with the highest" in html and "the CSV download has every row" in html


def test_a_snapshot_keeps_every_row_and_its_page_the_shortened_charts(make_persona, client_for, monkeypatch):
    from dashboards import shape
    from dashboards.models import DashboardSnapshot
    from dashboards.snapshots import rebuild
    from tests.community.factories import OrganisationFactory

    monkeypatch.setattr(shape, "SHOWN_ROWS", 2)
    OrganisationFactory.create_batch(4)
    snapshot = rebuild("community")
    stored = DashboardSnapshot.objects.get(pk=snapshot.pk)
    whole = {c["id"]: c for c in stored.data["charts"]}
    page = {c["id"]: c for c in stored.page["charts"]}

    long = [key for key, chart in whole.items() if len(chart["rows"]) > 2]
    assert long  # charts by organisation
    for key in long:
        assert len(page[key]["rows"]) == 2 and page[key]["all_rows"] == len(whole[key]["rows"])
    board = client_for(make_persona("board"))
    csv = b"".join(board.get(f"/governance/dashboards/community/{long[0]}.csv").streaming_content)
    assert csv.decode("utf-8-sig").count("\n") == len(whole[long[0]]["rows"]) + 1  # the download has all
