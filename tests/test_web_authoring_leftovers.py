"""The cleaner's leftovers: paragraphs it kept that look like page debris are flagged on the
draft review page, where the teacher corrects or deletes each before saving the article."""

from __future__ import annotations

import re

import pytest
from test_web_authoring import draft_of, save, switch_to, upload

from webapp.models import Article, ArticleDraft
from webapp.services.authoring.leftovers import apply_edits, leftovers, set_edit, why_flagged

BODY = ("The library on Eastside Avenue will close for good next month, the city council decided on "
        "Tuesday after a long debate about the budget. ") * 4
TEXT = ("Council closes Eastside library\n\n" + BODY + "\n\nCopyright © 2024 Riverside Courier. All rights reserved"
        "\n\nMore on the council vote\n\n" + BODY)


@pytest.mark.parametrize("paragraph, first, flagged", [
    ("Copyright © 2024 Riverside Courier", False, True),
    ("Click here for the full story.", False, True),
    ("More on the council vote", False, True),              # short, no sentence end
    ("Council closes Eastside library", True, False),       # the headline: short by nature
    ("The council voted 5 to 2.", False, False),            # a short sentence is a sentence
    (BODY.strip(), False, False),
])
def test_why_flagged(paragraph, first, flagged):
    assert (why_flagged(paragraph, first) is not None) == flagged


def test_edits_follow_the_original_paragraph_and_an_empty_one_deletes():
    text = "Head\n\nKeep this.\n\nJunk line"
    edits = set_edit(None, "Junk line", "", text.split("\n\n"))
    assert apply_edits(text, edits) == "Head\n\nKeep this."
    edits = set_edit(edits, "Keep this.", "Keep this, corrected.", text.split("\n\n"))
    assert apply_edits(text, edits) == "Head\n\nKeep this, corrected."
    assert [item.number for item in leftovers(text, edits)] == [2, 3]
    with pytest.raises(ValueError):
        set_edit(edits, "Not in the text", "x", text.split("\n\n"))


@pytest.fixture
def teacher(make_teacher, client, login):
    account = make_teacher()
    login(client, account)
    return account


@pytest.fixture
def draft_id(client, teacher) -> int:
    return draft_of(upload(client, "eastside.txt", TEXT.encode()))


def _original(client, draft_id: int, start: str) -> str:
    page = client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True)
    section = page.split('id="leftovers-heading"')[1].split("</section>")[0]
    values = re.findall(r'name="original" value="([^"]*)"', section)
    import html

    return next(html.unescape(v) for v in values if html.unescape(v).startswith(start))


def test_the_review_page_flags_the_leftovers(client, draft_id):
    page = client.get(f"/authoring/drafts/{draft_id}").get_data(as_text=True)
    section = page.split('id="leftovers-heading"')[1].split("</section>")[0]
    assert "All rights reserved" in section and "More on the council vote" in section
    assert "Council closes Eastside library" not in section


def test_a_deleted_leftover_is_not_in_the_saved_article(client, db_session, draft_id):
    original = _original(client, draft_id, "Copyright")
    response = client.post(f"/authoring/drafts/{draft_id}/leftovers", data={"original": original, "corrected": ""})
    assert response.status_code == 302 and response.location.endswith("#leftovers")
    corrected = _original(client, draft_id, "More on")
    client.post(f"/authoring/drafts/{draft_id}/leftovers",
                data={"original": corrected, "corrected": "The council vote, in more detail."})
    saved = save(client, draft_id, headline="Council closes Eastside library")
    article_id = saved.location.rsplit("/articles/", 1)[1].split("/key")[0]
    text = db_session.get(Article, article_id).text
    assert "All rights reserved" not in text and "More on the council vote" not in text
    assert "The council vote, in more detail." in text


def test_an_edit_of_a_paragraph_not_in_the_text_changes_nothing(client, db_session, draft_id):
    response = client.post(f"/authoring/drafts/{draft_id}/leftovers",
                           data={"original": "Invented paragraph", "corrected": ""}, follow_redirects=True)
    assert "no longer in the text" in response.get_data(as_text=True)
    assert not db_session.get(ArticleDraft, draft_id).edits


def test_another_teacher_cannot_edit_the_draft(client, db_session, login, make_teacher, draft_id):
    original = _original(client, draft_id, "Copyright")
    switch_to(client, login, make_teacher("okafor@example.org", "Mr Okafor"))
    response = client.post(f"/authoring/drafts/{draft_id}/leftovers", data={"original": original, "corrected": ""})
    assert response.status_code == 404
    db_session.expire_all()
    assert not db_session.get(ArticleDraft, draft_id).edits


