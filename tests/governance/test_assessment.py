"""The capability self-assessment: recording one, the rating, recommendations and the trend."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from governance import selectors, services
from governance.models import Assessment, AssessmentQuestion, Recommendation
from tests.governance.factories import DeliveryActionFactory, make_components

pytestmark = pytest.mark.django_db


def _form(title, day, score_of):
    data = {
        "title": title,
        "assessed_on_day": day.day,
        "assessed_on_month": day.month,
        "assessed_on_year": day.year,
    }
    for q in AssessmentQuestion.objects.all():
        data[f"q{q.pk}"] = str(score_of(q))
    return data


def test_an_admin_records_an_assessment_and_gets_its_rating(admin_user, client_for):
    make_components(questions_each=2)

    response = client_for(admin_user).post(
        reverse("governance:assessment_new"),
        _form("Baseline", datetime.date(2026, 3, 1), lambda q: 2 + q.order),
    )

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.rating, float(assessment.overall_score)) == ("Developing", 2.5)
    assert selectors.component_scores(selectors.assessment(assessment.pk)) == {
        slug: 2.5 for slug in selectors.component_scores(selectors.assessment(assessment.pk))
    }


def test_an_unanswered_question_re_renders_the_form_and_saves_nothing(admin_user, client_for):
    make_components(questions_each=2)
    data = _form("Baseline", datetime.date(2026, 3, 1), lambda q: 3)
    data.pop(next(k for k in data if k.startswith("q")))

    response = client_for(admin_user).post(reverse("governance:assessment_new"), data)

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_trend_page_shows_each_assessment_and_the_change(
    admin_user, board, client_for, django_assert_max_num_queries
):
    make_components(questions_each=2)
    ids = list(AssessmentQuestion.objects.values_list("pk", flat=True))
    services.assessment_record(
        actor=admin_user, title="First", assessed_on=datetime.date(2025, 3, 1), scores={i: 2 for i in ids}
    )
    services.assessment_record(
        actor=admin_user, title="Second", assessed_on=datetime.date(2026, 3, 1), scores={i: 3 for i in ids}
    )
    client = client_for(board)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("governance:assessments"))

    assert response.status_code == 200
    assert response.context["trend"] == {slug: 1.0 for slug in response.context["trend"]}
    assert len(response.context["trend"]) == 6
    html = response.content.decode()
    assert "+1.0" in html and "Established" in html


def test_a_recommendation_links_to_a_delivery_plan_action(admin_user, client_for):
    components = make_components(questions_each=1)
    ids = list(AssessmentQuestion.objects.values_list("pk", flat=True))
    assessment = services.assessment_record(
        actor=admin_user, title="First", assessed_on=datetime.date(2025, 3, 1), scores={i: 2 for i in ids}
    )
    action = DeliveryActionFactory(title="Build a register of QI champions")

    response = client_for(admin_user).post(
        reverse("governance:assessment", kwargs={"pk": assessment.pk}),
        {"component": components[5].pk, "text": "Know who has improvement skills", "action": action.pk},
    )

    assert response.status_code == 302
    assert Recommendation.objects.get().action == action
    page = client_for(admin_user).get(reverse("governance:assessment", kwargs={"pk": assessment.pk}))
    assert "Build a register of QI champions" in page.content.decode()


def test_a_board_member_reads_but_cannot_add_recommendations(admin_user, board, client_for):
    components = make_components(questions_each=1)
    ids = list(AssessmentQuestion.objects.values_list("pk", flat=True))
    assessment = services.assessment_record(
        actor=admin_user, title="First", assessed_on=datetime.date(2025, 3, 1), scores={i: 2 for i in ids}
    )
    url = reverse("governance:assessment", kwargs={"pk": assessment.pk})
    assert client_for(board).get(url).status_code == 200
    assert client_for(board).post(url, {"component": components[0].pk, "text": "x"}).status_code == 403
    assert client_for(board).get(reverse("governance:assessment_new")).status_code == 403


def test_two_assessments_on_one_day_are_refused(admin_user):
    make_components(questions_each=1)
    ids = list(AssessmentQuestion.objects.values_list("pk", flat=True))
    services.assessment_record(
        actor=admin_user, title="A", assessed_on=datetime.date(2025, 3, 1), scores={i: 2 for i in ids}
    )
    with pytest.raises(Exception, match="already an assessment"):
        services.assessment_record(
            actor=admin_user, title="B", assessed_on=datetime.date(2025, 3, 1), scores={i: 2 for i in ids}
        )
