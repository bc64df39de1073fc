"""@mentions: the start of a work email, found in plain text."""

from __future__ import annotations

import pytest

from together.mentions import handles


@pytest.mark.parametrize(
    "text, found",
    [
        ("Thanks @jo.bloggs, and @Sam-Smith too", ["jo.bloggs", "sam-smith"]),
        ("Ask @jo.bloggs.", ["jo.bloggs"]),  # the full stop ends the sentence, not the handle
        ("@jo.bloggs @JO.BLOGGS", ["jo.bloggs"]),
        ("Write to jo.bloggs@nhs.net", []),  # an email address is not a mention
        ("a@b and @ alone", []),
        ("(@ali_k)", ["ali_k"]),
    ],
)
def test_handles_are_found_once_each_in_order(text, found):
    assert handles(text) == found
