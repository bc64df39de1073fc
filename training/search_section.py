"""Training in the portal-wide search (registered with community.search): programmes whose name, code,
summary, audience or provider has every word, with their next open date; and, for people who keep
training records, how many of the records they may see name a matching person."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from community.search import SHOWN, Result, Section
from core.permissions import can
from training import selectors
from training.models import Programme


def _matching(programmes: QuerySet[Programme], text: str) -> QuerySet[Programme]:
    for word in text.split():
        programmes = programmes.filter(
            Q(name__icontains=word)
            | Q(code__icontains=word)
            | Q(summary__icontains=word)
            | Q(audience__icontains=word)
            | Q(provider__name__icontains=word)
        )
    return programmes


def training_section(user: Any, text: str) -> Section | None:
    programmes = _matching(selectors.programmes(), text).order_by("name", "pk")
    count = programmes.count()
    shown = list(programmes[:SHOWN])
    next_dates: dict[int, Any] = {}
    for opening in selectors.open_cohorts().filter(programme__in=shown).order_by("starts_on"):
        next_dates.setdefault(opening.programme_id, opening)
    results = []
    for programme in shown:
        first = next_dates.get(programme.pk)
        when = f"next date {first.starts_on:%-d %B %Y}" if first else "no dates open: register interest"
        href = reverse("training:book", kwargs={"pk": first.pk}) if first else reverse("training:find")
        results.append(
            Result(programme.name, href, f"{programme.level_label} · {programme.provider.label} · {when}")
        )
    records = None
    if can(user, "training.run_faculty"):
        matching = selectors.records_for(user).filter(
            Q(trainee__name__icontains=text) | Q(trainee__email__icontains=text.lower())
        )
        records = matching.count()
    if not count and not records:
        return Section("Training", 0)
    more = None
    if records:
        more = (
            f"{records:,} training records name “{text}”",
            reverse("training:records") + "?" + urlencode({"q": text}),
        )
    return Section("Training", count, results, more=more)
