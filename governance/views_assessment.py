"""Capability self-assessment pages: the trend across assessments, one assessment, recording a new one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.form_fields import add_service_errors
from core.permissions import can
from governance import maturity, selectors, services
from governance.forms import AssessmentForm, RecommendationForm


def assessments(request: HttpRequest) -> HttpResponse:
    found = list(selectors.assessments_with_answers())
    rows = [(a, selectors.component_scores(a)) for a in found]
    trend = maturity.trend(rows[-2][1], rows[-1][1]) if len(rows) >= 2 else {}
    return render(
        request,
        "governance/assessments.jinja",
        {"rows": rows, "components": maturity.COMPONENTS, "trend": trend, "bands": maturity.BANDS},
    )


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.assessment(pk)
    if found is None:
        raise Http404
    may_edit = can(request.user, "assessment.edit", found)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.recommendation_add(actor=request.user, assessment=found, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "The recommendation has been added.")
                return redirect("governance:assessment", pk=found.pk)
    answers_by_component: dict[str, list[object]] = {}
    for answer in found.answers.all():
        answers_by_component.setdefault(answer.question.component.slug, []).append(answer)
    return render(
        request,
        "governance/assessment.jinja",
        {
            "assessment": found,
            "scores": selectors.component_scores(found),
            "components": maturity.COMPONENTS,
            "answers": answers_by_component,
            "form": form if may_edit else None,
        },
    )


def assessment_new(request: HttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None, components=list(selectors.components()))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.assessment_record(
                actor=request.user,
                title=form.cleaned_data["title"],
                assessed_on=form.cleaned_data["assessed_on"],
                summary=form.cleaned_data["summary"],
                scores=form.scores(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The assessment has been recorded: {created.rating}.")
            return redirect("governance:assessment", pk=created.pk)
    return render(request, "governance/assessment_form.jinja", {"form": form})
