from __future__ import annotations

import pytest

from tests.community.factories import OrganisationFactory
from tests.training.factories import ProgrammeFactory, ProviderFactory
from training.ladder import Level


@pytest.fixture
def academy(db):  # type: ignore[no-untyped-def]
    """A faculty with Bronze (foundation) and Silver (practitioner, makes a competent improver)."""
    provider = ProviderFactory(name="Safety and Quality Improvement Academy", short_name="Academy")
    ProgrammeFactory(provider=provider, name="Bronze", code="B", level=Level.FOUNDATION.value, hours=7)
    ProgrammeFactory(
        provider=provider, name="Silver", level=Level.PRACTITIONER.value, competent_improver=True, hours=24
    )
    return provider


@pytest.fixture
def ghft(db):  # type: ignore[no-untyped-def]
    return OrganisationFactory(name="Gloucestershire Hospitals NHS Foundation Trust", short_name="GHFT")


def csv_file(text: str, name: str = "academy.csv"):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.strip().encode() + b"\n", content_type="text/csv")


GOOD_CSV = """
Email,Full name,Organisation,Course,Status,Date completed
ann.lee@ghft.example.org,Ann Lee,GHFT,Bronze,Completed,12/03/2025
bo.khan@ghft.example.org,Bo Khan,GHFT,Bronze,Completed,2025-04-02
cy.ode@ghft.example.org,Cy Ode,GHFT,Silver,Booked,
"""
