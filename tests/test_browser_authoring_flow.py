"""Issue 6's whole path in a real browser, CSRF on: a teacher uploads a saved HTML page, reviews
the cleaning (puts one removal back), keys two labels (one by mouse, one accepted from the
classifier's suggestions), builds a graded exercise on the article, assigns it to the class; a
student joins with the class code, labels the two passages, submits, and the feedback matches
the teacher's key, rationales included."""

from __future__ import annotations

import re

import pytest
from fixtures_authoring import (
    accept_suggestion,
    fill_metadata_and_save,
    give_suggestions,
    key_by_mouse,
    put_back_removal,
    span_of,
    upload_article_file,
)
from test_browser_exercise import label_with_mouse, open_exercise, student_joins
from test_web_builder_browser import (
    teacher_assigns_own_exercise,
    teacher_builds_an_exercise,
    teacher_signs_up,
)

from webapp.models import Article, KeyLabel

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")

SOURCE = "A city official, who asked not to be named"
QUESTION = "But who will pay the price when children have nowhere quiet to study after school?"
WHY_SOURCE = "Nobody can check an official who has no name."
WHY_QUESTION = "The writer asks it to make a point, not to learn an answer."


def test_upload_review_key_build_assign_and_a_student_completes_it(live_server, new_page, saved_page, db_session):
    from playwright.sync_api import expect

    teacher = new_page()
    problems: list[str] = []
    teacher.on("pageerror", lambda error: problems.append(str(error)))
    teacher_signs_up(teacher, live_server)
    code = teacher.locator(".join-code").inner_text().strip()

    upload_article_file(teacher, live_server, saved_page)
    expect(teacher.locator("table.removals")).to_contain_text("Photo: Sam Lee")
    put_back_removal(teacher, "Photo: Sam Lee")
    article_id = fill_metadata_and_save(teacher)
    assert "Photo: Sam Lee" in db_session.get(Article, article_id).text
    assert "SCRIPT-LEAK" not in db_session.get(Article, article_id).text

    give_suggestions(db_session, article_id, [("rhetorical-question", QUESTION, 0.97)])
    teacher.reload()
    key_by_mouse(teacher, SOURCE, "anonymous-sourcing", WHY_SOURCE)
    accept_suggestion(teacher, "But who will pay the price", WHY_QUESTION)
    db_session.expire_all()
    assert sorted(k.cue_id for k in db_session.query(KeyLabel).filter_by(article_id=article_id)) == [
        "anonymous-sourcing", "rhetorical-question"]

    teacher_builds_an_exercise(teacher, live_server, article_id, ["anonymous-sourcing", "rhetorical-question"],
                               "Who is talking in the library story?", mode="graded",
                               instructions="Find the unnamed source and the question asked for effect.")
    teacher_assigns_own_exercise(teacher, live_server, "Who is talking in the library story?")
    expect(teacher.locator(".flashes")).to_contain_text("Assigned")

    student = new_page()
    student.on("pageerror", lambda error: problems.append(str(error)))
    student_joins(student, live_server, code, name="Noor", pin="5173")
    open_exercise(student, "Who is talking in the library story?")
    expect(student.locator("main")).to_contain_text("Find the unnamed source")
    label_with_mouse(student, *span_of(student, SOURCE), "anonymous-sourcing")
    label_with_mouse(student, *span_of(student, QUESTION), "rhetorical-question")
    student.get_by_role("link", name="Submit…").click()
    student.get_by_role("button", name="Submit and lock my labels").click()
    student.wait_for_url(re.compile(r"/feedback$"))
    body = student.locator("main").inner_text()
    assert body.count("✓ Match") == 2
    assert WHY_SOURCE in body and WHY_QUESTION in body

    teacher.goto(f"{live_server}/classes/")
    teacher.get_by_role("link", name=re.compile("Period 5")).first.click()
    expect(teacher.locator("main")).to_contain_text("Who is talking in the library story?")
    assert problems == []
