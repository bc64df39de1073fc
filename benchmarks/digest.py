"""`python -m benchmarks.digest`: the weekly digest for everyone, on the demo data plus a seeded week.

In a transaction that is rolled back, a week of work is recorded through the services (a progress note
on a third of the published, active projects and a comment on a tenth, as their leads), then every
person's digest is built and "sent" to Django's in-memory mailbox. Prints how many notifications the
week made, how many emails went out (at once and in digests), and how long the digest run took.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.benchmark")
    import django

    django.setup()
    from io import StringIO
    from unittest import mock

    from django.core import mail
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    from community.models import User
    from projects import services as project_services
    from projects.models import Project
    from together import digest, notify
    from together import services as together
    from together.models import Follow, Notification

    call_command("migrate", "--no-input", verbosity=0)
    if os.environ.get("BENCH_SKIP_SEED") != "1":
        call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
    rng = random.Random(7)
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        mock.patch.object(
            notify.deliver, "apply_async", side_effect=lambda args, **kw: notify.deliver(*args)
        ),
        mock.patch("django.db.transaction.on_commit", side_effect=lambda f, *a, **k: f()),
        transaction.atomic(),
    ):
        mail.outbox = []
        before = Notification.objects.count()
        active = list(
            Project.objects.filter(published_at__isnull=False).exclude(status__in=["completed", "stopped"])
        )
        started = time.perf_counter()
        notes = rng.sample(active, len(active) // 3)
        for project in notes:
            project_services.project_update_add(
                actor=project.lead, project=project, text="This week's progress"
            )
        talked = rng.sample(active, len(active) // 10)
        for project in talked:
            together.comment_add(actor=project.lead, subject=project, text="Thanks, everyone, for this week")
        week_seconds = time.perf_counter() - started
        made = Notification.objects.count() - before
        at_once = len(mail.outbox)
        figures = digest.send_digests(datetime.date.today() + datetime.timedelta(days=7))
        digests = len(mail.outbox) - at_once
        people = User.objects.filter(is_active=True).count()
        print(f"people {people}, follows {Follow.objects.count()}")
        print(
            f"seeded week: {len(notes)} progress notes, {len(talked)} comments, {made} notifications "
            f"({week_seconds:.2f} s to record)"
        )
        print(f"emails at once (mentions and chosen kinds): {at_once}")
        print(
            f"weekly digests: {digests} emails, {figures['items']} items, "
            f"built and sent in {figures['seconds']:.2f} s"
        )
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
