"""`python -m devservices start|stop|status|env`: manage the embedded servers by hand."""

from __future__ import annotations

import sys

from devservices import ensure_running, status, stop


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command in ("start", "env"):
        urls = ensure_running()
        print(f"DATABASE_URL={urls.database_url}")
        print(f"REDIS_URL={urls.redis_url}")
    elif command == "stop":
        stop()
        print("Embedded PostgreSQL and Redis stopped.")
    elif command == "status":
        for name, up in status().items():
            print(f"{name}: {'running' if up else 'stopped'}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
