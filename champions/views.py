"""Pages of the champion register: directory, profile, nomination, consent, admin review, dosage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from champions import exports, selectors, services
from champions.filters import ChampionFilter, RegisterFilter
from champions.forms import ConsentForm, EditForm, NominationForm, StatusForm
from champions.models import Champion
from community.models import User
from core.form_fields import add_service_errors
from core.listing import SortOption, build_listing, export_format
from core.once import once
from core.paging import paginate
from core.permissions import can
from core.versioning import submitted_version

SORTS = [
    SortOption("name", "Name", ("person__first_name", "person__last_name", "pk")),
    SortOption("free", "Most free time", ("-free_now", "person__first_name", "pk")),
    SortOption("level", "Level", ("level", "person__first_name", "pk")),
]
REGISTER_SORTS = [
    SortOption("updated", "Recently changed", ("-updated_at", "pk")),
    *SORTS,
]


def directory(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    listing = build_listing(
        request,
        filterset_class=ChampionFilter,
        queryset=selectors.directory(request.user),
        sort_options=SORTS,
        default_sort="name",
    )
    if fmt := export_format(request):
        return exports.directory_export(listing.ordered, fmt)
    return render(
        request,
        "champions/directory.jinja",
        {"listing": listing, "own": selectors.own_entry(request.user)},
    )


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    champion = selectors.champion_for(request.user, pk)
    return render(
        request,
        "champions/profile.jinja",
        {
            "champion": champion,
            "commitments": selectors.current_commitments(champion),
            "training": selectors.training_backing(champion),
            "is_self": champion.person_id == request.user.pk,
            "consent_form": ConsentForm(initial={"consent": "yes" if champion.consent_to_list else "no"}),
            **selectors.contributions(champion),
        },
    )


@require_http_methods(["GET", "POST"])
@once
def nominate(request: HttpRequest) -> HttpResponse:
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person: User = request.user if form.cleaned_data["who"] == "self" else form.cleaned_data["person"]  # type: ignore[assignment]
        try:
            champion = services.champion_nominate(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                consent_to_list=form.cleaned_data.get("consent_to_list", False),
                **form.service_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if champion.person_id == request.user.pk:
                messages.success(request, "Thank you. A community admin will review your nomination.")
            else:
                messages.success(
                    request,
                    f"Thank you. {person.display_name} has been asked for their consent, and a community "
                    "admin will review the nomination.",
                )
            return redirect("champions:champion", pk=champion.pk)
    return render(request, "champions/nominate.jinja", {"form": form})


@require_http_methods(["POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    champion = selectors.champion_for(request.user, pk)
    if not can(request.user, "champion.consent", champion):
        raise Http404("No such champion")
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.champion_set_consent(
            champion=champion, actor=request.user, consent=form.cleaned_data["consent"] == "yes"
        )
        messages.success(request, "Your choice has been saved.")
    else:
        messages.error(request, "Choose whether you agree to be listed.")
    return redirect("champions:champion", pk=champion.pk)


def register(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    listing = build_listing(
        request,
        filterset_class=RegisterFilter,
        queryset=selectors.register(request.user),
        sort_options=REGISTER_SORTS,
        default_sort="updated",
    )
    if fmt := export_format(request):
        return exports.register_export(listing.ordered, fmt)
    return render(
        request, "champions/register.jinja", {"listing": listing, "counts": selectors.status_counts()}
    )


STATUS_ACTIONS = {
    Champion.Status.ACTIVE: "Approve",
    Champion.Status.PAUSED: "Pause",
    Champion.Status.RETIRED: "Retire",
}


def _actions(champion: Champion) -> list[dict[str, Any]]:
    labels: dict[tuple[str, str], str] = {
        (Champion.Status.PAUSED, Champion.Status.ACTIVE): "Resume",
        (Champion.Status.RETIRED, Champion.Status.ACTIVE): "Reinstate",
        (Champion.Status.PROPOSED, Champion.Status.RETIRED): "Decline",
    }
    return [
        {
            "status": status,
            "label": labels.get((champion.status, status), STATUS_ACTIONS[Champion.Status(status)]),
            "needs_reason": needs_reason,
        }
        for status, needs_reason in services.TRANSITIONS[champion.status].items()
    ]


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    champion = selectors.champion_for(request.user, pk)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.champion_set_status(
                champion=champion,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            champion.refresh_from_db()
            messages.success(
                request, f"{champion.person.display_name} is now {champion.get_status_display().lower()}."
            )
            return redirect("champions:champion_review", pk=champion.pk)
    return render(
        request,
        "champions/review.jinja",
        {
            "champion": champion,
            "form": form,
            "actions": _actions(champion),
            "commitments": selectors.current_commitments(champion),
            "training": selectors.training_backing(champion),
            "history": selectors.history(champion),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    champion = selectors.champion_for(request.user, pk)
    form = EditForm(request.POST or None, initial=EditForm.initial_for(champion))
    if request.method == "POST" and form.is_valid():
        try:
            services.champion_update(
                champion=champion,
                actor=request.user,
                override_reason=form.cleaned_data.get("override_reason"),
                expected_version=submitted_version(request.POST),
                **form.service_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The entry has been saved.")
            return redirect("champions:champion_review", pk=champion.pk)
    return render(request, "champions/edit.jinja", {"champion": champion, "form": form})


DOSAGE_PAGE = 25  # organisations (and places) a page; a national register has over a thousand


def dosage(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    report = selectors.dosage_report()
    if fmt := export_format(request):
        return exports.dosage_export(report, fmt)
    return render(
        request,
        "champions/dosage.jinja",
        {
            "report": report,
            "paged": paginate(request, report.organisations, per_page=DOSAGE_PAGE),
            "furthest": report.furthest_from_target()[:3],
            "places": paginate(request, selectors.by_place(), per_page=DOSAGE_PAGE, param="places_page"),
            "methods": selectors.by_method(),
        },
    )
