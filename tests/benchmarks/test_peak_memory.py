"""The scale benchmark reports the most memory a web worker reached while the load ran, not only what
the workers hold at the end (gunicorn replaces a worker after its share of requests)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from benchmarks.scale import PeakMemory

GROW_THEN_WAIT = (
    "import time; held = bytearray(80 * 2**20); held[::4096] = b'x' * len(held[::4096]); time.sleep(3)"
)


def test_the_peak_of_a_worker_that_has_since_gone_is_kept():
    with PeakMemory(os.getpid()) as peak:
        child = subprocess.Popen([sys.executable, "-c", GROW_THEN_WAIT])
        time.sleep(2)
        child.kill()
        child.wait()
        time.sleep(0.6)  # sampled again after it went: its peak stays

    assert child.pid in peak.peaks and peak.peaks[child.pid] >= 80
