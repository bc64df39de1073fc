"""`python -m benchmarks.report`: the README's Performance table from the scale benchmark's two runs.

Reads `benchmarks/results/small.json` and `national.json` (written by `make bench-scale SIZE=small` and
`make bench-scale`) and prints, per endpoint, p50 and p95 at 8 clients for both sizes, p95 at 32 at
national size, queries per request at both sizes (equal when the page's cost follows what it shows), the
national p50 as a ratio to the admin's change list of the same rows, and whether the target is met.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.scale import COMPARED, target_ms

RESULTS = Path(__file__).resolve().parent / "results"


def _by_label(run: dict[str, Any], clients: int) -> dict[str, dict[str, Any]]:
    return {f["label"]: f for f in run["endpoints"] if f["clients"] == clients}


def _queries(figure: dict[str, Any] | None) -> str:
    return "-" if not figure or figure["queries"] is None else f"{figure['queries']:.0f}"


def table(small: dict[str, Any], national: dict[str, Any]) -> str:
    s8, n8, n32 = _by_label(small, 8), _by_label(national, 8), _by_label(national, 32)
    lines = [
        "| endpoint | small p50 / p95 | national p50 / p95 | national p95, 32 clients "
        "| queries small / national | p50 vs admin | target p95 (8 clients) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, n in n8.items():
        s, busy = s8.get(label), n32.get(label)
        admin = n8.get(COMPARED.get(label, ""))
        cells = [
            label,
            f"{s['p50']:.0f} / {s['p95']:.0f}" if s else "-",
            f"{n['p50']:.0f} / {n['p95']:.0f}",
            f"{busy['p95']:.0f}" if busy else "-",
            f"{_queries(s)} / {_queries(n)}",
            f"{n['p50'] / admin['p50']:.2f}" if admin else "",
            f"{target_ms(label)} ms {'met' if n['p95'] <= target_ms(label) else 'missed'}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def one_off(small: dict[str, Any], national: dict[str, Any]) -> str:
    lines = ["| one-off work | small | national |", "| --- | ---: | ---: |"]
    done = {o["label"]: o for o in small["one_off"]}
    for item in national["one_off"]:
        before = done.get(item["label"])
        lines.append(
            f"| {item['label']} | {before['seconds']:.1f} s | {item['seconds']:.1f} s |"
            if before
            else f"| {item['label']} | - | {item['seconds']:.1f} s |"
        )
    memory = national.get("worker_memory_mb") or []
    lines.append(f"| web worker memory after the run | {max(small.get('worker_memory_mb') or [0]):.0f} MB "
                 f"| {max(memory or [0]):.0f} MB |")  # fmt: skip
    lines.append(f"| the most a web worker reached during the run | {_peak(small)} | {_peak(national)} |")
    return "\n".join(lines)


def _peak(figures: dict[str, Any]) -> str:
    peak = figures.get("worker_memory_peak_mb")
    return f"{peak:.0f} MB" if peak else "not sampled"


def main() -> int:
    small = json.loads((RESULTS / "small.json").read_text())
    national = json.loads((RESULTS / "national.json").read_text())
    print(f"Taken {national['taken']} on {national['machine']}.\n")
    print(table(small, national))
    print()
    print(one_off(small, national))
    return 0


if __name__ == "__main__":
    sys.exit(main())
