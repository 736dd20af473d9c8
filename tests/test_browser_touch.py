"""A student on a 390x844 touch phone labels a three-word phrase by taps alone: a tap on the first
word starts the passage, a tap on the third ends it, a tap on a cue saves it (no long-press)."""

from __future__ import annotations

import re

from sqlalchemy import select
from test_browser_exercise import student_joins, token, wait_saved

from webapp.models import Label

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def test_a_three_word_phrase_is_labelled_by_taps_alone(setup, live_server, new_page, db_session):
    from playwright.sync_api import expect

    page = new_page(**PHONE)
    student_joins(page, live_server, setup.classroom.join_code, "Ada", "1234")
    # The list of assignments is cards on a phone: nothing off-screen, the Start button tappable.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("row", name=re.compile(r"Spot the framing \(graded\)")).get_by_role(
        "link", name=re.compile("Start|Continue")).tap()
    first = token(page, 193)
    first.evaluate("element => element.scrollIntoView({block: 'center'})")
    third_end = int(page.evaluate("""() => {
        const words = [...document.querySelectorAll('#article-text .w')];
        const at = words.findIndex(w => w.dataset.s === '193');
        return Number(words[at + 2].dataset.e);
    }"""))
    third = page.locator(f'#article-text .w[data-e="{third_end}"]')
    first.tap()
    # As a student would: the bottom sheet is open for the first word before the second tap
    # (on a loaded machine the second tap once came first and started a new passage).
    expect(page.locator("#editor")).to_be_visible()
    third.tap()
    page.locator('#editor button[data-cue="dismissive-framing"]').tap()
    wait_saved(page)
    expect(page.locator("#label-list")).to_contain_text("Dismissive")
    db_session.expire_all()
    saved = db_session.scalars(select(Label)).all()
    assert [(label.start, label.end, label.cue_id) for label in saved] == [(193, third_end, "dismissive-framing")]
