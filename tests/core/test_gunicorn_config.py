"""deploy/gunicorn.conf.py: the production server's settings and hooks, read as gunicorn reads them."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def test_long_lived_objects_are_frozen_after_start_and_the_first_requests_only():
    config = runpy.run_path(str(CONFIG))
    frozen_after: list[str] = []
    hooks = config["post_request"].__globals__  # the functions' own module globals
    hooks["gc"] = SimpleNamespace(freeze=lambda: frozen_after.append(str(worker.nr)))
    worker = SimpleNamespace(nr=0)

    config["post_worker_init"](worker)
    # Threads can pass a number together: request 11 finishing before 10 has still freezes once.
    for nr in (1, 2, 3, 9, 11, 12, 99, 100, 101, 999, 1000, 1001, 5000):
        worker.nr = nr
        config["post_request"](worker, None, {}, None)

    assert frozen_after == ["0", "1", "11", "100", "1000"]  # at start, then never after the 1,000th
    assert config["worker_class"] == "gthread"


def test_the_master_limits_glibc_to_two_memory_arenas_before_forking_workers(monkeypatch):
    asked: list[tuple[int, int]] = []

    class Libc:
        def mallopt(self, option: int, value: int) -> int:
            asked.append((option, value))
            return 1

    monkeypatch.setattr("ctypes.CDLL", lambda name: Libc())
    monkeypatch.setattr("ctypes.util.find_library", lambda name: "libc.so.6")
    assert runpy.run_path(str(CONFIG))["ARENAS_LIMITED"] is True
    assert asked == [(-8, 2)]  # M_ARENA_MAX

    monkeypatch.setattr("ctypes.util.find_library", lambda name: None)  # not glibc: nothing to set
    assert runpy.run_path(str(CONFIG))["ARENAS_LIMITED"] is False
