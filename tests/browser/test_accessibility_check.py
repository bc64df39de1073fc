"""The accessibility check itself: it must fail on a serious problem, or it proves nothing."""

from __future__ import annotations

import pytest


def test_the_check_fails_on_a_serious_problem(ui):
    ui.goto("/")
    ui.page.set_content("<html lang='en'><title>x</title><body><main><img src='a.png'></main></body></html>")

    with pytest.raises(AssertionError, match="image-alt"):
        ui.audit()
    ui.goto("/")  # leave on a good page for the end-of-test check


def test_the_public_pages_pass_the_check(ui):
    for path in (
        "/",
        "/accessibility/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
    ):
        response = ui.goto(path)
        assert response.status == 200
    assert len(ui.audited_urls) == 6
