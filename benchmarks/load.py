"""The scale benchmark's load driver: a separate process that plays many signed-in people at once.

Reads a plan as JSON on stdin (server address, concurrency levels, requests per endpoint, endpoints with their
session cookie), sends each endpoint's requests from that many threads at once, and writes the figures as
JSON on stdout. It imports nothing from the portal: it is a browser crowd, not a test client.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

TIMEOUT = 120


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def _get(host: str, port: int, path: str, cookie: str) -> tuple[int, float, int, int | None]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Accept": "*/*", "Host": host})
        response = connection.getresponse()
        body = response.read()
        queries = response.getheader("X-Query-Count")
        return (
            response.status,
            (time.perf_counter() - started) * 1000,
            len(body),
            int(queries) if queries else None,
        )
    finally:
        connection.close()


def run_endpoint(
    base: str, endpoint: dict[str, Any], clients: int, requests: int, cap: float
) -> dict[str, Any]:
    """`requests` GETs of one path from `clients` threads at once (fewer if `cap` seconds run out)."""
    address = urlsplit(base)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    results: list[tuple[int, float, int, int | None]] = []
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + cap

    def client() -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= requests or time.monotonic() > deadline:
                    return
                issued += 1
            try:
                outcome = _get(host, port, endpoint["path"], endpoint["cookie"])
            except OSError:
                outcome = (0, TIMEOUT * 1000.0, 0, None)
            with lock:
                results.append(outcome)

    # Warm every worker and thread first (compiled templates, caches), as a running server would be.
    warmers = [
        threading.Thread(target=_get, args=(host, port, endpoint["path"], endpoint["cookie"]))
        for _ in range(min(clients, 8))
    ]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies = [r[1] for r in results]
    queries = [r[3] for r in results if r[3] is not None]
    statuses = sorted({r[0] for r in results})
    return {
        "label": endpoint["label"],
        "path": endpoint["path"],
        "clients": clients,
        "requests": len(results),
        "statuses": statuses,
        "errors": sum(1 for r in results if r[0] >= 400 or r[0] == 0),
        "rps": len(results) / wall if wall else 0.0,
        "p50": statistics.median(latencies),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "queries": statistics.mean(queries) if queries else None,
        "kb": statistics.mean(r[2] for r in results) / 1024,
    }


def main() -> int:
    plan = json.load(sys.stdin)
    figures = []
    for clients in plan["levels"]:
        for endpoint in plan["endpoints"]:
            figure = run_endpoint(plan["base"], endpoint, clients, plan["requests"], plan["cap_seconds"])
            figures.append(figure)
            print(
                f"  {clients:>2} clients  {figure['label']:<36} p95 {figure['p95']:>8.0f} ms",
                file=sys.stderr,
                flush=True,
            )
    json.dump(figures, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
