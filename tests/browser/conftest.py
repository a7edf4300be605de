"""Headless Debian Chromium through Playwright, and axe on every page visited."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class AxeChecker:
    """Runs axe after each page load and remembers every violation.

    axe is a script, so it runs only where JavaScript is on. With JavaScript
    off the journey still checks each page it visits carries no script at all:
    the DOM axe saw in the JavaScript run is then the DOM this run gets.
    """

    def __init__(self) -> None:
        self.axe = Axe()
        self.pages: list[str] = []
        self.violations: list[str] = []

    def check(self, page) -> None:
        page.wait_for_load_state("load")
        self.pages.append(page.url)
        # Every data table says what it holds (WCAG 1.3.1), with JavaScript or without.
        uncaptioned = page.locator("table:not(:has(> caption))").count()
        if uncaptioned:
            self.violations.append(f"{page.url}: {uncaptioned} table(s) without a caption")
        if not page.context.javascript_enabled:
            scripts = page.locator("script:not([type='application/json'])").count()
            if scripts:
                self.violations.append(f"{page.url}: {scripts} script(s) on a no-JS page")
            return
        results = self.axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            self.violations.append(f"{page.url}:\n{results.generate_report()}")


@pytest.fixture
def axe():
    checker = AxeChecker()
    yield checker
    assert checker.pages, "axe checked no page"
    assert checker.violations == [], "\n\n".join(checker.violations)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def page(request, browser):
    context = browser.new_context(java_script_enabled=request.param, locale="nl-NL")
    context.javascript_enabled = request.param
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, live_server, email, *, code_at: float | None = None) -> None:
    """Sign in through the real pages; with `code_at`, type a TOTP code that far from
    now (`time.time()`: the current code, `time.time() + 30`: the next one)."""
    from tests.factories import PASSWORD, TOTP_SECRET, totp_code

    # The code is read when it is typed, as from an app: one read before a slow sign-in
    # can belong to a 30-second window that has passed (allauth allows no other window).
    offset = None if code_at is None else code_at - time.time()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    if offset is not None:
        left = 30 - time.time() % 30
        if left < 5:  # about to change: wait for the next code, as a person would
            time.sleep(left + 0.1)
        page.get_by_label("Code").fill(totp_code(TOTP_SECRET, at=time.time() + offset))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("load")
