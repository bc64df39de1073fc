"""The community dashboard: partner organisations by kind and headcount, people per organisation and
role. Registered by the governance app because the community app owns no dashboards of its own."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from community import selectors as community_selectors
from community.models import Organisation, User
from core.periods import dashboard_period
from core.roles import GROUP_NAMES
from governance.builders import community_figures

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
        bounds = dashboard_period(params["period"], timezone.localdate())
        if bounds:
            start, end = bounds
            tz = timezone.get_current_timezone()
            people = people.filter(
                date_joined__gte=datetime.datetime.combine(start, datetime.time.min, tz),
                date_joined__lt=datetime.datetime.combine(
                    end + datetime.timedelta(days=1), datetime.time.min, tz
                ),
            )
    org_rows = [
        community_figures.OrgRow(o.pk, o.label, o.get_kind_display(), o.headcount)  # type: ignore[attr-defined]
        for o in orgs
    ]
    per_org: dict[int | None, int] = {
        row["organisation_id"]: row["n"]
        for row in people.order_by().values("organisation_id").annotate(n=Count("pk"))
    }
    roles: dict[int | None, dict[str, int]] = {}
    memberships = (
        User.groups.through.objects.filter(user__in=people, group__name__in=_ROLE_LABEL_BY_GROUP)
        .order_by()
        .values("user__organisation_id", "group__name")
        .annotate(n=Count("pk"))
    )
    for row in memberships:
        label = _ROLE_LABEL_BY_GROUP[row["group__name"]]
        roles.setdefault(row["user__organisation_id"], {})[label] = row["n"]
    data = community_figures.build(org_rows, per_org, roles)
    if "place" in params or "period" in params:
        data["notes"].append(
            "The place and period filters count people by where they work and when they joined; "
            "organisations and their headcounts are not filtered by them."
        )
    return data
