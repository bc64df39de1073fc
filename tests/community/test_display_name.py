"""A person's display name: the full name, else the email; the same from an object or from values."""

from __future__ import annotations

import pytest

from community.models import User


@pytest.mark.parametrize(
    ("first", "last", "email", "shown"),
    [
        ("Asha", "Patel", "asha@nhs.example", "Asha Patel"),
        ("Asha", "", "asha@nhs.example", "Asha"),
        ("", "Patel", "patel@nhs.example", "Patel"),
        ("", "", "nobody@nhs.example", "nobody@nhs.example"),
        ("  ", " ", "blank@nhs.example", "blank@nhs.example"),
    ],
)
def test_the_display_name_is_the_full_name_else_the_email(first, last, email, shown):  # type: ignore[no-untyped-def]
    person = User(first_name=first, last_name=last, email=email)

    assert person.display_name == shown == User.name_from(first, last, email)
    assert person.display_name == (person.get_full_name() or email)  # Django's own full name
