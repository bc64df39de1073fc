"""Start, find and stop the embedded servers under one data folder, safely from several processes at once."""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from devservices import postgres, redis

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".data"


@dataclass(frozen=True)
class ServiceURLs:
    database_url: str
    redis_url: str


def data_dir() -> Path:
    return Path(os.environ.get("PORTAL_DATA_DIR", DEFAULT_DATA_DIR)).resolve()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "services.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ports(folder: Path) -> dict[str, int]:
    """Ports are chosen once per data folder and kept, so URLs stay stable across runs."""
    path = folder / "ports.json"
    ports: dict[str, int] = json.loads(path.read_text()) if path.exists() else {}
    changed = False
    for name in ("postgres", "redis"):
        if name not in ports:
            ports[name] = _free_port()
            changed = True
    if changed:
        path.write_text(json.dumps(ports))
    return ports


def ensure_running(*, need_postgres: bool = True, need_redis: bool = True) -> ServiceURLs:
    """Start whichever embedded server is needed and not already up; return their URLs."""
    folder = data_dir()
    with _locked(folder):
        ports = _ports(folder)
        database_url = (
            postgres.ensure_running(folder / "postgres", ports["postgres"]) if need_postgres else ""
        )
        redis_url = redis.ensure_running(folder / "redis", ports["redis"]) if need_redis else ""
    return ServiceURLs(database_url=database_url, redis_url=redis_url)


def stop() -> None:
    folder = data_dir()
    with _locked(folder):
        postgres.stop(folder / "postgres")
        redis.stop(folder / "redis")


def status() -> dict[str, bool]:
    folder = data_dir()
    return {
        "postgres": postgres.is_running(folder / "postgres"),
        "redis": redis.is_running(folder / "redis"),
    }
