from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from community import home as home_panels
from community import search as portal_search
from community import services
from community.forms import ProfileForm
from core.roles import roles_of


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "community/landing.jinja")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "community/accessibility.jinja")


def home(request: HttpRequest) -> HttpResponse:
    context = {"roles": roles_of(request.user), "panels": home_panels.panels(request.user)}
    return render(request, "community/home.jinja", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    sections = portal_search.search(request.user, text)
    context = {"q": text.strip(), "sections": sections, "found": sum(s.count for s in sections)}
    return render(request, "community/search.jinja", context)


def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm.for_user(user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, actor=user, **services.profile_values(form.cleaned_data))  # type: ignore[arg-type]
        messages.success(request, "Your profile has been saved.")
        return redirect("community:profile")
    return render(request, "community/profile.jinja", {"form": form, "roles": roles_of(user)})
