"""The builder in a real browser at 1366x768 with CSRF on: a teacher builds an exercise and a
lesson from the forms' labelled fields. ``teacher_builds_an_exercise`` is written to be reused by
the end-to-end browser test (upload, key, build, assign, a student completes it)."""

from __future__ import annotations

import re


def teacher_signs_up(page, base: str, email: str = "builder@example.org") -> None:
    """Sign up (the authoring steps' sign-up) and create the first class, "Period 5"."""
    from fixtures_authoring import teacher_signs_up as signs_up

    signs_up(page, base, email, "Ms Builder")
    page.fill("#name", "Period 5")
    page.get_by_role("button", name="Create the class").click()
    page.wait_for_url(re.compile(r"/classes/\d+$"))


def teacher_builds_an_exercise(page, base: str, article: str, cues: list[str], title: str,
                               mode: str = "graded", instructions: str = "Mark every cue you find.") -> None:
    """From the lesson library's builder link: fill in and save the exercise form."""
    page.goto(f"{base}/lessons/")
    page.get_by_role("link", name="Build your own exercises and lessons").click()
    page.get_by_role("link", name="New exercise").click()
    page.fill("#title", title)
    page.select_option("#article", article)
    for cue in cues:
        page.check(f"input[name=cues][value='{cue}']")
    page.check(f"input[name=mode][value='{mode}']")
    page.fill("#instructions", instructions)
    page.get_by_role("button", name="Save the exercise").click()
    page.wait_for_url(f"{base}/builder/")


def teacher_assigns_own_exercise(page, base: str, title: str) -> None:
    page.goto(f"{base}/builder/")
    page.get_by_role("link", name=f"Assign {title}").click()
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(re.compile(r"/classes/\d+$"))


def test_a_teacher_builds_an_exercise_and_a_lesson_in_the_browser(live_server, new_page, tmp_path):
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    teacher_signs_up(page, live_server)
    teacher_builds_an_exercise(page, live_server, "iraq-2021-001", ["scare-quotes", "anonymous-sourcing"],
                               "Doubt in quotation marks")
    assert page.get_by_role("cell", name="Doubt in quotation marks", exact=True).is_visible()
    teacher_assigns_own_exercise(page, live_server, "Doubt in quotation marks")
    assert "Assigned" in page.locator(".flashes").inner_text()

    page.goto(f"{live_server}/builder/lessons/new")
    page.screenshot(path=str(tmp_path / "lesson-form.png"), full_page=True)
    page.fill("#title", "Quotation marks that doubt")
    page.select_option("#grade_band", "9-12")
    page.fill("#objectives", "identify scare quotes\nexplain how they change trust")
    page.fill("#standards", "CCSS.ELA-LITERACY.RI.9-10.6 Point of view from word choice.")
    page.fill("#materials", "Printed article")
    for step, minutes in (("warm_up", "5"), ("mini_lesson", "10"), ("discussion", "10"), ("exit_ticket", "5")):
        page.fill(f"#{step}_minutes", minutes)
        page.fill(f"#{step}", f"The {step.replace('_', ' ')}.")
    page.select_option("#exercises-0-exercise", "doubt-in-quotation-marks")
    page.fill("#exercises-0-minutes", "20")
    page.fill("#exercises-0-activity", "Students label on their own.")
    page.fill("#notes", "## Expected answers\n\nThe key marks ‘combat’.")
    page.get_by_role("button", name="Save the lesson").click()
    page.wait_for_url(re.compile(r"/lessons/quotation-marks-that-doubt$"))
    page.goto(f"{live_server}/lessons/")
    assert page.locator(".badge", has_text="Yours").count() == 1
    page.screenshot(path=str(tmp_path / "library.png"))
    assert errors == []
