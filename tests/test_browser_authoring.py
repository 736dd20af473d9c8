"""In the browser: a teacher uploads a saved news page, puts back one thing the cleaner removed,
fills in the metadata, saves, and keys two labels (one selected with the mouse, one accepted from
the classifier's suggestions), each with its rationale; a reload shows both."""

from __future__ import annotations

from fixtures_authoring import (
    HEADLINE,
    accept_suggestion,
    fill_metadata_and_save,
    give_suggestions,
    key_by_mouse,
    key_labels_listed,
    put_back_removal,
    teacher_signs_up,
    upload_article_file,
)
from playwright.sync_api import expect

from webapp.models import Article, KeyLabel

QUESTION = "But who will pay the price when children have nowhere quiet to study after school?"


def test_teacher_uploads_reviews_saves_and_keys_two_labels(live_server, browser_page, saved_page, db_session):
    page = browser_page
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and "Failed to load resource" not in message.text
            and problems.append(message.text))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith("/favicon.ico")
            and problems.append(f"{response.status} {response.url}"))
    teacher_signs_up(page, live_server)
    upload_article_file(page, live_server, saved_page)

    removals = page.locator("table.removals")
    expect(removals).to_contain_text("Read More")
    expect(removals).to_contain_text("Photo: Sam Lee")
    put_back_removal(page, "Photo: Sam Lee")
    expect(page.locator("#draft-text")).to_contain_text("Photo: Sam Lee")
    expect(page.locator("table.removals")).not_to_contain_text("Photo: Sam Lee")
    expect(page.locator("#headline")).to_have_value(HEADLINE)  # found in the page itself

    article_id = fill_metadata_and_save(page)
    assert "Photo: Sam Lee" in db_session.get(Article, article_id).text
    give_suggestions(db_session, article_id, [("rhetorical-question", QUESTION, 0.99),
                                              ("speculation", "could be sold to a developer", 0.58)])
    page.reload()
    page.locator("#suggestion-list li", has_text="could be sold").locator("button[data-action=reject]").click()
    expect(page.locator("#suggestion-list")).not_to_contain_text("could be sold")

    key_by_mouse(page, "A city official, who asked not to be named", "anonymous-sourcing",
                 "The official is unnamed, so readers cannot judge the claim.")
    accept_suggestion(page, "But who will pay the price", "A question asked to make a point, not to be answered.")
    expect(page.locator("#suggestion-count")).to_have_text("0")

    page.reload()
    expect(page.locator("#suggestion-count")).to_have_text("0")  # accepted, and rejected in this browser
    listed = key_labels_listed(page)
    assert len(listed) == 2
    assert "The official is unnamed" in listed[1] and "A question asked to make a point" in listed[0]
    db_session.expire_all()
    rows = db_session.query(KeyLabel).filter_by(article_id=article_id).order_by(KeyLabel.start).all()
    assert [(r.cue_id, r.text) for r in rows] == [
        ("rhetorical-question", QUESTION), ("anonymous-sourcing", "A city official, who asked not to be named")]
    assert problems == []


def test_a_new_key_label_waits_for_its_rationale(live_server, browser_page, saved_page, db_session):
    page = browser_page
    teacher_signs_up(page, live_server)
    upload_article_file(page, live_server, saved_page)
    article_id = fill_metadata_and_save(page)
    from fixtures_authoring import span_of
    from test_browser_exercise import drag_select

    drag_select(page, *span_of(page, "reckless attack"))
    page.locator('#editor button[data-cue="loaded-language"]').click()
    expect(page.locator("#label-list")).to_contain_text("Not saved yet")
    page.click("#editor-save")
    expect(page.locator("#editor-message")).to_contain_text("needs a rationale")
    assert db_session.query(KeyLabel).filter_by(article_id=article_id).count() == 0


def test_metadata_typed_before_putting_text_back_is_kept(live_server, browser_page, saved_page):
    page = browser_page
    teacher_signs_up(page, live_server)
    upload_article_file(page, live_server, saved_page)
    page.fill("#outlet", "Typed Outlet")
    page.fill("#byline", "Typed Byline")
    put_back_removal(page, "Read More")
    expect(page.locator("#outlet")).to_have_value("Typed Outlet")
    expect(page.locator("#byline")).to_have_value("Typed Byline")


def test_a_key_label_by_keyboard_only(live_server, browser_page, saved_page, db_session):
    """Tab into the article, Space selects the current word, a number applies the cue and moves to
    the rationale; Tab reaches the save button."""
    from test_browser_exercise import wait_saved

    page = browser_page
    teacher_signs_up(page, live_server)
    upload_article_file(page, live_server, saved_page)
    article_id = fill_metadata_and_save(page)
    for _ in range(60):
        if page.evaluate("document.activeElement.classList.contains('w')"):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("Tab never reached the article")
    page.keyboard.press("Space")
    page.keyboard.press("2")  # labeling
    expect(page.locator("#editor-note")).to_be_focused()
    page.keyboard.type("The headline calls it a vote, a neutral word.")
    page.keyboard.press("Tab")
    expect(page.locator("#editor-save")).to_be_focused()
    page.keyboard.press("Enter")
    wait_saved(page)
    expect(page.locator("#label-list")).to_contain_text("a neutral word")
    db_session.expire_all()
    [row] = db_session.query(KeyLabel).filter_by(article_id=article_id).all()
    assert (row.cue_id, row.text) == ("labeling", "Council")
