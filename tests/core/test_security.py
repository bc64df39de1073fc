from __future__ import annotations

import re

from django.urls import reverse


def test_pages_send_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("account_login"))

    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)  # type: ignore[union-attr]
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_page_carries_an_inline_script(member, client_for):
    client = client_for(member)
    for name in ("community:home", "community:profile", "community:landing", "account_change_password"):
        page = client.get(reverse(name)).content.decode()
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, flags=re.S)
        assert scripts, name
        for attributes, body in scripts:
            assert "src=" in attributes and not body.strip(), f"inline script on {name}"


def test_forms_are_protected_against_cross_site_requests(member, db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post(reverse("community:profile"), {"first_name": "X"})

    assert response.status_code == 403
