"""The exercise and lesson builder: access, validation, hostile input, and a built exercise that a
student labels, submits and gets feedback on, end to end."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from webapp.models import Assignment, Exercise, KeyLabel

ARTICLE = "iraq-2021-001"  # its corpus key marks scare quotes and anonymous sourcing, never labeling
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def exercise_form(**changes) -> dict:
    data = {"title": "Quotes around a word", "article": ARTICLE, "cues": ["scare-quotes", "anonymous-sourcing"],
            "mode": "graded", "instructions": "Find quotation marks that cast doubt, and unnamed sources."}
    data.update(changes)
    return data


def lesson_form(exercise_ids: list[str], **changes) -> dict:
    data = {"title": "Doubt in quotation marks", "grade_band": "9-12",
            "objectives": "identify scare quotes in a news report\nexplain how an unnamed source changes trust",
            "standards": "CCSS.ELA-LITERACY.RI.9-10.6 Work out the author's point of view from word choice.",
            "materials": "- Printed article\n- Cue cards",
            "warm_up_minutes": "5", "warm_up": "Pairs read two headlines aloud with air quotes.",
            "mini_lesson_minutes": "10", "mini_lesson": "Model finding scare quotes in one paragraph.",
            "discussion_minutes": "10", "discussion": "Which quotation marks changed your trust, and why?",
            "exit_ticket_minutes": "5", "exit_ticket": "Rewrite one sentence without the scare quotes.",
            "notes": "## Teacher notes\n\n**Expected answers**: the key marks ‘combat’ as scare quotes."}
    for index, exercise_id in enumerate(exercise_ids):
        data[f"exercises-{index}-exercise"] = exercise_id
        data[f"exercises-{index}-minutes"] = "20"
        data[f"exercises-{index}-activity"] = "Students label the article on their own."
    data.update(changes)
    return data


def build_exercise(client, **changes) -> Exercise:
    response = client.post("/builder/exercises/new", data=exercise_form(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    from webapp.extensions import db

    title = exercise_form(**changes)["title"].strip()
    return db.session.scalar(select(Exercise).where(Exercise.title == title, Exercise.owner_id.is_not(None)))


# ---- who may see what ----

BUILDER_PAGES = ["/builder/", "/builder/exercises/new", "/builder/lessons/new", "/builder/lessons/import",
                 "/builder/retrain/"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in BUILDER_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_students_are_refused(client, login, student):
    login(client, student)
    for url in BUILDER_PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/builder/exercises/new", data=exercise_form()).status_code == 403


def test_another_teachers_exercise_and_lesson_are_not_found(client, login, switch_to, teacher, other_teacher):
    login(client, other_teacher)
    exercise = build_exercise(client)
    response = client.post("/builder/lessons/new", data=lesson_form([exercise.id]))
    assert response.status_code == 302
    lesson_id = response.headers["Location"].rsplit("/", 1)[-1]
    switch_to(client, teacher)
    for url in [f"/builder/exercises/{exercise.id}/assign", f"/builder/exercises/{exercise.id}/delete",
                f"/builder/lessons/{lesson_id}/edit", f"/builder/lessons/{lesson_id}/delete",
                f"/builder/lessons/{lesson_id}/export.zip", f"/lessons/{lesson_id}"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/builder/lessons/{lesson_id}/delete").status_code == 404
    # nor can the other teacher's exercise be put into a lesson
    response = client.post("/builder/lessons/new", data=lesson_form([exercise.id]))
    assert response.status_code == 400 and "Not a valid choice" in response.get_data(as_text=True)


def test_another_teachers_article_cannot_be_used(client, db_session, login, teacher, other_teacher):
    from webapp.models import Article

    source = db_session.get(Article, ARTICLE)
    db_session.add(Article(id="private-article", story_id=source.story_id, headline=None, outlet="Mine",
                           outlet_kind="blog", byline=None, credits=[], published="2026-01-01", derived_from=None,
                           invented=True, provenance="Test", text=source.text, sha256=source.sha256,
                           analysis=source.analysis, owner_id=other_teacher.id))
    db_session.commit()
    login(client, teacher)
    assert "private-article" not in client.get("/builder/exercises/new").get_data(as_text=True)
    response = client.post("/builder/exercises/new", data=exercise_form(article="private-article"))
    assert response.status_code == 400
    assert db_session.scalar(select(Exercise).where(Exercise.article_id == "private-article")) is None


# ---- the exercise builder ----

def test_a_teacher_builds_an_exercise(client, db_session, login, teacher):
    login(client, teacher)
    page = client.get("/builder/exercises/new").get_data(as_text=True)
    for field_id in ('id="title"', 'id="article"', 'id="cues-0"', 'id="mode-0"', 'id="instructions"'):
        assert field_id in page
    exercise = build_exercise(client)
    assert exercise.owner_id == teacher.id and exercise.lesson_id is None
    assert exercise.article_id == ARTICLE and exercise.cues == ["scare-quotes", "anonymous-sourcing"]
    assert exercise.title in client.get("/builder/").get_data(as_text=True)


@pytest.mark.parametrize("changes, message", [
    ({"title": ""}, "Give it a title."),
    ({"cues": []}, "Choose at least one cue."),
    ({"cues": ["no-such-cue"]}, "is not a valid choice"),
    ({"article": "no-such-article"}, "Not a valid choice"),
    ({"mode": "exam"}, "Not a valid choice"),
    ({"instructions": " "}, "Tell students what to do."),
    ({"title": "x" * 201}, "At most 200 characters."),
    ({"cues": ["labeling"]}, "marks none of the cues you chose"),
    ({"cues": ["scare-quotes", "labeling"]}, "never marks Labeling"),
])
def test_a_bad_exercise_is_refused_with_a_clear_message(client, db_session, login, teacher, changes, message):
    login(client, teacher)
    response = client.post("/builder/exercises/new", data=exercise_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db_session.scalar(select(Exercise).where(Exercise.owner_id == teacher.id)) is None


def test_a_cue_with_nothing_to_find_is_allowed_when_the_teacher_says_so(client, login, teacher):
    login(client, teacher)
    exercise = build_exercise(client, cues=["scare-quotes", "labeling"], allow_absent_cues="y")
    assert exercise.cues == ["scare-quotes", "labeling"]


def test_an_article_without_any_key_is_refused(client, db_session, login, teacher):
    db_session.query(KeyLabel).filter(KeyLabel.article_id == ARTICLE).delete()
    db_session.commit()
    login(client, teacher)
    response = client.post("/builder/exercises/new", data=exercise_form())
    assert response.status_code == 400 and "has no answer key yet" in response.get_data(as_text=True)


def test_the_teachers_own_key_decides_what_can_be_found(client, db_session, login, teacher):
    """A teacher who keyed the article themselves is checked against their key, not the file's."""
    db_session.add(KeyLabel(article_id=ARTICLE, cue_id="labeling", start=0, end=5, text="x", rationale="r",
                            author_id=teacher.id))
    db_session.commit()
    login(client, teacher)
    response = client.post("/builder/exercises/new", data=exercise_form(cues=["scare-quotes"]))
    assert response.status_code == 400 and "It marks: Labeling" in response.get_data(as_text=True)
    assert build_exercise(client, cues=["labeling"]).cues == ["labeling"]


