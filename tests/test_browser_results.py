"""The results dashboard in a real browser: the teacher signs in, reads the heat map, picks a cue
with the keyboard, follows a discussion starter to its passage and saves a grade (CSRF on).
A screenshot (1366×768) is written to docs/screenshots/results-dashboard.png."""

from __future__ import annotations

import re

import pytest
from fixtures_browser import sign_in_teacher as sign_in

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


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


# ---- downloads ----------------------------------------------------------------------------------

NAMES = ["Ada", "Bea", "Cal", "Dov", "Eve", "Fay", "Gus"]


def download(page, link, tmp_path):
    """Click a download button and return the saved file's name and bytes."""
    with page.expect_download(timeout=30_000) as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return info.value.suggested_filename, saved.read_bytes()


def csv_rows(data: bytes) -> list[list[str]]:
    import csv
    import io

    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark spreadsheets look for
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_sheets(data: bytes) -> dict[str, list[tuple]]:
    import io

    from openpyxl import load_workbook

    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in load_workbook(io.BytesIO(data))}


def check_file(name: str, data: bytes, deidentified: bool, assignment_id: int) -> None:
    """Each file parses and has the rows of the class: 7 students; 11 labels (Ada 3, Bea 3, Cal 2,
    Dov 2, Eve 1); names only when not de-identified."""
    import json

    text = data.decode("utf-8-sig", errors="replace")
    if name.endswith(".json"):
        archive = json.loads(data)
        assert len(archive["students"]) == 7 and archive["deidentified"] is deidentified
        assert [len(a["submissions"]) for a in archive["assignments"]] == [5]
        assert sum(len(s["labels"]) for s in archive["assignments"][0]["submissions"]) == 11
    elif name.endswith(".xlsx"):
        sheets = xlsx_sheets(data)
        assert [len(rows) for rows in sheets.values()] == [8, 12]  # a header each
        assert list(sheets) == [f"Gradebook {assignment_id}", "Labels"]
        text = " ".join(str(c) for rows in sheets.values() for r in rows for c in r)
    elif "gradebook" in name:
        rows = csv_rows(data)
        assert len(rows) == 8 and rows[0][-1] == "Teacher grade"
        if not deidentified:
            assert [r[0] for r in rows[1:]] == NAMES
    else:
        rows = csv_rows(data)
        assert len(rows) == 12 and rows[0][-1] == "Match status"
    assert ("Ada" in text) is not deidentified and ("Student-" in text) is deidentified


def test_teacher_downloads_every_export(results_class, live_server, browser_page, tmp_path):
    from playwright.sync_api import expect

    page = browser_page
    sign_in(page, live_server, results_class.teacher.email)
    page.goto(f"{live_server}/results/{results_class.assignment.id}")
    # the heat map: "observers described" was labelled by Ada alone, ‘combat’ by Ada and Bea
    expect(page.locator('.column-heat .w[title="1 of 4"]').first).to_have_text("observers")
    expect(page.locator('.column-heat .w[title="2 of 4"]').first).to_have_text("combat")
    page.get_by_role("link", name="Downloads").click()
    buttons = page.locator("#downloads a.download")
    expect(buttons).to_have_count(12)
    seen = set()
    for n in range(12):
        # a fresh tab for each (same sign-in): Chromium holds back a tab's "multiple automatic
        # downloads" after a few, which made one tab for all twelve flaky
        tab = page.context.new_page()
        tab.goto(f"{live_server}/results/{results_class.assignment.id}#downloads")
        button = tab.locator("#downloads a.download").nth(n)
        deidentified = "de-identified" in button.inner_text() or "de-identified" in (button.text_content() or "")
        name, data = download(tab, button, tmp_path)
        tab.close()
        assert name.endswith("-deidentified" + name[name.rindex("."):]) is deidentified
        check_file(name, data, deidentified, results_class.assignment.id)
        seen.add(name)
    assert len(seen) == 12  # every button gives its own file


def test_teacher_reads_the_cues_over_time(results_class, live_server, browser_page, screenshot):
    from playwright.sync_api import expect

    page = browser_page
    sign_in(page, live_server, results_class.teacher.email)
    page.goto(f"{live_server}/results/{results_class.assignment.id}")
    page.get_by_role("link", name="Cues over time (every assignment of the class)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Cues over time: "))
    # one assignment: scare quotes 50% mean F1 (Ada, Bea found it), anonymous sourcing 60%
    expect(page.locator(".cue-summary")).to_contain_text(re.compile(
        r"Scare quotes 50% mean F1, from \d+ of \d+ students; Anonymous sourcing 60% mean F1, from \d+ of \d+ students"))
    expect(page.locator(".chart-key").first).to_contain_text("Practice: hollow round marks")
    chart = page.get_by_role("img", name=re.compile("^Scare quotes: the class's F1 and recall"))
    expect(chart).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no sideways scrolling
    screenshot(page, "results-cues-over-time", full_page=True)


def test_teacher_deletes_the_class_after_typing_its_name(results_class, live_server, browser_page, screenshot):
    from playwright.sync_api import expect

    page = browser_page
    sign_in(page, live_server, results_class.teacher.email)
    page.goto(f"{live_server}/classes/{results_class.classroom.id}")
    page.get_by_role("link", name="Delete this class…").click()
    expect(page.locator(".footprint")).to_contain_text("7 students (names and PINs)")
    expect(page.locator(".footprint")).to_contain_text("5 submissions")
    screenshot(page, "classes-delete-confirmation")
    field = page.get_by_label("Type the class name to confirm")
    field.fill("Period")
    field.press("Enter")
    expect(page.locator(".error")).to_contain_text("That is not the class name: nothing was deleted.")
    page.get_by_label("Type the class name to confirm").fill("Period 3")
    page.get_by_role("button", name="Delete the class and all its work").press("Enter")
    expect(page.locator(".flash")).to_contain_text("The class Period 3 and all its work were deleted.")
