"""Does the portal keep answering while slow clients trickle large uploads? (loopback only, bounded)

Opens CLIENTS connections that each declare a large body and send one byte a second, and meanwhile asks
for /healthz twice a second. Prints how many of those normal requests answered and their latencies;
exits 1 when any took longer than --patience seconds or failed.

    python scripts/slow_clients.py http://127.0.0.1:8080 --clients 16 --seconds 20
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
import urllib.request
from urllib.parse import urlsplit


def trickle(host: str, port: int, stop: threading.Event) -> None:
    try:
        sock = socket.create_connection((host, port), timeout=5)
    except OSError:
        return
    try:
        sock.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\n"
        )
        while not stop.is_set():
            sock.sendall(b"a")
            stop.wait(1.0)
    except OSError:
        pass  # the server (or the proxy) gave up on this client: that is what it should do
    finally:
        sock.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--patience", type=float, default=3.0)
    args = parser.parse_args()
    parts = urlsplit(args.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if not host.startswith("127.") and host not in ("localhost", "::1"):
        parser.error("only loopback addresses")

    stop = threading.Event()
    slow = [
        threading.Thread(target=trickle, args=(host, port, stop), daemon=True) for _ in range(args.clients)
    ]
    for thread in slow:
        thread.start()
    time.sleep(1.0)  # let every slow client take whatever it can take
    latencies: list[float] = []
    failures = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{args.url}/healthz", timeout=args.patience) as response:
                response.read()
            latencies.append(time.monotonic() - started)
        except Exception:
            failures += 1
        time.sleep(0.5)
    stop.set()
    answered = len(latencies)
    worst = max(latencies, default=0.0)
    median = statistics.median(latencies) if latencies else 0.0
    print(
        f"{args.clients} slow clients for {args.seconds:.0f} s: {answered} of {answered + failures} normal "
        f"requests answered, median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms"
    )
    return 0 if failures == 0 and worst <= args.patience else 1


if __name__ == "__main__":
    sys.exit(main())
