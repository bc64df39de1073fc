"""Pages of the project register: browse, register, the project page, its team, updates, attachments,
the showcase and the shareable story."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exports import Column, export_response
from core.form_fields import add_service_errors
from core.listing import SortOption, build_listing, export_format
from core.once import once
from core.paging import paginate
from core.permissions import can
from core.versioning import submitted_version
from projects import activity, impact, selectors, services
from projects.exports import COLUMNS
from projects.filters import ProjectFilter
from projects.forms import (
    AttachmentForm,
    BenefitForm,
    CelebrateForm,
    NominationForm,
    ProjectForm,
    ProjectUpdateForm,
    TeamAddForm,
    TeamSearchForm,
)
from projects.measurement import selectors as measure_selectors
from projects.models import Benefit, Celebration, Project, TeamMember
from projects.overlap import similar_projects
from together import selectors as together

SORTS = [
    SortOption("relevance", "Best match", ()),
    SortOption("updated", "Recently updated", ("-updated_at", "-pk")),
    SortOption("title", "Title (A to Z)", ("title", "pk")),
    SortOption("score", "Progress score (highest first)", ("-progress_score", "-updated_at", "-pk")),
    SortOption("started", "Start date (newest first)", ("-start_date", "-pk")),
]

SORT_SEARCH_WHOLE_BELOW = 10_000


def _editable(request: HttpRequest, pk: int) -> Project:
    project = selectors.project_for_user(request.user, pk)
    if not can(request.user, "project.edit", project):
        raise PermissionDenied
    return project


def browse(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    searching = bool(request.GET.get("q", "").strip())
    counts: dict[str, int] = {}

    def count_by_status(rows: Any) -> int:  # one grouped query gives the total and the status counts
        counts.update(selectors.status_counts(rows))
        return sum(counts.values())

    listing = build_listing(
        request,
        filterset_class=ProjectFilter,
        queryset=selectors.for_listing(selectors.visible_projects(request.user)),
        sort_options=SORTS,
        default_sort="relevance" if searching else "updated",
        count=count_by_status,
        # A search's matches come from its index: sorted by score or date, a few thousand are sorted
        # whole, where walking the score index past the matches' statuses read 59,000 rows (98 ms); by
        # relevance, all of them are, by id and rank alone (11,000 whole rows with their joins: 97 ms).
        sort_whole_below=SORT_SEARCH_WHOLE_BELOW if searching else None,
    )
    if fmt := export_format(request):
        return export_response(listing.ordered, COLUMNS, filename="projects", fmt=fmt, sheet_title="Projects")
    rows = list(listing.paged.items)
    activity.mark_quiet(rows)  # "Not updated since …" on quiet projects: one query for the page
    listing.paged.page.object_list = rows
    by_status = [
        (value, label, counts[value]) for value, label in Project.Status.choices if counts.get(value)
    ]
    return render(
        request, "projects/browse.jinja", {"listing": listing, "searching": searching, "by_status": by_status}
    )


def _similar_from(form: ProjectForm, exclude_id: int | None = None) -> list[Any]:
    data: Any = form.data

    def ids(name: str) -> list[int]:
        return [int(v) for v in data.getlist(name) if str(v).isdigit()]

    return similar_projects(
        title=data.get("title", ""),
        problem=data.get("problem", ""),
        aim=data.get("aim", ""),
        priority_ids=ids("priorities"),
        place_ids=ids("places"),
        exclude_id=exclude_id,
    )


@once
def create(request: HttpRequest) -> HttpResponse:
    # Most projects involve the registering person's own organisation: ticked to begin with.
    own = getattr(request.user, "organisation_id", None)
    form = ProjectForm(request.POST or None, initial={"organisations": [own]} if own else None)
    if request.method == "POST":
        action = request.POST.get("action", "draft")
        if action == "check":
            # Show what is similar without saving, and without calling the form's blanks errors yet.
            context = {
                "form": ProjectForm(initial=_initial_from(request.POST)),
                "similar": _similar_from(form),
                "checked": True,
            }
            return render(request, "projects/form.jinja", context)
        if form.is_valid():
            try:
                project = services.project_create(
                    actor=request.user,  # type: ignore[arg-type]
                    values=form.values(),
                    publish=action == "publish",
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if project.is_published:
                    messages.success(
                        request, "Your project is published. Everyone in the community can see it."
                    )
                else:
                    messages.success(
                        request,
                        "Your project is saved as a draft that only its team can see. "
                        "Look at the similar projects below, then publish it.",
                    )
                return redirect(project)
    return render(request, "projects/form.jinja", {"form": form})


def _initial_from(data: Any) -> dict[str, Any]:
    """What was typed, as initial values, so that "check for similar projects" shows no errors."""
    initial: dict[str, Any] = {}
    for name in ProjectForm.base_fields:
        if name in ("organisations", "places", "priorities", "methods", "status"):
            values = data.getlist(name)
            initial[name] = values if name != "status" else (values[0] if values else None)
        elif name in ("start_date", "end_date"):
            parts = [data.get(f"{name}_{p}", "") for p in ("day", "month", "year")]
            initial[name] = parts if any(parts) else None
        elif name in ("co_production", "health_inequalities"):
            initial[name] = bool(data.get(name))
        elif name in data:
            initial[name] = data.get(name)
    return initial


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                values=form.values(),
                expected_version=submitted_version(request.POST),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect(project)
    project.refresh_from_db()
    return render(request, "projects/form.jinja", {"form": form, "project": project})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_page(request.user, pk)
    context = {
        "project": project,
        "similar": similar_projects(
            title=project.title,
            problem=project.problem,
            aim=project.aim,
            priority_ids=project.priorities_ids,  # type: ignore[attr-defined]
            place_ids=project.places_ids,  # type: ignore[attr-defined]
            exclude_id=project.pk,
        ),
        "history": selectors.history(project),
        "can_edit": can(request.user, "project.edit", project),
        **measure_selectors.measurement_section(project),
    }
    activity.mark_quiet([project])
    context["quiet_since"] = project.quiet_since  # type: ignore[attr-defined]
    context["suggestion"] = (
        activity.suggestion_for(
            project, context["cycles"], [card.measure for card in context["measure_cards"]]
        )
        if context["can_edit"]
        else None
    )
    context.update(together.thread(request.user, project))
    context["celebration"] = getattr(project, "celebration", None)  # read with the project (select_related)
    return render(request, "projects/detail.jinja", context)


@require_POST
def progress_accept(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    if not can(request.user, "project.edit", project):
        raise PermissionDenied
    suggestion = activity.suggestion_for(project)
    if request.POST.get("score", "") != str(suggestion.score):
        messages.warning(
            request, "The project's evidence changed since the page was loaded: check the new suggestion."
        )
        return redirect(project)
    services.progress_score_accept(actor=request.user, project=project, score=suggestion.score)  # type: ignore[arg-type]
    messages.success(request, f"The progress score is now {suggestion.text}.")
    return redirect(project)


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, pk)
    if not can(request.user, "project.publish", project):
        raise PermissionDenied
    if request.POST.get("action") == "unpublish":
        services.project_unpublish(actor=request.user, project=project)  # type: ignore[arg-type]
        messages.success(request, "The project is a draft again: only its team and admins can see it.")
    else:
        try:
            services.project_publish(actor=request.user, project=project)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, "Not published yet. " + " ".join(error.messages) + ".")
            return redirect("projects:edit", pk=project.pk)
        messages.success(request, "Your project is published. Everyone in the community can see it.")
    return redirect(project)


def team(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    search = TeamSearchForm(request.GET or None)
    add_form = TeamAddForm(request.POST or None)
    if request.method == "POST" and add_form.is_valid():
        try:
            member = services.team_member_add(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                user=add_form.cleaned_data["user"],
                role=add_form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_errors(add_form, error)
        else:
            messages.success(
                request,
                f"{member.user.display_name} is on the team as {member.get_role_display().lower()}.",
            )
            return redirect("projects:team", pk=project.pk)
    members = list(selectors.team_of(project))
    found = []
    if search.is_valid() and search.cleaned_data["q"]:
        found = list(
            selectors.people_search(search.cleaned_data["q"], exclude_ids={m.user_id for m in members})
        )
    return render(
        request,
        "projects/team.jinja",
        {
            "project": project,
            "members": members,
            "search": search,
            "found": found,
            "add_form": add_form,
            "page_forms": [add_form],
            "role_items": [
                {"value": v, "text": label, "selected": v == TeamMember.Role.MEMBER}
                for v, label in TeamMember.Role.choices
                if v != TeamMember.Role.LEAD
            ],
        },
    )


@require_POST
def team_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    project = _editable(request, pk)
    member = next((m for m in project.memberships.all() if m.pk == member_id), None)
    if member is None:
        raise Http404("No such team member")
    try:
        services.team_member_remove(actor=request.user, project=project, member=member)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{member.user.display_name} is no longer on the team.")
    return redirect("projects:team", pk=project.pk)


BENEFIT_COLUMNS = [
    Column("Project", lambda b: b.project.title),
    Column("Type", lambda b: b.get_type_display()),
    Column("Benefit", lambda b: b.description),
    Column("Value", lambda b: b.value),
    Column("Unit", lambda b: b.unit),
    Column("How often", lambda b: b.get_period_display()),
    Column("Kind of saving", lambda b: b.get_money_kind_display().split(":")[0] if b.money_kind else ""),
    Column("How it was measured", lambda b: b.how_measured),
    Column("Confidence", lambda b: b.get_confidence_display().split(":")[0]),
    Column("Recorded", lambda b: b.recorded_at),
]


def benefits(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Every benefit recorded on the projects the person may see: totals like with like, then each one."""
    chosen = request.GET.get("type", "")
    rows = selectors.benefits(request.user, chosen if chosen in Benefit.Type.values else "")
    if fmt := export_format(request):
        return export_response(rows, BENEFIT_COLUMNS, filename="benefits", fmt=fmt, sheet_title="Benefits")
    totals = impact.roll_up(selectors.benefit_rows(rows))
    context = {
        "paged": paginate(request, rows, 25),
        "totals": [(dict(Benefit.Type.choices)[t.type], impact.amount(t), t.project_count) for t in totals],
        "types": Benefit.Type.choices,
        "chosen": chosen,
    }
    return render(request, "projects/benefits.jinja", context)


