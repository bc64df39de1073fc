"""The project register's pages for `make bench` (see benchmarks/pages.py)."""

from __future__ import annotations

from collections.abc import Callable

Page = tuple[str, str | Callable[[], str], str | None]
STAFF = "staff@ghft.example.org"


def _project(title: str = "Frailty virtual ward") -> str:
    from projects.models import Project

    return f"/projects/{Project.objects.get(title=title).pk}/"


PROJECT_PAGES: list[Page] = [
    ("projects browse", "/projects/", STAFF),
    ("projects search 'frail'", "/projects/?q=frail", STAFF),
    ("projects filtered + search", "/projects/?q=ward&status=testing&status=implementing&sort=score", STAFF),
    ("projects export CSV", "/projects/?export=csv", STAFF),
    ("project page", _project, STAFF),
    ("project story", lambda: _project() + "story/", STAFF),
    ("projects showcase", "/projects/showcase/", STAFF),
    ("API projects list", "/api/v1/projects/", STAFF),
    ("API projects search", "/api/v1/projects/?q=frail", STAFF),
]
