"""The classroom in a real browser: a teacher sets up a class and assigns a lesson; a student
joins, labels with the mouse and with the keyboard only, reloads, submits and reads the feedback.
Also: a label made while the server is unreachable is saved when it comes back.

Screenshots of the exercise page (1366×768) are written to docs/screenshots/ (with FRAMELAB_SCREENSHOTS=1);
the feedback page's are taken by test_browser_feedback.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from webapp.models import Article, Exercise

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

LESSON = "you-versus-the-machine"
EXERCISE = "machine-cannery-paper"  # graded, on cannery-closing-2
GUT_PUNCH = (569, 578)  # loaded-language in the key
EMPLOYEES_SAID = (1595, 1622)  # anonymous-sourcing in the key
MODEST_CUSHION = (2972, 2988)  # dismissive-framing in the key
ANCHORED = (221, 249)  # "has anchored this river town", not in the key
SAVED = "All changes saved"


def give_the_classifier_a_say(db_session) -> None:
    """Before a model is trained (or when it finds none of the exercise's cues) the stored analysis
    has no predictions to show; give the article three, as a model would, so that the classifier's
    column has something to show."""
    article = db_session.get(Article, "cannery-closing-2")
    in_play = set(db_session.get(Exercise, EXERCISE).cues)
    if not any(c["cue"] in in_play for c in article.analysis.get("cues") or []):
        text = article.text
        article.analysis = {**article.analysis, "cues": [
            {"cue": "loaded-language", "start": 569, "end": 578, "text": text[569:578], "score": 0.81},
            {"cue": "speculation", "start": 3620, "end": 3685, "text": text[3620:3685], "score": 0.77},
            {"cue": "loaded-language", "start": 8, "end": 13, "text": text[8:13], "score": 0.52}]}
        db_session.commit()


def token(page, start: int):
    return page.locator(f'#article-text .w[data-s="{start}"]')


def token_ending(page, end: int):
    return page.locator(f'#article-text .w[data-e="{end}"]')


def drag_select(page, start: int, end: int, scroll: bool = True) -> None:
    """Press the mouse inside the first word and release it inside the last one (not on its edges:
    the page must snap the selection to whole words)."""
    first, last = token(page, start), token_ending(page, end)
    if scroll:  # to the middle: dragging near an edge would scroll the page and stretch the selection
        first.evaluate("element => element.scrollIntoView({block: 'center'})")
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + a["width"] * 0.4, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] * 0.6, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()


def wait_saved(page, timeout: int = 10_000) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#save-state .save-text")).to_have_text(SAVED, timeout=timeout)


def label_with_mouse(page, start: int, end: int, cue: str, note: str | None = None) -> None:
    drag_select(page, start, end)
    page.locator(f'#editor button[data-cue="{cue}"]').click()
    if note:
        page.fill("#editor-note", note)
        page.click("#editor-save")
    page.click("#editor-close")
    wait_saved(page)


def active_start(page) -> int:
    return int(page.evaluate("document.activeElement.dataset.s ?? -1"))


def label_with_keyboard(page, start: int, end: int, key: str) -> None:
    """Tab into the article, walk to ``start`` by sentence then by word, extend to ``end``, press the
    cue's number: no mouse at all."""
    for _ in range(40):
        if page.evaluate("document.activeElement.classList.contains('w')"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the article")
    while True:  # by sentence, until the next sentence would pass the start
        here = active_start(page)
        page.keyboard.press("ArrowDown")
        if active_start(page) > start or active_start(page) == here:
            page.keyboard.press("ArrowUp")
            break
    while active_start(page) < start:
        page.keyboard.press("ArrowRight")
    assert active_start(page) == start
    while int(page.evaluate("document.activeElement.dataset.e")) < end:
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press(key)
    wait_saved(page)


def teacher_sets_up_a_class(page, base: str) -> str:
    """Sign up, create a class, assign the lesson; returns the class's join code."""
    page.goto(f"{base}/signup")
    page.fill("#email", "rivera@example.org")
    page.fill("#name", "Ms Rivera")
    page.fill("#password", "correct horse battery")
    page.fill("#confirm", "correct horse battery")
    page.get_by_role("button", name="Create my account").click()
    page.fill("#name", "Period 3")
    page.get_by_role("button", name="Create the class").click()
    code = page.locator(".join-code").inner_text().strip()
    page.goto(f"{base}/lessons/{LESSON}")
    page.get_by_role("link", name="Assign this lesson").click()
    page.select_option("#target", "lesson")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_url(re.compile(r"/classes/\d+$"))
    return code


def student_joins(page, base: str, code: str, name: str = "Ada", pin: str = "4821") -> None:
    page.goto(f"{base}/join")
    page.fill("#join_code", code)
    page.fill("#display_name", name)
    page.fill("#pin", pin)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/work/")


def open_exercise(page, title: str) -> None:
    page.get_by_role("row", name=re.compile(re.escape(title))).get_by_role("link", name=re.compile("Start|Continue")).click()
    page.wait_for_selector("#article-text.ready")


def labels_listed(page) -> list[str]:
    return page.locator("#label-list .label-item .label-text").all_inner_texts()


def test_teacher_assigns_student_labels_reloads_submits_and_reads_feedback(
        app, db_session, live_server, new_page, screenshot):
    from playwright.sync_api import expect

    give_the_classifier_a_say(db_session)
    title = db_session.scalar(select(Exercise.title).where(Exercise.id == EXERCISE))
    code = teacher_sets_up_a_class(new_page(), live_server)
    page = new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    student_joins(page, live_server, code)
    open_exercise(page, title)

    label_with_mouse(page, *GUT_PUNCH, "loaded-language", note="An image of pain, not a fact")
    label_with_mouse(page, *EMPLOYEES_SAID, "anonymous-sourcing")
    label_with_keyboard(page, *MODEST_CUSHION, "4")
    assert labels_listed(page) == ["gut punch", "two longtime employees said", "a modest cushion"]

    page.reload()
    page.wait_for_selector("#article-text.ready")
    assert labels_listed(page) == ["gut punch", "two longtime employees said", "a modest cushion"]
    assert "An image of pain, not a fact" in page.locator("#label-list").inner_text()
    assert token(page, 2972).get_attribute("class").split()[:3] == ["w", "hl", "cue-dismissive-framing"]
    page.evaluate("window.scrollTo(0, 0)")  # the browser restores the scroll position on reload
    screenshot(page, "exercise")
    drag_select(page, *ANCHORED, scroll=False)  # the palette next to a fresh selection
    expect(page.locator("#editor")).to_be_visible()
    screenshot(page, "exercise-palette")
    page.keyboard.press("Escape")

    page.get_by_role("link", name="Submit…").click()
    page.get_by_role("button", name="Submit and lock my labels").click()
    page.wait_for_url(re.compile(r"/feedback$"))
    body = page.locator("main").inner_text()
    for heading in ("How you did", "On the article", "Your labels", "Sourcing", "Show the numbers"):
        assert heading in body
    assert body.count("✓ Match") == 3
    expect(page.locator(".fb-sentence")).to_contain_text("You found 3 of")
    page.get_by_role("button", name="The key").click()
    expect(page.get_by_role("button", name="The key")).to_have_attribute("aria-pressed", "true")
    expect(page.locator('#article-view-body .w[data-s="2972"]')).to_have_class(re.compile(r"\bcue-dismissive-framing\b"))
    page.get_by_role("button", name="The computer").click()
    expect(page.locator('#article-view-body .w[data-s="3620"]')).to_have_class(re.compile(r"\bhl\b"))
    assert "Where the classifier and the key disagree" in body
    assert errors == []


def test_a_label_made_while_the_server_is_unreachable_is_saved_when_it_returns(
        db_session, setup, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, "Spot the framing (graded)")
    page.route("**/api/**", lambda route: route.abort("internetdisconnected"))
    drag_select(page, 387, 401)
    page.locator('#editor button[data-cue="anonymous-sourcing"]').click()
    expect(page.locator("#save-state")).to_have_attribute("data-state", "offline")
    assert "Offline — will retry" in page.locator("#save-state").inner_text()

    page.reload()  # the unsaved change survives a reload, kept in localStorage
    page.wait_for_selector("#article-text.ready")
    assert labels_listed(page) == ["officials said"]

    page.unroute("**/api/**")
    wait_saved(page, timeout=40_000)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#article-text.ready")
    assert labels_listed(page) == ["officials said"]


def test_keyboard_only_lists_and_deletes_labels_and_announces_each_action(setup, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, "Spot the framing (graded)")
    label_with_keyboard(page, 387, 401, "9")
    announcer = page.locator("#announcer")
    expect(announcer).to_contain_text("Labelled “officials said” as Anonymous sourcing")
    page.keyboard.press("l")
    expect(page.locator("#label-list .label-item").first).to_be_focused()
    page.keyboard.press("Delete")
    expect(announcer).to_contain_text("Deleted the Anonymous sourcing label")
    expect(page.locator("#label-list .label-item")).to_have_count(0)
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#article-text.ready")
    expect(page.locator("#label-list .label-item")).to_have_count(0)


def test_the_same_cue_twice_on_one_passage_is_refused_with_a_message(setup, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, "Spot the framing (graded)")
    label_with_mouse(page, 56, 64, "scare-quotes")
    drag_select(page, 51, 64)
    page.locator('#editor button[data-cue="scare-quotes"]').click()
    expect(page.locator("#editor-message")).to_contain_text("already has a Scare quotes label")
    page.locator('#editor button[data-cue="loaded-language"]').click()  # another cue may overlap
    page.click("#editor-close")
    wait_saved(page)
    assert labels_listed(page) == ["U.S. ‘combat’", "‘combat’"]


def test_practice_labels_get_their_verdict_at_once(setup, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, "Spot the framing (practice)")
    label_with_mouse(page, 193, 218, "dismissive-framing")
    expect(page.locator("#label-list .verdict")).to_contain_text("Match: the key marks this passage as Dismissive")
    expect(page.locator("#label-list .rationale")).to_contain_text("magician")


def test_on_a_narrow_screen_the_palette_is_docked(setup, live_server, browser_page):
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": 760, "height": 900})
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, "Spot the framing (graded)")
    token(page, 387).click()
    expect(page.locator("#editor")).to_have_class(re.compile(r"\bdocked\b"))
    page.locator('#editor button[data-cue="anonymous-sourcing"]').click()
    wait_saved(page)
    assert labels_listed(page) == ["officials"]
