"""Champions in the portal-wide search (registered with community.search): the directory's own search
of names, job titles and offers, over the champions this person may see."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from champions import selectors
from champions.filters import ChampionFilter
from community.search import SHOWN, Result, Section


def champions_section(user: Any, text: str) -> Section:
    found = ChampionFilter({"q": text}, queryset=selectors.directory(user)).qs.order_by(
        "person__last_name", "person__first_name", "pk"
    )
    count = found.count()
    results = [
        Result(
            c.person.display_name,
            reverse("champions:champion", kwargs={"pk": c.pk}),
            " · ".join(
                part
                for part in (
                    c.get_level_display(),  # type: ignore[attr-defined]
                    c.person.job_title,
                    c.organisation.label if c.organisation else "",
                )
                if part
            ),
        )
        for c in found.select_related("person", "organisation")[:SHOWN]
    ]
    everything = reverse("champions:champions") + "?" + urlencode({"q": text})
    return Section(
        "QI champions and coaches",
        count,
        results,
        more=(f"All {count:,} champions found", everything) if count > SHOWN else None,
    )
