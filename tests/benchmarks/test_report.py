"""The README's one-off table: each job at both sizes, and the workers' memory at the end and at most."""

from __future__ import annotations

from benchmarks.report import one_off


def test_the_one_off_table_shows_each_job_and_the_most_a_worker_reached():
    small = {"one_off": [{"label": "board pack", "seconds": 2.4}], "worker_memory_mb": [190.2, 204.0]}
    national = {
        "one_off": [{"label": "board pack", "seconds": 14.1}, {"label": "full rebuild", "seconds": 11.2}],
        "worker_memory_mb": [194.3, 203.0],
        "worker_memory_peak_mb": 287.2,
    }

    lines = one_off(small, national).splitlines()

    assert "| board pack | 2.4 s | 14.1 s |" in lines and "| full rebuild | - | 11.2 s |" in lines
    assert "| web worker memory after the run | 204 MB | 203 MB |" in lines
    assert lines[-1] == "| the most a web worker reached during the run | not sampled | 287 MB |"
