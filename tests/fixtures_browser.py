"""Browser fixtures: the app served by werkzeug in a thread on a free loopback port, against a
fresh database from the web fixtures, and Debian's headless Chromium driven by Playwright.

Without a browser the browser tests are skipped with the reason, except under CI (the ``CI``
environment variable set), where they fail: a CI run must never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from fixtures_a11y import AccessibilityWatcher

CHROMIUM = os.environ.get("FRAMELAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1366, "height": 768}
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
# axe-core, installed by `make test` from package.json (npm): the browser tests check every page they
# load with it. It is injected by the tests only; FrameLab never serves it.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set FRAMELAB_CHROMIUM)"
    if not AXE.exists():
        return f"axe-core not found at {AXE} (npm ci, which make test runs)"
    return None


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole run."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(database_uri):
    """The app as a browser meets it: CSRF on, no fixed server name; same database as ``app``."""
    from webapp.app import create_app

    return create_app({
        "SECRET_KEY": "browser-test-secret", "SQLALCHEMY_DATABASE_URI": database_uri,
        "WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": False, "TESTING": False,
    })


@pytest.fixture
def live_server(live_app):
    """The base URL of the app served on a free loopback port for the duration of one test."""
    from werkzeug.serving import make_server

    from webapp.extensions import db

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture
def accessibility():
    """Every page a browser test loads is checked by axe-core; at the end of the test, any
    violation of serious or critical impact fails it (see fixtures_a11y)."""
    watcher = AccessibilityWatcher(AXE.read_text(encoding="utf-8"))
    yield watcher
    watcher.assert_clean()


def _context(chromium, accessibility: AccessibilityWatcher, **options):
    context = chromium.new_context(**{"viewport": VIEWPORT, **options})
    context.set_default_timeout(10_000)
    accessibility.watch(context)
    return context


@pytest.fixture
def browser_page(chromium, accessibility):
    """A fresh browser context (no cookies, no localStorage) at 1366×768, and its page."""
    context = _context(chromium, accessibility)
    page = context.new_page()
    yield page
    accessibility.check_open_pages(context)
    context.close()


@pytest.fixture
def new_page(chromium, accessibility):
    """More pages, each in its own context (a teacher and a student side by side); keyword
    arguments go to the context (``viewport=..., has_touch=True, is_mobile=True`` for a phone)."""
    contexts = []

    def make(**options):
        context = _context(chromium, accessibility, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        accessibility.check_open_pages(context)
        context.close()


@pytest.fixture
def screenshot(tmp_path):
    """screenshot(page, name): save a PNG of the viewport. Into docs/screenshots/ only when
    FRAMELAB_SCREENSHOTS=1 (renewing the documentation's pictures is a decision, not a side effect
    of every test run); else into the test's temporary folder."""
    folder = SCREENSHOTS if os.environ.get("FRAMELAB_SCREENSHOTS") == "1" else tmp_path

    def take(page, name: str, full_page: bool = False) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_in_teacher(page, base: str, email: str) -> None:
    """Sign a teacher made by the web fixtures in through the real sign-in form."""
    from fixtures_web import TEACHER_PASSWORD

    page.goto(f"{base}/login")
    page.fill("input[type=email]", email)
    page.fill("input[type=password]", TEACHER_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
