"""The strict Content-Security-Policy in a real browser: Chromium opens every page a teacher and a
student can reach and reports no CSP violation (a blocked inline script or style, or a load from
another origin), including while the exercise page's script runs and saves a label.
"""

from __future__ import annotations

import pytest
from fixtures_attacks import get_pages
from fixtures_web import TEACHER_PASSWORD

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

# Runs before any script of the page (Playwright injects it), so it sees every violation.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__csp.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched_page(browser_page):
    """The browser page, recording CSP violations and the console's "Refused to ..." messages."""
    refused: list[str] = []
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.on("console", lambda message: refused.append(message.text) if "Refused to" in message.text else None)
    browser_page.refused = refused
    return browser_page


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []") + page.refused


# Files the browser downloads instead of showing: no page to check.
DOWNLOADS = ("static", "results.download_assignment", "results.download_class", "builder.export_lesson")


def _visit_all(page, base: str, urls: list[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        page.refused.clear()
        page.goto(base + url, wait_until="load")
        if problems := violations(page):
            found[url] = problems
    return found


def test_no_page_of_a_teacher_violates_the_policy(live_app, live_server, watched_page, world, lesson, story_id,
                                                 authored):
    page = watched_page
    page.goto(f"{live_server}/login")
    page.fill("#email", world.mine.teacher.email)
    page.fill("#password", TEACHER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/classes/")
    urls = [url for endpoint, url in get_pages(live_app, world, lesson, story_id, "teacher", authored)
            if endpoint not in DOWNLOADS]
    assert _visit_all(page, live_server, urls) == {}


def test_no_page_of_a_student_violates_the_policy(live_app, live_server, watched_page, world, lesson, story_id,
                                                 authored):
    page = watched_page
    page.goto(f"{live_server}/join")
    page.fill("#join_code", world.mine.classroom.join_code)
    page.fill("#display_name", world.mine.student.display_name)
    page.fill("#pin", "1234")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/work/")
    urls = [url for endpoint, url in get_pages(live_app, world, lesson, story_id, "student", authored)
            if endpoint not in DOWNLOADS]
    assert _visit_all(page, live_server, urls) == {}


def test_the_exercise_page_runs_and_saves_without_a_violation(live_server, watched_page, world):
    from playwright.sync_api import expect

    page = watched_page
    page.goto(f"{live_server}/join")
    page.fill("#join_code", world.mine.classroom.join_code)
    page.fill("#display_name", world.mine.other_student.display_name)
    page.fill("#pin", "1234")
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server}/work/{world.mine.practice.id}")
    page.wait_for_selector("#article-text.ready")
    word = page.locator('#article-text .w[data-s="56"]')
    word.click()
    page.keyboard.press("1")  # the first cue of the palette, as in the keyboard help
    expect(page.locator("#label-list .label-item")).to_have_count(1)
    expect(page.locator("#save-state .save-text")).to_have_text("All changes saved", timeout=10_000)
    assert violations(page) == []


def test_the_recorder_sees_a_violation(live_server, watched_page):
    """The control: an inline handler slipped into a page is blocked and reported."""
    page = watched_page
    page.goto(f"{live_server}/login")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=/no-such-image alt=x onerror=alert(1)>')")
    page.wait_for_function("window.__csp.length > 0", timeout=5_000)
    assert any("script-src" in v for v in violations(page))
