"""`make bench`: latency percentiles, SQL queries and JavaScript loaded per request for the portal's main
pages.

Runs in-process with Django's test client against the local database (embedded unless DATABASE_URL is
set) after loading the demo data, with DEBUG off. Prints one row per page; nothing is asserted here —
the test suite bounds query counts, this measures.
"""

from __future__ import annotations

import os
import statistics
import sys
import time


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.benchmark")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.pages import PAGES
    from benchmarks.weight import javascript_bytes
    from community.models import User

    repeats = int(os.environ.get("BENCH_REPEATS", "30"))
    call_command("migrate", "--no-input", verbosity=0)
    if os.environ.get("BENCH_SKIP_SEED") != "1":
        call_command("seed_demo", "--quiet-accounts", stdout=StringIO())
    print(f"{'page':<34} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'JS KB':>7}")
    for label, target, email in PAGES:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        path = target() if callable(target) else target
        client.get(path)  # warm up
        timings = []
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)  # read now: later requests reset the connection's query log
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        html = response.content.decode(errors="replace") if not response.streaming else ""
        print(
            f"{label:<34} {response.status_code:>6} {query_count:>7} {statistics.median(timings):>8.1f} "
            f"{percentile(timings, 95):>8.1f} {max(timings):>8.1f} {javascript_bytes(html) / 1024:>7.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
