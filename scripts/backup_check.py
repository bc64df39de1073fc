"""The checks of scripts/backup-roundtrip.sh: make or drop the database to restore into, compare the rows of
every table in two databases, and render signed-in pages from the database in DATABASE_URL."""

from __future__ import annotations

import html
import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def _server_and_name(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def recreate(url: str, *, create: bool = True) -> None:
    server, name = _server_and_name(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {}
        for table in tables:
            row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
            counts[table] = row[0] if row else 0
        return counts


def compare(original: str, restored: str) -> int:
    before, after = row_counts(original), row_counts(restored)
    differing = {t: (before.get(t), after.get(t)) for t in sorted(set(before) | set(after))}
    differing = {t: pair for t, pair in differing.items() if pair[0] != pair[1]}
    print(
        f"{len(before)} tables, {sum(before.values())} rows in the original; {sum(after.values())} restored"
    )
    for table, (a, b) in differing.items():
        print(f"  {table}: {a} before, {b} after the restore")
    return 1 if differing or not sum(before.values()) else 0


def pages() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.test import Client

    from community.models import User
    from projects.models import Project

    admin = User.objects.filter(is_active=True, groups__name="Community admin").order_by("pk").first()
    project = Project.objects.filter(published_at__isnull=False).order_by("pk").first()
    if admin is None or project is None:
        print("the restored database has no community admin or no published project")
        return 1
    title = html.escape(project.title[:20])
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    failures = 0
    for url, expected in [("/projects/", title), (project.get_absolute_url(), title)]:
        response = client.get(url)
        ok = response.status_code == 200 and expected in response.content.decode()
        print(f"  {url}: {response.status_code}{'' if ok else ' (not as expected)'}")
        failures += not ok
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "recreate":
        recreate(args[0])
    elif command == "drop":
        recreate(args[0], create=False)
    elif command == "compare":
        return compare(args[0], args[1])
    elif command == "page":
        return pages()
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
