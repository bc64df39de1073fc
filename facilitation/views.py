"""Pages for requesters, triage, scoring, the queue, meetings and the portfolio; services do the work."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from community.models import User
from core import once
from core.exports import Column, export_response
from core.form_fields import add_service_errors
from core.listing import export_format
from core.paging import paginate
from core.permissions import can
from core.versioning import submitted_version
from facilitation import forms, selectors, services
from facilitation.permissions import actors
from facilitation.portfolio import top
from facilitation.status import Status, allowed_actions
from together import selectors as together


def _me(request: HttpRequest) -> User:
    """The signed-in user (route access has already refused anonymous visitors)."""
    return cast(User, request.user)


def mine(request: HttpRequest) -> HttpResponse:
    rows = selectors.my_requests(_me(request))
    return render(request, "facilitation/mine.jinja", {"rows": rows})


def _save(request: HttpRequest, form: forms.RequestForm, instance: Any) -> tuple[HttpResponse | None, Any]:
    """Save the form as a draft, then submit it if asked. Returns the response (None when the form must be
    shown again) and the request as saved (the draft, when submitting it was refused)."""
    if not form.is_valid():
        return None, instance
    try:
        saved = services.request_save(
            actor=_me(request),
            request=instance,
            values=form.cleaned_data,
            expected_version=submitted_version(request.POST) if instance is not None else None,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None, instance
    if request.POST.get("intent") == "submit" and saved.status in (Status.DRAFT, Status.RETURNED):
        try:
            services.request_submit(actor=_me(request), request=saved)
        except ValidationError as error:
            add_service_errors(form, error)
            messages.info(request, "Your draft has been saved. Complete the marked answers to submit it.")
            # The form is shown again as the saved draft's, so sending it again edits that draft.
            once.created(request, reverse("facilitation:edit", kwargs={"pk": saved.pk}))
            return None, saved
        messages.success(
            request, "Your request has been submitted. The community admins will look at it next."
        )
        return redirect("facilitation:detail", pk=saved.pk), saved
    messages.success(request, "Your request has been saved.")
    return redirect("facilitation:detail", pk=saved.pk), saved


@once.once
def new(request: HttpRequest) -> HttpResponse:
    form = forms.RequestForm(request.POST or None)
    item = None
    if request.method == "POST":
        response, item = _save(request, form, None)
        if response:
            return response
    return render(request, "facilitation/form.jinja", {"form": form, "item": item})


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.edit", item):
        raise Http404("This request cannot be changed now")
    form = forms.RequestForm(request.POST or None, initial=forms.RequestForm.initial_from(item))
    if request.method == "POST":
        response, item = _save(request, form, item)
        if response:
            return response
    return render(request, "facilitation/form.jinja", {"form": form, "item": item})


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    user = _me(request)
    context: dict[str, Any] = {
        "item": item,
        "transitions": selectors.transitions(item),
        "decisions": selectors.decisions(item),
        "actions": allowed_actions(item.status, actors(user, item)),
        "triage_form": forms.TriageForm(),
        "decision_form": forms.DecisionForm(),
        "close_form": forms.CloseForm(),
        "sheets": selectors.visible_sheets(user, item) if item.status != Status.DRAFT else [],
        "may_see_scores": selectors.may_see_scores(user, item),
        "similar_requests": selectors.similar_open_requests(item) if item.status != Status.DRAFT else [],
        "assignments": selectors.assignments_for(item),
        "missing": services.missing_for_submission(item)
        if item.status in (Status.DRAFT, Status.RETURNED)
        else {},
    }
    context.update(_related_context(item))
    if item.status != Status.DRAFT:
        context.update(together.thread(user, item))
    return render(request, "facilitation/detail.jinja", context)


def _related_context(item: Any) -> dict[str, Any]:
    """Similar registered projects, from the register's overlap detection, once the request is submitted."""
    if item.status == Status.DRAFT:
        return {"similar_projects": []}
    return {"similar_projects": selectors.similar_projects_for(item)}


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    try:
        services.request_submit(actor=_me(request), request=item)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return (
            redirect("facilitation:edit", pk=pk)
            if can(_me(request), "facilitation_request.edit", item)
            else redirect("facilitation:detail", pk=pk)
        )
    messages.success(request, "Your request has been submitted.")
    return redirect("facilitation:detail", pk=pk)


