"""Which email domains may sign up: the configured list plus every active partner organisation's domains."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from community.models import Organisation


def domain_of(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


def is_allowed(domain: str, configured: Iterable[str], organisation_domains: Iterable[str]) -> bool:
    """A domain is allowed when it, or a parent domain, is listed (“nhs.net” allows “x.nhs.net” too)."""
    domain = domain.lower().strip(".")
    allowed = {d.lower().strip(".") for d in [*configured, *organisation_domains] if d}
    return any(domain == d or domain.endswith("." + d) for d in allowed)


def organisation_domains() -> list[str]:
    return [
        d
        for domains in Organisation.objects.filter(is_active=True).values_list("email_domains", flat=True)
        for d in domains
    ]


def allowed_for_signup(email: str) -> bool:
    return is_allowed(domain_of(email), settings.SIGNUP_EMAIL_DOMAINS, organisation_domains())


def organisation_for(email: str) -> Organisation | None:
    """The partner whose domain the address is on, when exactly one partner claims it."""
    domain = domain_of(email)
    matches = [
        o for o in Organisation.objects.filter(is_active=True) if is_allowed(domain, [], o.email_domains)
    ]
    return matches[0] if len(matches) == 1 else None