@once
def benefit_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = BenefitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_add(actor=request.user, project=project, values=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The benefit has been recorded.")
            return redirect(f"{project.get_absolute_url()}#benefits")
    return render(request, "projects/benefit_form.jinja", {"project": project, "form": form})


@require_POST
def benefit_remove(request: HttpRequest, pk: int, benefit_id: int) -> HttpResponse:
    project = _editable(request, pk)
    benefit = project.benefits.filter(pk=benefit_id).first()
    if benefit is None:
        raise Http404
    services.benefit_remove(actor=request.user, benefit=benefit)  # type: ignore[arg-type]
    messages.success(request, f"“{benefit.description}” has been removed.")
    return redirect(f"{project.get_absolute_url()}#benefits")


@once
def update_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = ProjectUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update_add(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                text=form.cleaned_data["text"],
                date=form.cleaned_data.get("date"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your progress note has been added.")
            return redirect(project)
    return render(request, "projects/update_form.jinja", {"project": project, "form": form})


def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _editable(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,  # type: ignore[arg-type]
                project=project,
                title=form.cleaned_data.get("title") or "",
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The file has been added to the project.")
            return redirect(project)
    return render(request, "projects/attachment_form.jinja", {"project": project, "form": form})


def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    project = selectors.project_for_user(request.user, pk)  # 404 unless the user may see the project
    found = project.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404("No such attachment")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    response = FileResponse(
        handle, content_type=found.content_type, as_attachment=False, filename=found.filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    project = _editable(request, pk)
    found = project.attachments.filter(pk=attachment_id).first()
    if found is None:
        raise Http404("No such attachment")
    services.attachment_remove(actor=request.user, attachment=found)  # type: ignore[arg-type]
    messages.success(request, f"“{found.title}” has been removed.")
    return redirect(project)


def showcase(request: HttpRequest) -> HttpResponse:
    paged = paginate(request, selectors.showcase(request.user), per_page=12)
    return render(request, "projects/showcase.jinja", {"paged": paged})


@once
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_page(request.user, pk)
    if not can(request.user, "project.nominate", project):
        raise PermissionDenied
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_nominate(actor=request.user, project=project, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: the nomination has gone to the community's admins.")
            return redirect(project)
    return render(request, "projects/nominate.jinja", {"project": project, "form": form})


def nominations(request: HttpRequest) -> HttpResponse:
    """The admins' list of nominations, with the form to celebrate each."""
    if request.method == "POST":
        chosen = request.POST.get("celebration", "")
        celebration = Celebration.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        form = CelebrateForm(request.POST)
        if celebration is None:
            messages.error(request, "That nomination no longer exists.")
        elif form.is_valid():
            try:
                services.project_celebrate(
                    actor=request.user,  # type: ignore[arg-type]
                    celebration=celebration,
                    award=form.cleaned_data["award"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{celebration.project.title} is celebrated: {celebration.award}.")
        else:
            messages.error(request, "Name the award, for example “Showcase 2026”.")
        return redirect("projects:nominations")
    context = {"nominations": selectors.nominations(), "default_award": f"Showcase {timezone.localdate():%Y}"}
    return render(request, "projects/nominations.jinja", context)


def story(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_for_page(request.user, pk)
    return render(request, "projects/story.jinja", {"project": project})
