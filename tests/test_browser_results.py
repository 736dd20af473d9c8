"""The results dashboard in a real browser: the teacher signs in, reads the heat map, picks a cue
with the keyboard, follows a discussion starter to its passage and saves a grade (CSRF on).
A screenshot (1366×768) is written to docs/screenshots/results-dashboard.png."""

from __future__ import annotations

import re

import pytest
from fixtures_web import TEACHER_PASSWORD

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[type=email]", email)
    page.fill("input[type=password]", TEACHER_PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def test_teacher_reads_the_heat_map_and_grades(results_class, live_server, browser_page, screenshot):
    from playwright.sync_api import expect

    page = browser_page
    sign_in(page, live_server, results_class.teacher.email)
    a = results_class.assignment
    page.goto(f"{live_server}/classes/{a.classroom_id}/assignments/{a.id}")
    page.get_by_role("link", name="Open the results dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Results: "))
    officials = page.locator('.column-heat .w[title="3 of 4"]')  # "officials said": Ada, Bea, Dov
    expect(officials).to_have_text(["officials", "said"])
    expect(officials.nth(1).locator("xpath=following-sibling::*[1]")).to_have_text("3")
    screenshot(page, "results-dashboard")

    page.locator("#cue-choice").focus()
    page.keyboard.press("End")  # the last cue of the list
    page.locator("#article form button[type=submit]").press("Enter")
    expect(page).to_have_url(re.compile(r"cue=anonymous-sourcing"))

    page.locator("#missed-heading + ol a").first.click()
    target = page.locator(".column-heat .w:target")
    expect(target).to_have_text("observers")
    expect(target).to_be_in_viewport()

    ada = results_class.submissions["Ada"]
    page.fill(f"#grade-{ada.id}", "91")
    page.locator(f"#student-{results_class.students['Ada'].id} .grade-form button").click()
    expect(page.locator(".flash")).to_contain_text("Grade for Ada saved.")
    expect(page.locator(f"#grade-{ada.id}")).to_have_value("91")
