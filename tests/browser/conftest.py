"""Chromium through Playwright against Django's live server, with an axe-core check.

One session-scoped Playwright and browser; a fresh context (cookies) per test.
axe-core is vendored in tests/browser/vendor (scripts/vendor-frontend) and evaluated
in the page, so the page keeps its real Content Security Policy.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserPage:
    """A Playwright page bound to the live server, failing on CSP violations."""

    def __init__(self, page, base_url, *, browser=None):
        self.page = page
        self.base_url = base_url
        # Set for pages without JavaScript, where axe cannot run in the page itself.
        self.browser = browser
        self.csp_violations = []
        page.on(
            "console",
            lambda message: (
                self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def __getattr__(self, name):
        return getattr(self.page, name)

    def visit(self, path):
        response = self.page.goto(self.base_url + path)
        return response

    def sign_in(self, email, password):
        self.visit("/account/sign-in/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_load_state()

    def assert_accessible(self):
        """No serious or critical axe-core violations, and no CSP violations.

        Without JavaScript, the same URL is checked in a JavaScript-enabled context
        with the same cookies (axe itself is JavaScript).
        """
        if self.browser is None:
            results = self._axe(self.page)
        else:
            context = self.browser.new_context(storage_state=self.page.context.storage_state())
            try:
                twin = context.new_page()
                twin.goto(self.page.url)
                results = self._axe(twin)
            finally:
                context.close()
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert not bad, f"axe-core on {self.page.url}:\n" + "\n".join(bad)
        assert not self.csp_violations, self.csp_violations

    @staticmethod
    def _axe(page):
        page.evaluate(AXE_SOURCE)
        return page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")

    def screenshot_to(self, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = BrowserPage(context.new_page(), live_server.url)
    yield page
    context.close()


@pytest.fixture
def browser_page_no_js(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = BrowserPage(context.new_page(), live_server.url, browser=browser)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _reference_places(reference_places):
    """Every browser test needs the councils, which transactional tests flush."""
