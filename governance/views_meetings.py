"""Governance bodies and their meetings: read by the board and the steering group, recorded by admins
and the body's members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.permissions import can
from governance import selectors, services
from governance.forms import AgendaItemForm, DecisionForm, MeetingActionForm, MeetingForm, MinutesForm


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def meetings(request: HttpRequest) -> HttpResponse:
    bodies = list(selectors.bodies())
    return render(
        request,
        "governance/meetings.jinja",
        {
            "bodies": bodies,
            "meetings": list(selectors.meetings()[:100]),
            "may_schedule": any(can(request.user, "body.record", b) for b in bodies),
            "my_actions": list(selectors.actions_owned_by(request.user)),
        },
    )


def meeting_new(request: HttpRequest) -> HttpResponse:
    bodies = [b for b in selectors.bodies() if can(request.user, "body.record", b)]
    if not bodies:
        return render(request, "governance/meeting_form.jinja", {"form": None})
    form = MeetingForm(request.POST or None, bodies=selectors.bodies().filter(pk__in=[b.pk for b in bodies]))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "The meeting has been added.")
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.jinja", {"form": form})


FORMS = {
    "minutes": MinutesForm,
    "agenda": AgendaItemForm,
    "decision": DecisionForm,
    "action": MeetingActionForm,
}


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting(pk)
    if meeting is None or not can(request.user, "meeting.view", meeting):
        raise Http404
    may_record = can(request.user, "meeting.record", meeting)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted and not may_record:
        raise PermissionDenied
    forms: dict[str, Any] = {
        "minutes": MinutesForm(
            request.POST if posted == "minutes" else None,
            initial={"status": meeting.status, "minutes": meeting.minutes},
            prefix="minutes",
        ),
        "agenda": AgendaItemForm(request.POST if posted == "agenda" else None, prefix="agenda"),
        "decision": DecisionForm(
            request.POST if posted == "decision" else None, meeting=meeting, prefix="decision"
        ),
        "action": MeetingActionForm(request.POST if posted == "action" else None, prefix="action"),
    }
    if posted in forms and forms[posted].is_valid():
        form = forms[posted]
        data = form.cleaned_data
        try:
            if posted == "minutes":
                services.meeting_record(actor=request.user, meeting=meeting, **data)
            elif posted == "agenda":
                services.agenda_item_add(actor=request.user, meeting=meeting, **data)
            elif posted == "decision":
                services.decision_record(actor=request.user, meeting=meeting, **data)
            else:
                services.meeting_action_add(actor=request.user, meeting=meeting, **data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "The meeting record has been updated.")
            return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/meeting.jinja",
        {
            "meeting": meeting,
            "may_record": may_record,
            "forms": forms,
            "page_forms": list(forms.values()) if may_record else [],
        },
    )
