"""`make bench-scale` (`python -m benchmarks.scale [--small]`): the portal at national size, served the
production way and driven by a crowd of signed-in people.

1. Makes (once) a database `portal_scale_<size>` beside the configured one (embedded unless DATABASE_URL is
   set), migrates it and fills it with `seed_scale`.
2. Serves it with gunicorn and `deploy/gunicorn.conf.py`, production settings (DEBUG off, whitenoise,
   Redis cache) plus a query-count header (`benchmarks/settings.py`).
3. Drives it from a second process (`benchmarks/load.py`) with 8 and 32 concurrent clients over the pages
   `make bench` knows (`benchmarks/pages.py`) and the Django admin's change lists for the same projects and
   training records; prints requests per second, p50/p95/p99 and queries per request for each, and each
   list's p50 as a ratio to the admin's.
4. Times, in this process: the full dashboard rebuild, a 100,000-row training import, overlap detection on
   submit, a board pack; and reads each web worker's memory after the run.

Writes the same figures as JSON (`--json`, default `benchmarks/results/<size>.json`). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {
    "projects export CSV",  # a download of every row, not a page: its cost is meant to grow with them
    "healthz",  # waits up to a second for Celery workers to answer, and this harness runs none
}
ADMIN = "admin@glos-icb.example.org"
GUNICORN_CONF = "deploy/gunicorn.conf.py"
ADMIN_LISTS = [
    ("admin: projects change list", "/admin/projects/project/", ADMIN),
    ("admin: training records change list", "/admin/training/trainingrecord/", ADMIN),
]
# Our pages set against the admin's change list of the same rows.
COMPARED = {
    "projects browse": "admin: projects change list",
    "projects search 'frail'": "admin: projects change list",
    "projects filtered + search": "admin: projects change list",
    "training records (admin, all)": "admin: training records change list",
    "training records (filtered)": "admin: training records change list",
}


def target_ms(label: str) -> int:
    """The p95 target (ms) at 8 clients: pages and API lists 300; a project, a measure, a dashboard 150;
    free-text search 400."""
    if "search" in label:
        return 400
    if label.startswith(("project page", "measure chart", "dashboard")):
        return 150
    return 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _scale_database(size: str) -> tuple[str, str]:
    sys.path.insert(0, str(ROOT))
    from config.settings.environment import service_urls

    database_url, redis_url = service_urls()
    parts = urlsplit(database_url)
    name = f"portal_scale_{size}"
    import psycopg

    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), redis_url


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


class PeakMemory:
    """The most memory each web worker reaches while the load runs, sampled twice a second: gunicorn
    replaces a worker after MAX_REQUESTS, so memory read after a long run can be a young worker's."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            for pid in _workers(self.master):
                try:
                    self.peaks[pid] = max(self.peaks.get(pid, 0.0), _rss_mb(pid))
                except OSError:  # replaced between listing and reading
                    continue


def _serve(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--config", GUNICORN_CONF],
            cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def _endpoints() -> list[dict[str, Any]]:
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from benchmarks.pages import PAGES
    from community.models import User
    from core.mfa import must_use_mfa

    cookies: dict[str, str] = {}
    endpoints = []
    for label, target, email in [*PAGES, *ADMIN_LISTS]:
        if label in SKIPPED:
            continue
        if email and email not in cookies:
            user = User.objects.get(email=email)
            if must_use_mfa(user):  # production asks admins for an authenticator app; this one has one
                Authenticator.objects.get_or_create(
                    user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "benchmark"}}
                )
            client = Client()
            client.force_login(user)
            cookies[email] = f"sessionid={client.cookies['sessionid'].value}"
        path = target() if callable(target) else target
        endpoints.append({"label": label, "path": path, "cookie": cookies.get(email or "", "")})
    return endpoints


def _timed(label: str, work: Any) -> dict[str, Any]:
    started = time.perf_counter()
    detail = work()
    seconds = time.perf_counter() - started
    print(f"{label:<46} {seconds:>8.2f} s  {detail or ''}")
    return {"label": label, "seconds": seconds, "detail": detail or ""}


