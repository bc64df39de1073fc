"""Nothing a page needs comes from another host: not the pages, not the vendored styles, not the CSP."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
REMOTE = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)


def test_the_vendored_stylesheets_load_nothing_from_another_host():
    sheets = sorted((ROOT / "static").rglob("*.css"))
    assert sheets, "no stylesheets found under static/"
    offenders = [str(p.relative_to(ROOT)) for p in sheets if REMOTE.search(p.read_text(errors="ignore"))]
    assert offenders == []


def test_the_content_security_policy_allows_fonts_only_from_the_portal():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["font-src"] == ["'self'"]


def test_a_signed_in_page_references_no_other_host(member, client_for):
    html = client_for(member).get("/projects/").content.decode()
    sources = re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', html)
    assert [s for s in sources if "testserver" not in s] == []
    assert "assets.nhs.uk" not in html
