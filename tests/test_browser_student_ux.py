"""Student and administrator UX in a real browser: the save status and Submit stay on screen, a
typed note survives closing the editor, focus lands somewhere sensible after a delete, retraining is
left to an administrator, a touch screen shows no keyboard hints, and an article's section headings
are headings."""

from __future__ import annotations

import re

import pytest
from fixtures_browser import sign_in_teacher
from sqlalchemy import select
from test_browser_exercise import SAVED, label_with_mouse, open_exercise, student_joins, token, wait_saved

from webapp.models import Label, ModelVersion, RetrainRun

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
GRADED = "Spot the framing (graded)"
COMBAT = (56, 64)  # ‘combat’ in iraq-2021-001
SLEIGHT = (193, 218)  # political sleight of hand
OFFICIALS = (387, 401)  # officials said
TOUCH_SCREEN = "(hover: none) and (pointer: coarse)"


def fully_on_screen(page, selector: str) -> None:
    """The element's whole box is inside the viewport and nothing else covers its middle."""
    box = page.locator(selector).bounding_box()
    view = page.viewport_size
    assert box is not None, f"{selector} is not rendered"
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= view["width"] and box["y"] + box["height"] <= view["height"], (selector, box, view)
    on_top = page.evaluate("""([selector, x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return Boolean(hit && hit.closest(selector));
    }""", [selector, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top, f"something covers {selector}"


def scroll_to_the_bottom(page) -> None:
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1")
    # a long article: the bar's place in the page is far above what is shown now
    assert page.evaluate("window.scrollY") > 2 * page.viewport_size["height"]


def test_the_save_status_and_submit_stay_on_screen_at_the_bottom_of_the_article(setup, live_server, browser_page,
                                                                                 new_page):
    """A student who has scrolled to the end of the article still sees "All changes saved" and the
    Submit button, on a 1366x768 laptop and on a touch phone."""
    from playwright.sync_api import expect

    desk = browser_page
    student_joins(desk, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(desk, GRADED)
    label_with_mouse(desk, *OFFICIALS, "anonymous-sourcing")

    phone = new_page(**PHONE)
    student_joins(phone, live_server, setup.classroom.join_code, "Grace", "1234")
    open_exercise(phone, GRADED)
    word = token(phone, OFFICIALS[0])
    word.evaluate("element => element.scrollIntoView({block: 'center'})")
    word.tap()
    expect(phone.locator("#editor")).to_be_visible()
    phone.locator('#editor button[data-cue="anonymous-sourcing"]').tap()
    wait_saved(phone)
    phone.locator("#editor-close").tap()
    expect(phone.locator("#editor")).to_be_hidden()

    for page in (desk, phone):
        scroll_to_the_bottom(page)
        expect(page.locator("#save-state .save-text")).to_have_text(SAVED)
        for selector in (".work-bar", "#save-state", "#submit-link"):
            fully_on_screen(page, selector)


def test_a_typed_note_is_kept_when_the_editor_closes_unsaved(setup, live_server, browser_page, db_session):
    """A student types a note, closes the editor by mistake (Esc, the Close button, a reload) and
    finds the note again when reopening the label, marked as not saved yet."""
    from playwright.sync_api import expect

    page = browser_page
    assignment, student = setup.graded.id, setup.student.id
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, GRADED)
    label_with_mouse(page, *OFFICIALS, "anonymous-sourcing")
    item = page.locator("#label-list .label-item")
    client_id = item.get_attribute("data-client-id")
    note, draft_hint = page.locator("#editor-note"), page.locator("#editor-note-draft")

    item.locator('button[data-action="edit"]').click()
    expect(page.locator("#editor-title")).to_have_text("Label: Anonymous sourcing")
    expect(draft_hint).to_be_hidden()
    note.focus()
    page.keyboard.type("Who are the officials?")
    expect(draft_hint).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#editor")).to_be_hidden()
    assert page.evaluate("key => localStorage.getItem(key)",
                         f"framelab:note:{assignment}:{student}:{client_id}") == "Who are the officials?"

    item.locator('button[data-action="edit"]').click()
    expect(note).to_have_value("Who are the officials?")
    expect(draft_hint).to_be_visible()
    note.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Unnamed.")
    page.click("#editor-close")
    expect(page.locator("#editor")).to_be_hidden()

    page.reload()
    page.wait_for_selector("#article-text.ready")
    token(page, OFFICIALS[0]).click()  # the word is current; E edits the label on it
    page.keyboard.press("e")
    expect(page.locator("#editor-title")).to_have_text("Label: Anonymous sourcing")
    expect(note).to_have_value("Who are the officials? Unnamed.")
    expect(draft_hint).to_be_visible()
    wait_saved(page)
    db_session.expire_all()
    assert db_session.scalars(select(Label.note)).all() == [None]  # kept in the browser, not sent


def active(page) -> dict:
    return page.evaluate("""() => {
        const a = document.activeElement;
        return {tag: a.tagName, cls: a.classList[0] ?? null, client: a.dataset.clientId ?? null, s: a.dataset.s ?? null,
                inArticle: Boolean(a.closest('#article-text')), tabindex: a.getAttribute('tabindex')};
    }""")


def test_focus_returns_to_the_next_label_or_the_passage_after_a_delete(setup, live_server, browser_page):
    """After a delete, focus goes to the next label of the list, else to the first word of the
    passage that lost its label, and stays there when the server confirms the delete: a keyboard or
    screen-reader user is never thrown to the page's top."""
    from playwright.sync_api import expect

    page = browser_page
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(page, GRADED)
    label_with_mouse(page, *COMBAT, "scare-quotes")
    label_with_mouse(page, *SLEIGHT, "dismissive-framing")
    label_with_mouse(page, *OFFICIALS, "anonymous-sourcing")
    items = page.locator("#label-list .label-item")
    expect(items.locator(".label-text")).to_have_text(["‘combat’", "political sleight of hand", "officials said"])
    first, _, third = (items.nth(i).get_attribute("data-client-id") for i in range(3))

    def focus_after(delete, count: int, expected: dict) -> None:
        delete()
        expect(items).to_have_count(count)
        assert active(page) == expected
        wait_saved(page)  # the server's answer redraws the list
        assert active(page) == expected

    def label_item(client_id: str) -> dict:
        return {"tag": "LI", "cls": "label-item", "client": client_id, "s": None, "inArticle": False, "tabindex": "0"}

    def article_word(start: int) -> dict:
        return {"tag": "SPAN", "cls": "w", "client": None, "s": str(start), "inArticle": True, "tabindex": "0"}

    focus_after(lambda: items.nth(1).locator('button[data-action="delete"]').click(), 2, label_item(third))
    # the list's last item, by the Delete key: focus goes up to the one before
    focus_after(lambda: page.keyboard.press("Delete"), 1, label_item(first))
    # the last label: back to the first word of its passage
    focus_after(lambda: items.locator('button[data-action="delete"]').click(), 0, article_word(COMBAT[0]))

    label_with_mouse(page, *OFFICIALS, "anonymous-sourcing")
    items.locator('button[data-action="edit"]').click()
    expect(page.locator("#editor-delete")).to_be_visible()
    focus_after(lambda: page.click("#editor-delete"), 0, article_word(OFFICIALS[0]))
    expect(page.locator("#editor")).to_be_hidden()


def finished_run(db_session, teacher) -> int:
    """A retraining run that finished with a new model worse than the one in use (macro-F1 down)."""
    candidate = ModelVersion(sha256="c" * 64, artifact="{}", evaluation=None)
    db_session.add(candidate)
    db_session.flush()
    run = RetrainRun(state="done", teacher_id=teacher.id, teacher_name=teacher.name, job={}, candidate_id=candidate.id,
                     outcome={"has_old": True, "rows": [{"cue": "scare-quotes", "old": 0.5, "new": 0.61},
                                                        {"cue": "macro-F1", "old": 0.57, "new": 0.52}]})
    db_session.add(run)
    db_session.commit()
    return run.id


def test_only_an_administrator_accepts_or_declines_a_retrained_model(make_teacher, db_session, live_server, new_page):
    """Both see the plain recommendation (worse: keep the current model); the teacher who retrained
    is told an administrator decides, and only the administrator has the Accept and Decline buttons."""
    from playwright.sync_api import expect

    admin = make_teacher("it@example.org", "Ms Admin", admin=True)
    teacher = make_teacher()
    run = finished_run(db_session, teacher)
    advice = "The new model is worse than the current one: keep the current one."

    page = new_page()
    sign_in_teacher(page, live_server, teacher.email)
    page.goto(f"{live_server}/builder/retrain/")
    expect(page.locator(f"#retrain-advice-{run}")).to_have_text(advice)
    expect(page.locator("#retrain-decider")).to_contain_text("An administrator decides")
    expect(page.locator(f"#accept-model-{run}, #decline-model-{run}, #retrain-run [data-action]")).to_have_count(0)

    it = new_page()
    sign_in_teacher(it, live_server, admin.email)
    it.goto(f"{live_server}/builder/retrain/")
    expect(it.locator(f"#retrain-advice-{run}")).to_have_text(advice)
    expect(it.locator("#retrain-decider")).to_have_count(0)
    accept, decline = it.locator(f"#accept-model-{run}"), it.locator(f"#decline-model-{run}")
    expect(accept).to_be_visible()
    expect(decline).to_be_visible()
    # the recommended choice is the filled button
    expect(accept).to_have_class(re.compile(r"\bsecondary\b"))
    expect(decline).not_to_have_class(re.compile(r"\bsecondary\b"))

    decline.click()  # only records the decision and drops the candidate row; the model in use is untouched
    expect(it.locator(".flash-success")).to_contain_text("The new model was discarded")
    expect(it.locator(f"#retrain-result-{run}")).to_have_count(0)
    db_session.expire_all()
    row = db_session.get(RetrainRun, run)
    assert (row.state, row.decided_by_id, row.candidate_id) == ("declined", admin.id, None)
    page.reload()
    expect(page.locator("#retrain-run")).to_contain_text("was declined")


def test_a_touch_screen_shows_no_keyboard_hints(setup, live_server, browser_page, new_page):
    """On a phone the student sees tap instructions and no key numbers or key help; on a laptop the
    keys are shown and the tap wording is not."""
    from playwright.sync_api import expect

    desk = browser_page
    student_joins(desk, live_server, setup.classroom.join_code, "Ada", "1234")
    open_exercise(desk, GRADED)
    phone = new_page(**PHONE)
    student_joins(phone, live_server, setup.classroom.join_code, "Grace", "1234")
    open_exercise(phone, GRADED)
    assert desk.evaluate("q => matchMedia(q).matches", TOUCH_SCREEN) is False
    assert phone.evaluate("q => matchMedia(q).matches", TOUCH_SCREEN) is True

    keys = ("#palette .cue-button kbd", ".palette .for-keys", "#labels-hint", "section.help")
    for selector in keys:
        assert desk.locator(selector).count() > 0, selector
        for element in desk.locator(selector).all():
            expect(element).to_be_visible()
        for element in phone.locator(selector).all():
            expect(element).to_be_hidden()
    expect(desk.locator(".palette .for-touch")).to_be_hidden()
    expect(phone.locator(".palette .for-touch")).to_be_visible()

    word = token(phone, OFFICIALS[0])  # the bottom sheet: tap wording, no key numbers
    word.evaluate("element => element.scrollIntoView({block: 'center'})")
    word.tap()
    expect(phone.locator("#editor")).to_be_visible()
    expect(phone.locator("#editor .editor-extend-hint")).to_be_visible()
    for element in phone.locator("#editor .cue-button kbd").all():
        expect(element).to_be_hidden()
    expect(phone.locator("#editor .cue-button kbd")).not_to_have_count(0)


def test_a_section_heading_inside_the_article_looks_and_reads_as_a_heading(
        make_teacher, make_classroom, make_student, make_exercise, add_assignment, live_server, new_page):
    """An opinion piece's "THE SPIN MACHINE STARTS UP" is a heading: a screen reader lists it among
    the headings, and on a laptop and a phone it is bold and larger than the paragraphs around it."""
    from playwright.sync_api import expect

    classroom = make_classroom(make_teacher())
    make_student(classroom, "Ada", "1234")
    add_assignment(classroom, make_exercise("graded", article_id="river-report-4"))
    for options in ({}, PHONE):
        page = new_page(**options)
        student_joins(page, live_server, classroom.join_code, "Ada", "1234")
        open_exercise(page, GRADED)
        heading = page.locator("#article-text").get_by_role("heading", name="THE SPIN MACHINE STARTS UP")
        expect(heading).to_be_visible()
        looks = heading.evaluate("""h => {
            const paragraph = h.parentElement.querySelector('p:not(.article-headline)');
            const size = el => parseFloat(getComputedStyle(el).fontSize);
            return {weight: Number(getComputedStyle(h).fontWeight), bigger: size(h) > size(paragraph)};
        }""")
        assert looks == {"weight": 700, "bigger": True}, (options, looks)
