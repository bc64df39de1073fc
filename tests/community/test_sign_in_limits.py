"""Sign-in under attack: failures counted per client address and per account in the shared cache (Redis),
the real person let in by a code sent to their email, and sign-in still working when Redis is down."""

from __future__ import annotations

import re

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from config.settings.base import ACCOUNT_RATE_LIMITS as BASE_LIMITS
from core.cache import redis_cache
from tests.community.factories import UserFactory, verified

PASSWORD = "a-good-password-123"
LIMITS = BASE_LIMITS  # the configured limits (the rest of the suite runs without them)


@pytest.fixture
def limits(db):  # type: ignore[no-untyped-def]
    cache.clear()
    with override_settings(ACCOUNT_RATE_LIMITS=LIMITS):
        yield
    cache.clear()


def _sign_in(email: str, password: str, address: str) -> tuple[Client, int, str]:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return client, response.status_code, response.content.decode()


def test_the_configured_limits_count_per_address_and_per_account():
    assert LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    assert settings.CACHES["default"]["BACKEND"] == "core.cache.ResilientRedisCache"


def test_an_attacked_account_refuses_passwords_but_its_person_signs_in_by_code(limits, mailoutbox):
    user = verified(UserFactory(email="nurse@riverside.example"))
    for i in range(5):  # from five different addresses: the per-account count still adds up
        _, status, _ = _sign_in(user.email, f"guess-{i}", f"203.0.113.{i + 1}")
        assert status == 200

    _, status, page = _sign_in(user.email, PASSWORD, "198.51.100.7")

    assert status == 200  # even the right password is refused for now
    assert "too many failed attempts" in page and "code sent to your email" in page
    assert reverse("account_request_login_code") in page

    client = Client(REMOTE_ADDR="198.51.100.7")
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302, response.content.decode()
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mailoutbox[-1].body, re.MULTILINE)
    assert code, mailoutbox[-1].body
    response = client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    assert response.status_code == 302
    assert client.get(reverse("community:home")).context["request"].user == user


def test_one_address_guessing_many_accounts_is_stopped_but_others_are_not(limits):
    people = [verified(UserFactory(email=f"person{i}@riverside.example")) for i in range(11)]
    for person in people[:10]:
        _sign_in(person.email, "guess", "203.0.113.9")

    _, _, page = _sign_in(people[10].email, PASSWORD, "203.0.113.9")
    assert "too many" in page.lower()
    _, status, _ = _sign_in(people[10].email, PASSWORD, "198.51.100.20")
    assert status == 302


def test_the_counts_are_in_redis_where_every_web_process_reads_them(limits):
    user = verified(UserFactory(email="nurse@riverside.example"))
    _sign_in(user.email, "guess", "203.0.113.1")

    # A connection of its own, as another gunicorn worker would have.
    other_process = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    keys = [k.decode() for k in other_process.scan_iter("test:*")]
    assert any("login_failed" in k for k in keys), keys


def test_sign_in_still_works_when_redis_is_down(db):
    user = verified(UserFactory(email="nurse@riverside.example"))
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:1/0"), ACCOUNT_RATE_LIMITS=LIMITS):
        client, status, _ = _sign_in(user.email, PASSWORD, "203.0.113.1")
        assert status == 302
        assert client.get(reverse("community:home")).status_code == 200
