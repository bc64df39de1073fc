"""The community dashboard: partner organisations by kind and headcount, people per organisation and
role. Registered by the governance app because the community app owns no dashboards of its own."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from community import selectors as community_selectors
from community.models import Organisation, User
from core.roles import GROUP_NAMES
from governance.dashboards import community_figures
from governance.dashboards.params import period_bounds

_ROLE_LABEL_BY_GROUP = {name: role.label for role, name in GROUP_NAMES.items()}


def build(params: dict[str, Any]) -> dict[str, Any]:
    orgs = Organisation.objects.filter(is_active=True)
    people = User.objects.filter(is_active=True)
    if "organisation" in params:
        orgs = orgs.filter(pk=params["organisation"])
        people = people.filter(organisation_id=params["organisation"])
    if "place" in params:
        people = people.filter(place_id__in=community_selectors.place_and_descendant_ids(params["place"]))
    if "period" in params:
        bounds = period_bounds(params["period"], timezone.localdate())
        if bounds:
            start, end = bounds
            tz = timezone.get_current_timezone()
            people = people.filter(
                date_joined__gte=datetime.datetime.combine(start, datetime.time.min, tz),
                date_joined__lt=datetime.datetime.combine(end, datetime.time.min, tz),
            )
    org_rows = [
        community_figures.OrgRow(o.pk, o.label, o.get_kind_display(), o.headcount)  # type: ignore[attr-defined]
        for o in orgs
    ]
    groups = Prefetch("groups")
    person_rows = [
        community_figures.PersonRow(
            organisation_id=p.organisation_id,
            roles=frozenset(
                _ROLE_LABEL_BY_GROUP[g.name] for g in p.groups.all() if g.name in _ROLE_LABEL_BY_GROUP
            ),
        )
        for p in people.only("pk", "organisation_id").prefetch_related(groups).iterator(chunk_size=2000)
    ]
    return community_figures.build(org_rows, person_rows)