def _one_off_timings() -> list[dict[str, Any]]:
    from benchmarks import training_import
    from dashboards import snapshots
    from governance import board_pack
    from governance.models import BoardPack
    from projects.overlap import similar_projects
    from training.services import import_run

    def rebuild() -> str:
        built = snapshots.rebuild_everything()
        return f"{len(built)} snapshots"

    def training() -> str:
        provider = training_import._provider()
        training_import._clean_up(provider)
        data = training_import.make_csv(100_000, training_import._organisations()[:50])
        batch = training_import._batch(provider, data, "bench.csv")
        done = import_run(batch_id=batch.pk)
        training_import._clean_up(provider)
        return f"100,000 rows, state {done.state if done else 'unknown'}"

    def overlap() -> str:
        timings = []
        for n in range(5):
            started = time.perf_counter()
            found = similar_projects(  # a different aim each time, so no run is answered from the cache
                title="Reducing inpatient falls on older people's wards",
                aim=f"Reduce falls with harm by {30 + n}% by March 2027 ({time.time_ns()}).",
            )
            timings.append(time.perf_counter() - started)
        return f"median of 5: {statistics.median(timings) * 1000:.0f} ms, {len(found)} similar"

    def pack() -> str:
        made = BoardPack.objects.create(title="Scale benchmark")
        board_pack.build(made.pk)
        made.delete()
        return ""

    print(f"\n{'one-off work':<46} {'time':>10}")
    return [
        _timed("dashboards: full rebuild", rebuild),
        _timed("training import of 100,000 rows (web process)", training),
        _timed("overlap detection on submit (5 runs)", overlap),
        _timed("board pack", pack),
    ]


def _table(figures: list[dict[str, Any]]) -> None:
    by_level: dict[int, dict[str, dict[str, Any]]] = {}
    for f in figures:
        by_level.setdefault(f["clients"], {})[f["label"]] = f
    for clients, rows in by_level.items():
        print(f"\n{clients} concurrent clients")
        print(
            f"{'endpoint':<38} {'req/s':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'target':>7} {'queries':>7} "
            f"{'KB':>6} {'vs admin':>8}"
        )
        for label, f in rows.items():
            admin = rows.get(COMPARED.get(label, ""))
            ratio = f"{f['p50'] / admin['p50']:.2f}" if admin else ""
            met = "ok" if f["p95"] <= target_ms(label) else "MISS"
            queries = f"{f['queries']:.0f}" if f["queries"] is not None else "-"
            errors = f" ({f['errors']} errors)" if f["errors"] else ""
            print(
                f"{label[:38]:<38} {f['rps']:>6.1f} {f['p50']:>7.0f} {f['p95']:>7.0f} {f['p99']:>7.0f} "
                f"{met if clients == 8 else '':>7} {queries:>7} {f['kb']:>6.0f} {ratio:>8}{errors}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a tenth of the national size")
    parser.add_argument(
        "--requests", type=int, default=48, help="requests per endpoint and concurrency level"
    )
    parser.add_argument("--levels", default="8,32", help="concurrent clients, comma-separated")
    parser.add_argument("--cap", type=float, default=60, help="seconds at most per endpoint and level")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="drive only endpoints whose label contains this text (repeatable); skips the one-off work "
        "and writes no figures unless --json is given",
    )
    options = parser.parse_args(argv)
    size = "small" if options.small else "national"

    database_url, redis_url = _scale_database(size)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    call_command("seed_scale", "--if-empty", *(["--small"] if options.small else []))
    call_command("collectstatic", "--no-input", verbosity=0)
    endpoints = [e for e in _endpoints() if not options.only or any(o in e["label"] for o in options.only)]

    port = _free_port()
    log = ROOT / ".data" / "bench-scale-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    server = _serve(port, env, log)
    try:
        plan = {
            "base": f"http://127.0.0.1:{port}",
            "levels": [int(n) for n in options.levels.split(",")],
            "requests": options.requests,
            "cap_seconds": options.cap,
            "endpoints": endpoints,
        }
        print(f"Driving {len(endpoints)} endpoints at {plan['levels']} concurrent clients…", flush=True)
        with PeakMemory(server.pid) as peak:
            driven = subprocess.run(
                [sys.executable, "-m", "benchmarks.load"],
                cwd=ROOT, input=json.dumps(plan).encode(), stdout=subprocess.PIPE, check=True,
            )  # fmt: skip
        figures = json.loads(driven.stdout)
        memory = {pid: round(_rss_mb(pid), 1) for pid in _workers(server.pid)}
        peak_mb = round(max(peak.peaks.values(), default=0.0), 1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _table(figures)
    print(f"\nweb workers' memory after the run (MB): {sorted(memory.values())}; most reached: {peak_mb}")
    if options.only and not options.json:
        return 0
    one_off = _one_off_timings()
    out = options.json or ROOT / "benchmarks" / "results" / f"{size}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "size": size,
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}",
                "taken": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "endpoints": figures,
                "worker_memory_mb": list(memory.values()),
                "worker_memory_peak_mb": peak_mb,
                "one_off": one_off,
            },
            indent=1,
        )
    )
    print(f"\nFigures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
