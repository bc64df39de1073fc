"""The register's demo data: about 150 champions across the partners, consistent and repeatable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from champions import selectors
from champions.models import Champion, ChampionCommitment
from community.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_realistic_and_seeding_twice_changes_nothing():
    call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
    first = (
        Champion.objects.count(),
        ChampionCommitment.objects.count(),
        list(Champion.objects.values_list("person__email", "status", "level").order_by("pk")),
    )
    call_command("seed_demo", "--quiet-accounts", stdout=StringIO())

    assert (
        Champion.objects.count(),
        ChampionCommitment.objects.count(),
        list(Champion.objects.values_list("person__email", "status", "level").order_by("pk")),
    ) == first
    assert 140 <= Champion.objects.count() <= 160
    statuses = {s: Champion.objects.filter(status=s).count() for s in Champion.Status.values}
    assert statuses["paused"] >= 5 and 2 <= statuses["retired"] <= 10 and statuses["active"] > 100
    assert set(Champion.objects.values_list("level", flat=True)) == {
        "practitioner",
        "coach",
        "expert",
        "faculty",
    }
    # Every champion belongs to one of the seeded partners, and bigger partners have more champions.
    per_org = {o.short_name: o.champions.count() for o in Organisation.objects.all()}
    assert sum(per_org.values()) == Champion.objects.count()
    assert per_org["GHFT"] > per_org["GHC"] > per_org["ICB"] > 0
    # No demo champion is over-committed, and someone has free time.
    assert all(c.committed_now <= c.agreed_now for c in selectors.listed())
    assert selectors.listed().filter(free_now__gt=0).exists()
    report = selectors.dosage_report()
    assert report.system.headcount == sum(o.headcount for o in Organisation.objects.all())
    assert report.system.coach_gap > 0  # the model system is short of coaches, as its strategy says