def test_hostile_text_is_shown_escaped(client, login, teacher):
    login(client, teacher)
    build_exercise(client, title=f"Title {HOSTILE}", instructions=f"Do this {HOSTILE}")
    page = client.get("/builder/").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_csrf_token_is_required(app, client, login, teacher):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    for url, data in [("/builder/exercises/new", exercise_form()), ("/builder/lessons/new", lesson_form([])),
                      ("/builder/retrain/start", {})]:
        response = client.post(url, data=data)
        assert response.status_code == 400, url


# ---- a built exercise, assigned and done by a student ----

def test_a_built_exercise_is_assigned_labelled_submitted_and_scored(client, db_session, login, switch_to, teacher,
                                                                      classroom, student):
    login(client, teacher)
    exercise = build_exercise(client)
    page = client.get(f"/builder/exercises/{exercise.id}/assign").get_data(as_text=True)
    assert 'id="classroom"' in page
    response = client.post(f"/builder/exercises/{exercise.id}/assign", data={"classroom": classroom.id})
    assert response.status_code == 302
    assignment = db_session.scalar(select(Assignment).where(Assignment.exercise_id == exercise.id))
    again = client.post(f"/builder/exercises/{exercise.id}/assign", data={"classroom": classroom.id})
    assert again.status_code == 400 and "already has the exercise" in again.get_data(as_text=True)

    switch_to(client, student)
    assert exercise.title in client.get("/work/").get_data(as_text=True)
    assert client.get(f"/work/{assignment.id}").status_code == 200
    change = {"change_id": "c1", "op": "save", "client_id": "l1",
              "label": {"client_id": "l1", "cue": "scare-quotes", "start": 56, "end": 64, "note": None,
                        "confidence": "sure"}}
    assert client.post(f"/api/assignments/{assignment.id}/changes", json=change).status_code == 200
    assert client.post(f"/work/{assignment.id}/submit").status_code == 302
    feedback = client.get(f"/work/{assignment.id}/feedback")
    assert feedback.status_code == 200 and "The key" in feedback.get_data(as_text=True)


