"""`make run`: start everything a newcomer needs and serve the portal with demo data.

Starts the embedded PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set), migrates, loads the
demo data, starts a Celery worker with beat, prints the URL and the demo accounts, then serves the portal
until Ctrl+C, when the worker is stopped too. The servers keep their data under .data/ between runs.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port(preferred: int) -> int:
    for port in [preferred, *range(preferred + 1, preferred + 50)]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port found for the web server")


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        from devservices import ensure_running

        urls = ensure_running(
            need_postgres=not os.environ.get("DATABASE_URL"), need_redis=not os.environ.get("REDIS_URL")
        )
        print(f"Embedded PostgreSQL: {urls.database_url or os.environ.get('DATABASE_URL')}")
        print(f"Embedded Redis:      {urls.redis_url or os.environ.get('REDIS_URL')}")
    _manage("migrate", "--no-input", "-v", "0")
    _manage("refresh_measures")
    _manage("seed_demo", "--quiet-accounts")

    logs = ROOT / ".data"
    logs.mkdir(exist_ok=True)
    with open(logs / "worker.log", "ab") as worker_log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--beat",
                "--loglevel=INFO",
                "--concurrency=2",
                "--schedule",
                str(logs / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
    port = _free_port(int(os.environ.get("PORT", "8000")))
    url = f"http://127.0.0.1:{port}/"
    print()
    print(f"The Improvement Community portal is at {url}")
    print(f"Celery worker and beat are running (log: {logs / 'worker.log'}).")
    sys.stdout.flush()
    _manage("show_demo_accounts")
    print("Press Ctrl+C to stop. `make stop-services` stops the embedded database and Redis too.")
    sys.stdout.flush()
    try:
        server = subprocess.run([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT)
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())
