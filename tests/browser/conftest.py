"""Playwright journeys in Debian's Chromium, with an axe-core accessibility check on every page visited.

Use the `ui` fixture: `ui.goto(path)`, `ui.click(...)`, `ui.submit(...)` run axe on each page they reach
and fail on any serious or critical violation; so does the end of the test for the last page. A test that
walks through several pages with raw Playwright calls and no `ui.audit()` fails, naming the count.
Content Security Policy violations reported by the browser fail the test too.

Browser tests are skipped, with the reason, when /usr/bin/chromium is missing, except under CI=true where
they must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FAILING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"No Chromium at {CHROMIUM}: install it (apt-get install chromium) to run the browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; under CI=true browser tests must run")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class UI:
    """A page with an accessibility check after every navigation."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.loads = 0
        self.audited = 0
        self.audited_urls: list[str] = []
        self.csp_violations: list[str] = []
        page.on("load", self._on_load)
        page.on("console", self._on_console)

    def _on_load(self, _page: Any) -> None:
        self.loads += 1

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.url(path))
        self.audit()
        return response

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self.page.wait_for_load_state()
        self.audit()

    def fill(self, fields: dict[str, str]) -> None:
        for selector, value in fields.items():
            self.page.fill(selector, value)

    def submit(self, button_text: str) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button_text, exact=True).click()
        self.audit()

    def sign_in(self, email: str, password: str) -> None:
        self.goto("/accounts/login/")
        self.fill({"#id_login": email, "#id_password": password})
        self.submit("Sign in")

    def audit(self) -> None:
        """Run axe-core on the current page, once per page load; fail on serious or critical problems."""
        if self.audited == self.loads:
            return
        if not self.page.evaluate("() => typeof axe !== 'undefined'"):  # a page the init script missed
            self.page.evaluate(AXE_SOURCE.read_text())
        results = self.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        self.audited = self.loads
        self.audited_urls.append(self.page.url)
        failing = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
        if failing:
            details = "\n".join(
                f"- {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in failing
            )
            raise AssertionError(f"Accessibility problems on {self.page.url}:\n{details}")

    def text(self, selector: str = "main") -> str:
        return str(self.page.inner_text(selector))


@pytest.fixture
def ui(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[UI]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # axe-core is put in every page as it loads, rather than sent through the driver after each load.
    context.add_init_script(path=str(AXE_SOURCE))
    page = context.new_page()
    helper = UI(page, live_server.url)
    yield helper
    unchecked = helper.loads - helper.audited
    try:
        assert unchecked <= 1, (
            f"{unchecked} pages were visited without an accessibility check (use ui.audit())"
        )
        helper.audit()
        assert helper.csp_violations == [], f"Content Security Policy violations: {helper.csp_violations}"
    finally:
        context.close()
