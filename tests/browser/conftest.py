"""Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so the browser is
/usr/bin/chromium (Debian's package, installed by .ci/run). Without it the browser
tests are skipped on a developer's machine and fail in CI.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

# The live server runs in a thread next to Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing(message: str) -> None:
    """Skip on a developer's machine, fail in CI: CI installs everything."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        _missing("axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text()


@pytest.fixture
def axe(page, axe_source):
    """Run axe-core on the current page; return its serious and critical violations."""

    def check() -> list[str]:
        # Evaluated through the DevTools protocol, so the page's CSP stays as it is.
        page.evaluate(axe_source)
        violations = page.evaluate("async () => (await axe.run(document)).violations")
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]

    return check


def tab_stops(page, count: int) -> list[str]:
    """Press Tab `count` times and return the ids (or button text) focused, in order."""
    stops: list[str] = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            "document.activeElement.id || document.activeElement.textContent.trim()"
        )
        if not stops or stops[-1] != stop:  # a date-time input has several stops
            stops.append(stop)
    return stops