TRIAGE_PAGE = 25
RETURNED_SHOWN = 25


def triage(request: HttpRequest) -> HttpResponse:
    paged = paginate(request, selectors.triage_list(), per_page=TRIAGE_PAGE)
    returned = selectors.returned_list()
    return render(
        request,
        "facilitation/triage.jinja",
        {
            "paged": paged,
            "rows": paged.items,
            "returned": returned[:RETURNED_SHOWN],
            "returned_count": returned.count(),
        },
    )


@require_POST
def triage_action(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.triage", item):
        raise PermissionDenied
    form = forms.TriageForm(request.POST)
    form.is_valid()
    action = request.POST.get("action", "")
    try:
        services.request_triage(
            actor=_me(request),
            request=item,
            action=action,
            message=form.cleaned_data.get("message", ""),
        )
    except ValidationError as error:
        add_service_errors(form, ValidationError({"message": error.messages}))
        return _detail_with(request, item, triage_form=form)
    messages.success(request, f"“{item.title}” is now {item.status_label.lower()}.")
    if item.status == Status.IN_TRIAGE:
        return redirect("facilitation:detail", pk=pk)
    return redirect("facilitation:triage")


def _detail_with(request: HttpRequest, item: Any, **forms_: Any) -> HttpResponse:
    """Show the request again with a form's errors."""
    user = _me(request)
    context: dict[str, Any] = {
        "item": item,
        "transitions": selectors.transitions(item),
        "decisions": selectors.decisions(item),
        "actions": allowed_actions(item.status, actors(user, item)),
        "triage_form": forms.TriageForm(),
        "decision_form": forms.DecisionForm(),
        "close_form": forms.CloseForm(),
        "sheets": selectors.visible_sheets(user, item),
        "may_see_scores": selectors.may_see_scores(user, item),
        "similar_requests": selectors.similar_open_requests(item),
        "missing": {},
        "assignments": selectors.assignments_for(item),
        **_related_context(item),
        **forms_,
    }
    context["page_forms"] = list(forms_.values())
    return render(request, "facilitation/detail.jinja", context)


def score(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.score", item):
        raise Http404("This request is not open for scoring")
    version = selectors.current_framework()
    if version is None:
        messages.error(request, "The prioritisation framework has not been set up yet.")
        return redirect("facilitation:framework")
    criteria = list(selectors.criteria_for(version))
    sheet = selectors.own_sheet(_me(request), item)
    form = forms.ScoreForm(request.POST or None, criteria=criteria, initial_sheet=sheet)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_score(actor=_me(request), request=item, values=form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your scores have been saved. You can now see the other members' scores."
            )
            return redirect("facilitation:detail", pk=pk)
    return render(
        request, "facilitation/score.jinja", {"item": item, "form": form, "version": version, "sheet": sheet}
    )


QUEUE_PAGE = 20
DEFERRED_SHOWN = 20


def queue(request: HttpRequest) -> HttpResponse:
    by_score = not selectors.scores_hidden_from(_me(request))
    paged = paginate(request, selectors.queue(by_score=by_score), per_page=QUEUE_PAGE)
    rows = list(paged.items)
    deferred = selectors.deferred()
    return render(
        request,
        "facilitation/queue.jinja",
        {
            "paged": paged,
            "rows": rows,
            "by_score": by_score,
            "visible": selectors.sheets_visible_in_queue(_me(request), rows),
            "capacity": _capacity_for(rows),
            "deferred": deferred[:DEFERRED_SHOWN],
            "deferred_count": deferred.count(),
            "meetings": selectors.meetings()[:5],
            "meeting_form": forms.MeetingForm(initial={"held_on": timezone.localdate()}),
        },
    )


def _capacity_for(rows: list[Any]) -> dict[int, list[Any]]:
    """Free capacity over the next six months of the champions who match each request."""
    return selectors.matching_capacity(rows)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.decide", item):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            _decide(request, item, form, meeting=None)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("facilitation:detail", pk=pk)
    return _detail_with(request, item, decision_form=form)


def _decide(request: HttpRequest, item: Any, form: forms.DecisionForm, meeting: Any) -> None:
    data = form.cleaned_data
    decision = services.request_decide(
        actor=_me(request),
        request=item,
        outcome=data["outcome"],
        support_level=data.get("support_level") or "",
        rationale=data.get("rationale") or "",
        review_date=data.get("review_date"),
        meeting=meeting,
    )
    messages.success(request, f"Decision recorded: {decision.get_outcome_display().lower()} “{item.title}”.")


@require_POST
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Start work on, close, or bring back to the queue a request the steering group has decided."""
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.manage", item):
        raise PermissionDenied
    action = request.POST.get("action")
    form = forms.CloseForm(request.POST if action == "close" else None)
    try:
        if action == "start":
            services.request_start(actor=_me(request), request=item)
        elif action == "requeue":
            services.request_requeue(actor=_me(request), request=item)
        elif action == "close":
            services.request_close(actor=_me(request), request=item, outcome=request.POST.get("outcome", ""))
        else:
            raise ValidationError("Choose what to do")
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail_with(request, item, close_form=form)
    messages.success(request, f"The request is now {item.status_label.lower()}.")
    return redirect("facilitation:detail", pk=pk)


def _int(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


# --- meetings ------------------------------------------------------------------------------------------


@require_POST
def meeting_start(request: HttpRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
        return redirect("facilitation:queue")
    meeting = services.meeting_start(
        actor=_me(request),
        held_on=form.cleaned_data["held_on"],
        title=form.cleaned_data["title"],
    )
    return redirect("facilitation:meeting", pk=meeting.pk)


def meeting(request: HttpRequest, pk: int, decision_form: Any = None, at: int | None = None) -> HttpResponse:
    """Walk the queue in order: the request at `?position=` (from 0), its evidence and a decision form."""
    the_meeting = selectors.meeting_for(pk)
    queued = selectors.queue()
    waiting = queued.count()
    wanted = at if at is not None else _int(request.GET.get("position", "0"))
    position = min(wanted, max(waiting - 1, 0))
    item = next(iter(queued[position : position + 1]), None)
    sheets = selectors.visible_sheets(_me(request), item) if item else []
    return render(
        request,
        "facilitation/meeting.jinja",
        {
            "meeting": the_meeting,
            "waiting": waiting,
            "position": position,
            "item": item,
            "sheets": sheets,
            "may_see_scores": selectors.may_see_scores(_me(request), item) if item else False,
            "capacity": _capacity_for([item] if item else []),
            "decision_form": decision_form or forms.DecisionForm(),
            "page_forms": [decision_form] if decision_form else [],
            "decided": selectors.meeting_decisions(the_meeting),
        },
    )


@require_POST
def meeting_decide(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    the_meeting = selectors.meeting_for(pk)
    item = selectors.request_for(_me(request), request_pk)
    if not can(_me(request), "facilitation_request.decide", item):
        messages.error(request, "That request is no longer in the queue.")
        return redirect("facilitation:meeting", pk=pk)
    form = forms.DecisionForm(request.POST)
    position = request.POST.get("position", "0")
    if form.is_valid():
        try:
            _decide(request, item, form, meeting=the_meeting)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The decided request leaves the queue, so the next one moves into this position.
            return redirect(f"{reverse('facilitation:meeting', kwargs={'pk': pk})}?position={_int(position)}")
    return meeting(request, pk, decision_form=form, at=_int(position))


# --- the framework -------------------------------------------------------------------------------------


def framework(request: HttpRequest) -> HttpResponse:
    return render(request, "facilitation/framework.jinja", {"versions": selectors.framework_versions()[:10]})


def framework_edit(request: HttpRequest) -> HttpResponse:
    current = selectors.current_framework()
    initial = (
        [{"name": c.name, "description": c.description, "weight": c.weight} for c in current.criteria.all()]
        if current
        else []
    )
    formset = forms.CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    note = forms.FrameworkNoteForm(request.POST or None)
    if request.method == "POST" and formset.is_valid() and note.is_valid():
        criteria = [
            services.CriterionInput(
                f.cleaned_data["name"], f.cleaned_data.get("description", ""), f.cleaned_data["weight"]
            )
            for f in formset.forms
            if f.cleaned_data.get("name")
        ]
        try:
            version = services.framework_update(
                actor=_me(request), criteria=criteria, note=note.cleaned_data["note"]
            )
        except ValidationError as error:
            note.add_error(None, error.messages)
        else:
            messages.success(request, f"The framework is now at version {version.number}.")
            return redirect("facilitation:framework")
    page_forms = [note, *formset.forms]
    return render(
        request,
        "facilitation/framework_edit.jinja",
        {"formset": formset, "note": note, "current": current, "page_forms": page_forms},
    )


# --- the portfolio -------------------------------------------------------------------------------------

PORTFOLIO_DIMENSIONS = [
    ("status", "By status"),
    ("support_level", "By support level"),
    ("priority", "By system priority"),
    ("organisation", "By organisation"),
    ("place", "By place"),
]


PORTFOLIO_PAGE = 50
PORTFOLIO_ROWS_SHOWN = 15  # of each dimension's table; the rest are added up in one row


def portfolio(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    if fmt := export_format(request):
        rows = list(selectors.portfolio())
        return export_response(
            rows,
            portfolio_columns(selectors.hours_by_request([r.pk for r in rows])),
            filename="facilitation-portfolio",
            fmt=fmt,
            sheet_title="Facilitation",
        )
    paged = paginate(request, selectors.portfolio(), per_page=PORTFOLIO_PAGE)
    return render(
        request,
        "facilitation/portfolio.jinja",
        {
            "paged": paged,
            "rows": paged.items,
            "summary": {
                key: top(table, PORTFOLIO_ROWS_SHOWN) for key, table in selectors.portfolio_summary().items()
            },
            "dimensions": PORTFOLIO_DIMENSIONS,
            "total_hours": selectors.portfolio_hours(),
        },
    )


def portfolio_columns(hours: dict[int, Decimal]) -> list[Column]:
    return [
        Column("Reference", lambda r: r.pk),
        Column("Title", lambda r: r.title),
        Column("Status", lambda r: r.status_label),
        Column("Team", lambda r: r.team),
        Column("Requester", lambda r: r.requester.display_name),
        Column("Organisations", lambda r: [o.label for o in r.organisations.all()]),
        Column("Place", lambda r: r.place.name if r.place else ""),
        Column("System priority", lambda r: r.system_priority.name if r.system_priority else ""),
        Column("Tight or loose", lambda r: r.direction),
        Column("Support wanted", lambda r: r.support_wanted_labels()),
        Column("Support level", lambda r: r.get_support_level_display() if r.support_level else ""),
        # Queued requests' scores stay on the queue page, behind the hidden-scores rule.
        Column("Priority score", lambda r: r.priority_score if r.status != Status.QUEUED else None),
        Column("Success factors", lambda r: r.success_factor_count),
        Column("Submitted", lambda r: r.submitted_at),
        Column("Hours per month committed", lambda r: hours.get(r.pk, Decimal(0))),
    ]


# --- assignment ----------------------------------------------------------------------------------------


def _decimal(value: Any, default: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return default
    return number if number > 0 else default


def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested champions for an accepted request, with reasons, and the form that commits one."""
    item = selectors.request_for(_me(request), pk)
    if not can(_me(request), "facilitation_request.assign", item):
        raise Http404("Facilitators are assigned to accepted requests")
    period = selectors.assignment_period(item)
    hours = _decimal(request.GET.get("hours"), Decimal(4))
    ranked = selectors.suggestions(item, hours_per_month=hours, period=period)
    choices = selectors.champion_choices(ranked)
    may_override = can(_me(request), "commitment.override")
    best = next((r.candidate.key for r in ranked if r.has_time), None)
    form = forms.AssignForm(
        request.POST or None,
        champions=choices,
        may_override=may_override,
        initial={"champion": best, "hours_per_month": hours, "start": period.start, "end": period.end},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                actor=_me(request),
                request=item,
                champion=selectors.listed_champion(
                    int(data["champion"]) if data.get("champion") else None,
                    email=data.get("other_email") or "",
                ),
                hours_per_month=data["hours_per_month"],
                start=data["start"],
                end=data["end"],
                override_reason=data.get("override_reason") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{assignment.champion.person.display_name} is assigned "
                f"{assignment.hours_per_month} hours a month, and has been emailed.",
            )
            return redirect("facilitation:detail", pk=pk)
    return render(
        request,
        "facilitation/assign.jinja",
        {
            "item": item,
            "ranked": ranked,
            "form": form,
            "hours": hours,
            "period": period,
            "assignments": selectors.assignments_for(item),
        },
    )