def test_an_assigned_exercise_cannot_be_deleted(client, db_session, login, teacher, classroom):
    login(client, teacher)
    exercise = build_exercise(client)
    client.post(f"/builder/exercises/{exercise.id}/assign", data={"classroom": classroom.id})
    client.post(f"/builder/exercises/{exercise.id}/delete")
    assert db_session.get(Exercise, exercise.id) is not None
    free = build_exercise(client, title="Another one")
    client.post(f"/builder/exercises/{free.id}/delete")
    db_session.expire_all()
    assert db_session.get(Exercise, free.id) is None


def test_a_teacher_may_not_assign_to_another_teachers_class(client, login, teacher, other_classroom):
    login(client, teacher)
    exercise = build_exercise(client)
    response = client.post(f"/builder/exercises/{exercise.id}/assign", data={"classroom": other_classroom.id})
    assert response.status_code in (400, 404)


def test_a_form_sent_twice_makes_one_exercise(client, db_session, login, teacher):
    login(client, teacher)
    build_exercise(client)
    response = client.post("/builder/exercises/new", data=exercise_form())
    assert response.status_code == 400 and "sent twice" in response.get_data(as_text=True)
    assert len(db_session.scalars(select(Exercise).where(Exercise.owner_id == teacher.id)).all()) == 1


def test_control_characters_are_dropped_not_stored(client, db_session, login, teacher):
    """NUL and other control characters (PostgreSQL cannot store NUL) never reach the database: a
    NUL is refused with a message before any view (webapp.web.security), the others are dropped."""
    login(client, teacher)
    refused = client.post("/builder/exercises/new", data=exercise_form(title="Quotes\x00 here"))
    assert refused.status_code == 400 and "NUL character" in refused.get_data(as_text=True)
    assert db_session.scalar(select(Exercise).where(Exercise.owner_id == teacher.id)) is None
    response = client.post("/builder/exercises/new", data=exercise_form(
        title="Quotes\x1b here", instructions="Find\x08 them.\x07\nThen stop."))
    assert response.status_code == 302
    stored = db_session.scalar(select(Exercise).where(Exercise.owner_id == teacher.id))
    assert (stored.title, stored.instructions) == ("Quotes here", "Find them.\nThen stop.")
