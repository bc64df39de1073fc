"""Governance pages for `make bench`, and `python -m benchmarks.governance [--large N]` for rebuild and
board pack timings (with N extra people, in a transaction that is rolled back)."""

from __future__ import annotations

from collections.abc import Callable

Page = tuple[str, str | Callable[[], str], str | None]

BOARD = "board@glos-icb.example.org"
STAFF = "staff@ghft.example.org"
STEERING = "steering@ghc.example.org"


def _first_action() -> str:
    from governance.models import DeliveryAction

    action = DeliveryAction.objects.order_by("pk").first()
    return f"/governance/plan/{action.pk}/" if action else "/governance/plan/"


def _first_meeting() -> str:
    from governance.models import Meeting

    meeting = Meeting.objects.order_by("pk").first()
    return f"/governance/meetings/{meeting.pk}/" if meeting else "/governance/meetings/"


GOVERNANCE_PAGES: list[Page] = [
    ("dashboards", "/governance/dashboards/", BOARD),
    ("dashboard: community", "/governance/dashboards/community/", BOARD),
    ("dashboard summary (staff)", "/governance/summary/", STAFF),
    ("delivery plan", "/governance/plan/", BOARD),
    ("delivery plan action", _first_action, BOARD),
    ("self-assessment", "/governance/self-assessment/", BOARD),
    ("meetings", "/governance/meetings/", STEERING),
    ("meeting", _first_meeting, STEERING),
    ("API snapshots", "/api/v1/governance/snapshots/", BOARD),
    ("API delivery plan", "/api/v1/governance/delivery-plan/", BOARD),
]


def _large(people: int) -> None:
    """Time the community rebuild with many more people, inside a transaction that is rolled back."""
    import time

    from django.contrib.auth.models import Group
    from django.db import transaction

    from community.models import Organisation, User
    from governance.dashboards import snapshots

    with transaction.atomic():
        orgs = list(Organisation.objects.all())
        users = User.objects.bulk_create(
            User(email=f"bench{i}@bench.example", organisation=orgs[i % len(orgs)], password="!")
            for i in range(people)
        )
        group = Group.objects.get_or_create(name="Steering group")[0]
        group.user_set.add(*users[:: max(1, people // 500)])
        started = time.perf_counter()
        snapshots.rebuild("community")
        elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    print(f"rebuild community with {people:,} more people: {elapsed:8.1f} ms (rolled back)")


def main() -> int:
    """Time each dashboard's rebuild on the current database, and one board pack build."""
    import os
    import sys
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.benchmark")
    import django

    django.setup()
    from governance import board_pack
    from governance.dashboards import registry, snapshots
    from governance.models import BoardPack

    for dashboard in registry.all_dashboards():
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            snapshot = snapshots.rebuild(dashboard.key)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"rebuild {dashboard.key:<12} {snapshot.status:<6} median {sorted(timings)[2]:8.1f} ms")
    pack = BoardPack.objects.create(title="benchmark")
    started = time.perf_counter()
    board_pack.build(pack.pk)
    print(f"board pack build            median {(time.perf_counter() - started) * 1000:8.1f} ms (one run)")
    pack.delete()
    if len(sys.argv) > 2 and sys.argv[1] == "--large":
        _large(int(sys.argv[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
