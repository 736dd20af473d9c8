"""The assignment edit page in a real browser (CSRF on), and teacher pages on a 390x844 phone:
wide tables become cards, so nothing scrolls sideways. Screenshots of the dashboard and the edit
page at 1366x768 and 390x844 (into docs/screenshots/ with FRAMELAB_SCREENSHOTS=1)."""

from __future__ import annotations

import re

import pytest
from fixtures_browser import sign_in_teacher as sign_in

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def test_the_teacher_changes_the_due_date(results_class, db_session, live_server, browser_page, screenshot):
    from playwright.sync_api import expect

    page, a = browser_page, results_class.assignment
    results_class.teacher.time_zone = "America/Chicago"
    db_session.commit()
    sign_in(page, live_server, results_class.teacher.email)
    page.goto(f"{live_server}/classes/{a.classroom_id}/assignments/{a.id}")
    page.get_by_role("link", name="Change the assignment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Change "))
    screenshot(page, "assignment-edit")
    page.fill("#due_at", "2031-03-10T23:59")
    page.get_by_role("button", name="Save the due date").click()
    expect(page.locator(".flash")).to_contain_text("Due date saved.")
    expect(page.locator("dl.facts")).to_contain_text("Mon 10 Mar 2031, 23:59 CDT")
    db_session.expire_all()
    db_session.refresh(a)
    assert a.due_at.strftime("%Y-%m-%d %H:%M") == "2031-03-11 04:59"


def test_teacher_pages_do_not_scroll_sideways_on_a_phone(results_class, live_server, new_page, screenshot):
    page, a = new_page(**PHONE), results_class.assignment
    sign_in(page, live_server, results_class.teacher.email)
    for name, path in [("class", f"/classes/{a.classroom_id}"),
                       ("status", f"/classes/{a.classroom_id}/assignments/{a.id}"),
                       ("assignment-edit-phone", f"/classes/{a.classroom_id}/assignments/{a.id}/edit"),
                       ("results-dashboard-phone", f"/results/{a.id}")]:
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        if name.endswith("-phone"):
            screenshot(page, name)


def test_the_dashboard_at_1366(results_class, live_server, browser_page, screenshot):
    page, a = browser_page, results_class.assignment
    sign_in(page, live_server, results_class.teacher.email)
    page.goto(f"{live_server}/results/{a.id}")
    page.locator("#completion").scroll_into_view_if_needed()
    screenshot(page, "results-dashboard-scores")
