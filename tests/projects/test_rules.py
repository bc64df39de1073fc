from decimal import Decimal

from projects.rules import closing_problems, score_problems, valid_progress_score


def test_progress_scores_run_from_half_to_five_in_half_points() -> None:
    assert valid_progress_score(Decimal("0.5"))
    assert valid_progress_score(Decimal("5.0"))
    assert not valid_progress_score(Decimal("0.0"))
    assert not valid_progress_score(Decimal("5.5"))
    assert not valid_progress_score(Decimal("2.3"))


def test_a_completed_project_needs_results_and_a_stopped_one_needs_learning() -> None:
    assert closing_problems(status="completed", results=" ", learning="x") == {
        "results": "Enter the results of the project before marking it completed"
    }
    assert "learning" in closing_problems(status="stopped", results="", learning="")
    assert closing_problems(status="completed", results="Admissions down 12%", learning="") == {}
    assert closing_problems(status="testing", results="", learning="") == {}


def test_an_idea_cannot_claim_measured_improvement() -> None:
    assert "progress_score" in score_problems(status="idea", progress_score=Decimal("3.0"))
    assert score_problems(status="idea", progress_score=Decimal("2.5")) == {}
    assert score_problems(status="testing", progress_score=Decimal("4.0")) == {}
