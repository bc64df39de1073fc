"""Pages for working together: comment, edit and remove comments, follow, the feed, and settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.form_fields import add_service_errors
from core.once import once
from core.paging import paginate
from core.permissions import can
from together import notify, selectors, services, subjects
from together.forms import CommentForm, PreferencesForm, RemoveForm
from together.models import Comment, Delivery, Kind, Notification, Preference


def _subject(request: HttpRequest, key: str, pk: int) -> tuple[subjects.Subject, Any]:
    obj = services.visible(request.user, key, pk)
    subject = subjects.by_key(key)
    if obj is None or subject is None:
        raise Http404
    return subject, obj


def _about(subject: subjects.Subject, obj: Any) -> dict[str, str]:
    """What a comment page says it is about, and where its back link goes."""
    return {"title": subject.title(obj), "back": subject.url(obj)}


@once
def comment_add(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    subject, obj = _subject(request, key, pk)
    if not subject.commentable:
        raise Http404
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_add(actor=request.user, subject=obj, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment has been added.")
            return redirect(f"{subject.url(obj)}#comment-{comment.pk}")
    return render(
        request,
        "together/comment_form.jinja",
        {"form": form, **_about(subject, obj)},
    )


def _comment(request: HttpRequest, pk: int) -> tuple[Comment, subjects.Subject, Any]:
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    target = comment.subject
    subject = subjects.of(target) if target is not None else None
    if subject is None or not services.may_see(request.user, target):
        raise Http404
    return comment, subject, target


def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment, subject, target = _comment(request, pk)
    if not can(request.user, "comment.edit", comment):
        raise PermissionDenied
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(actor=request.user, comment=comment, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment has been changed.")
            return redirect(f"{subject.url(target)}#comment-{comment.pk}")
    return render(
        request,
        "together/comment_form.jinja",
        {"form": form, "editing": True, **_about(subject, target)},
    )


def comment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    comment, subject, target = _comment(request, pk)
    if not can(request.user, "comment.remove", comment):
        raise PermissionDenied
    moderating = comment.author_id != request.user.pk
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_remove(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The comment has been removed.")
            return redirect(f"{subject.url(target)}#comments")
    return render(
        request,
        "together/comment_remove.jinja",
        {
            "form": form,
            "comment": comment,
            "moderating": moderating,
            **_about(subject, target),
        },
    )


@require_POST
def follow(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    subject, obj = _subject(request, key, pk)
    if request.POST.get("action") == "unfollow":
        services.unfollow(actor=request.user, target=obj)
        messages.success(request, f"You no longer follow {subject.title(obj)}.")
    else:
        services.follow(actor=request.user, target=obj)
        messages.success(
            request, f"You follow {subject.title(obj)}: changes appear in your feed and weekly digest."
        )
    back = request.POST.get("next", "")
    return redirect(
        back if back.startswith("/") and not back.startswith("//") else (subject.url(obj) or "together:feed")
    )


@require_POST
def follow_pick(request: HttpRequest) -> HttpResponse:
    """Follow a programme, organisation or topic chosen from a list on the feed page."""
    key, chosen = request.POST.get("key", ""), request.POST.get("id", "")
    subject = subjects.by_key(key)
    if subject is None or subject.commentable or not chosen.isdigit():
        messages.error(request, "Choose what to follow from the list.")
        return redirect("together:feed")
    return follow(request, key, int(chosen))


def feed(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        Notification.objects.filter(user_id=request.user.pk or 0, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        messages.success(request, "Everything is marked as read.")
        return redirect("together:feed")
    paged = paginate(request, selectors.feed(request.user), 25)
    context = {
        "paged": paged,
        "followed": selectors.followed(request.user),
        "unread": selectors.unread_count(request.user),
        "followables": [
            (key, subject.model._default_manager.order_by("name")[:300])
            for key in ("programme", "organisation", "topic")
            if (subject := subjects.by_key(key)) is not None
        ],
    }
    return render(request, "together/feed.jinja", context)


def settings_page(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, chosen=selectors.preferences(request.user))
    if request.method == "POST" and form.is_valid():
        for kind in Kind.values:
            Preference.objects.update_or_create(
                user_id=request.user.pk or 0, kind=kind, defaults={"delivery": form.cleaned_data[kind]}
            )
        messages.success(request, "Your choices are saved.")
        return redirect("together:settings")
    return render(request, "together/settings.jinja", {"form": form})


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every email: switch that kind of email off, no sign-in needed (the link is signed)."""
    found = notify.read_token(token)
    if found is None:
        raise Http404
    user_id, kind = found
    if request.method == "POST":
        Preference.objects.update_or_create(
            user_id=user_id, kind=kind, defaults={"delivery": Delivery.PORTAL}
        )
        return render(request, "together/unsubscribe.jinja", {"kind": Kind(kind).label, "done": True})
    return render(request, "together/unsubscribe.jinja", {"kind": Kind(kind).label, "done": False})
