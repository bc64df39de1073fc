"""Governance pages for `make bench`, and `python -m benchmarks.governance [--large N] [--training N]`
for rebuild and board pack timings (with N extra people, or N extra training records, in a transaction
that is rolled back)."""

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
    ("dashboard: capability", "/governance/dashboards/capability/", BOARD),
    ("dashboard: capacity", "/governance/dashboards/capacity/", BOARD),
    ("dashboard: portfolio", "/governance/dashboards/portfolio/", BOARD),
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
    from dashboards import snapshots

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


def _large_training(records: int) -> None:
    """Time the dashboards that read training records with many more of them (three programmes a
    person, completed over the last three years), inside a transaction that is rolled back."""
    import datetime
    import time

    from django.db import transaction

    from community.models import Organisation
    from dashboards import snapshots
    from training.models import Programme, Trainee, TrainingRecord

    with transaction.atomic():
        orgs = list(Organisation.objects.values_list("pk", flat=True))
        programmes = list(Programme.objects.values_list("pk", flat=True))
        each = min(3, len(programmes))
        trainees = Trainee.objects.bulk_create(
            Trainee(email=f"bench{i}@bench.example", organisation_id=orgs[i % len(orgs)])
            for i in range(-(-records // each))
        )
        today = datetime.date.today()
        TrainingRecord.objects.bulk_create(
            (
                TrainingRecord(
                    trainee=trainee,
                    programme_id=programmes[(i + j) % len(programmes)],
                    status="completed",
                    completed_on=today - datetime.timedelta(days=(i * 7 + j) % 1095),
                )
                for i, trainee in enumerate(trainees)
                for j in range(each)
            ),
            batch_size=5000,
        )
        for key in ("capability", "capacity"):
            started = time.perf_counter()
            snapshot = snapshots.rebuild(key)
            elapsed = (time.perf_counter() - started) * 1000
            print(
                f"rebuild {key} with {len(trainees) * each:,} more training records: "
                f"{elapsed:8.1f} ms ({snapshot.status})"
            )
        transaction.set_rollback(True)
    print("(rolled back)")


def main() -> int:
    """Time each dashboard's rebuild on the current database, and one board pack build."""
    import os
    import sys
    import time

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.benchmark")
    import django

    django.setup()
    from dashboards import registry, snapshots
    from governance import board_pack
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
    args = sys.argv[1:]
    if "--large" in args:
        _large(int(args[args.index("--large") + 1]))
    if "--training" in args:
        _large_training(int(args[args.index("--training") + 1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
