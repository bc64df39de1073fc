"""Delivery plan pages: the plan by theme and strand with RAG, an action with its progress notes."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.exports import Column, export_response
from core.permissions import can
from governance import plan, selectors, services
from governance.forms import DeliveryActionForm, ProgressNoteForm
from governance.models import DeliveryAction

EXPORT_COLUMNS = [
    Column("Theme", lambda a: plan.THEME_OF[a.strand]),
    Column("Strand", lambda a: a.get_strand_display()),
    Column("Action", lambda a: a.title),
    Column("Owner", lambda a: a.owner.display_name if a.owner else ""),
    Column("Due", lambda a: a.due_on),
    Column("RAG", lambda a: a.get_rag_display()),
    Column("Latest note", lambda a: a.notes.all()[0].text if a.notes.all() else ""),
    Column("Latest note date", lambda a: a.notes.all()[0].written_on if a.notes.all() else None),
]


def grouped(actions: list[DeliveryAction]) -> list[dict[str, Any]]:
    themes: list[dict[str, Any]] = []
    for theme, strands in plan.THEMES.items():
        items = []
        for strand in strands:
            in_strand = [a for a in actions if a.strand == strand]
            items.append({"strand": DeliveryAction.Strand(strand).label, "actions": in_strand})
        themes.append({"theme": theme, "strands": items})
    return themes


def plan_page(request: HttpRequest) -> HttpResponse:
    actions = list(selectors.delivery_actions())
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return export_response(  # type: ignore[return-value]
            actions, EXPORT_COLUMNS, filename="delivery-plan", fmt=export, sheet_title="Delivery plan"
        )
    return render(
        request,
        "governance/plan.jinja",
        {
            "themes": grouped(actions),
            "rag": plan.rag_counts(a.current_rag for a in actions),
            "today": timezone.localdate(),
            "is_overdue": plan.is_overdue,
        },
    )


def _action(pk: int) -> DeliveryAction:
    found = selectors.delivery_action(pk)
    if found is None:
        raise Http404
    return found


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    if not can(request.user, "plan.view_action", action):
        raise Http404
    may_note = can(request.user, "plan.note", action)
    form = ProgressNoteForm(request.POST or None, initial={"rag": action.rag})
    if request.method == "POST":
        if not may_note:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.progress_note_add(
                    actor=request.user,
                    action=action,
                    text=form.cleaned_data["text"],
                    rag=form.cleaned_data["rag"],
                    written_on=form.cleaned_data["written_on"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, "Your progress note has been added.")
                return redirect("governance:plan_action", pk=action.pk)
    return render(
        request,
        "governance/plan_action.jinja",
        {"action": action, "form": form if may_note else None, "theme": plan.THEME_OF[action.strand]},
    )


def action_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    action = _action(pk) if pk is not None else None
    # The form edits a copy, so the service sees the values before the change for the audit trail.
    form = DeliveryActionForm(request.POST or None, instance=copy.copy(action) if action else None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.plan.ACTION_FIELDS}
        try:
            if action is None:
                action = services.delivery_action_create(actor=request.user, **values)
            else:
                services.delivery_action_update(actor=request.user, action=action, **values)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, "The action has been saved.")
            return redirect("governance:plan_action", pk=action.pk)
    return render(request, "governance/plan_action_form.jinja", {"form": form, "action": action})
