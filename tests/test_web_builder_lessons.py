"""The lesson builder: a lesson from a plan and exercises, checked by the lesson-file rules; the
owner's library shows it as theirs, and only the owner edits or deletes it."""

from __future__ import annotations

from sqlalchemy import select
from test_web_builder import HOSTILE, build_exercise, lesson_form

from webapp.models import Assignment, Exercise, Lesson

LIBRARY_EXERCISE = "what-is-framing-defence-report"  # a shipped exercise (lessons/01-what-is-framing.md)


def build_lesson(client, exercise_ids: list[str], **changes) -> Lesson:
    response = client.post("/builder/lessons/new", data=lesson_form(exercise_ids, **changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    from webapp.extensions import db

    return db.session.get(Lesson, response.headers["Location"].rsplit("/", 1)[-1])


def test_a_teacher_builds_a_lesson_from_their_exercise_and_a_library_one(client, db_session, login, teacher):
    login(client, teacher)
    page = client.get("/builder/lessons/new").get_data(as_text=True)
    for field_id in ('id="title"', 'id="grade_band"', 'id="exercises-0-exercise"', 'id="exercises-0-minutes"',
                     'id="warm_up_minutes"', 'id="notes"'):
        assert field_id in page
    own = build_exercise(client)
    lesson = build_lesson(client, [own.id, LIBRARY_EXERCISE])
    assert lesson.owner_id == teacher.id and lesson.duration_minutes == 70 and lesson.periods == 2
    assert [e.title for e in lesson.exercises] == [own.title, db_session.get(Exercise, LIBRARY_EXERCISE).title]
    assert all(e.owner_id == teacher.id and e.lesson_id == lesson.id for e in lesson.exercises)
    # the sources are untouched: the library's lesson keeps its exercise, the teacher's stays standalone
    assert db_session.get(Exercise, LIBRARY_EXERCISE).lesson_id == "what-is-framing"
    assert db_session.get(Exercise, own.id).lesson_id is None
    assert lesson.plan["objectives"][0] == "identify scare quotes in a news report"
    assert [s["step"] for s in lesson.plan["sequence"]] == [
        "warm-up", "mini-lesson", "exercise", "exercise", "discussion", "exit-ticket"]


def test_the_owner_sees_their_lesson_marked_and_others_do_not_see_it(client, login, switch_to, teacher,
                                                                      other_teacher):
    login(client, teacher)
    lesson = build_lesson(client, [LIBRARY_EXERCISE])
    page = client.get("/lessons/").get_data(as_text=True)
    assert lesson.title in page and "Yours" in page and f"/builder/lessons/{lesson.id}/edit" in page
    assert 'id="builder-link"' in page
    assert client.get(f"/lessons/{lesson.id}").status_code == 200
    switch_to(client, other_teacher)
    assert lesson.title not in client.get("/lessons/").get_data(as_text=True)
    assert client.get(f"/lessons/{lesson.id}").status_code == 404


def _message(response) -> str:
    return response.get_data(as_text=True)


def test_a_lesson_that_breaks_a_file_rule_is_refused_with_the_validators_message(client, db_session, login, teacher):
    login(client, teacher)
    cases = [
        ({"objectives": "only one objective"}, "'objectives' needs 2 to 4 items, not 1"),
        ({"objectives": "Students will be able to spot quotes\nexplain trust"}, "without 'Students will be able"),
        ({"standards": "RI.8.6 bad code"}, "is not a Common Core code"),
        ({"standards": "CCSS.ELA-LITERACY.RI.6.6 Point of view."}, "outside grade band 9-12"),
        ({"warm_up_minutes": "60"}, "at most two 50-minute periods"),
        ({"warm_up_minutes": "0"}, "From 1 to 100 minutes."),
        ({"notes": ""}, "Write the teacher notes"),
        ({"title": ""}, "Give it a title."),
    ]
    for changes, message in cases:
        response = client.post("/builder/lessons/new", data=lesson_form([LIBRARY_EXERCISE], **changes))
        assert response.status_code == 400, changes
        assert message in _message(response).replace("&#39;", "'"), (changes, message)
    response = client.post("/builder/lessons/new", data=lesson_form([]))
    assert response.status_code == 400 and "Choose at least one exercise." in _message(response)
    response = client.post("/builder/lessons/new", data=lesson_form([LIBRARY_EXERCISE, LIBRARY_EXERCISE]))
    assert response.status_code == 400 and "chosen once per lesson" in _message(response)
    assert db_session.scalar(select(Lesson).where(Lesson.owner_id == teacher.id)) is None
    assert db_session.scalar(select(Exercise).where(Exercise.owner_id == teacher.id)) is None


def test_the_owner_edits_their_lesson(client, db_session, login, teacher):
    login(client, teacher)
    own = build_exercise(client)
    lesson = build_lesson(client, [own.id, LIBRARY_EXERCISE])
    kept = lesson.exercises[0].id
    page = client.get(f"/builder/lessons/{lesson.id}/edit").get_data(as_text=True)
    assert lesson.title in page and f'<option selected value="{kept}">' in page
    response = client.post(f"/builder/lessons/{lesson.id}/edit", data=lesson_form([kept], title="Renamed lesson"))
    assert response.status_code == 302
    db_session.expire_all()
    lesson = db_session.get(Lesson, lesson.id)
    assert lesson.title == "Renamed lesson" and [e.id for e in lesson.exercises] == [kept]
    assert lesson.duration_minutes == 50 and lesson.periods == 1


def test_deleting_a_lesson_keeps_assigned_exercises_and_their_work(client, db_session, login, teacher, classroom):
    login(client, teacher)
    lesson = build_lesson(client, [LIBRARY_EXERCISE, build_exercise(client).id])
    assigned, unassigned = lesson.exercises[0].id, lesson.exercises[1].id
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": assigned, "classroom": classroom.id})
    assert response.status_code == 302
    assert client.post(f"/builder/lessons/{lesson.id}/delete").status_code == 302
    db_session.expire_all()
    assert db_session.get(Lesson, lesson.id) is None
    assert db_session.get(Exercise, unassigned) is None
    survivor = db_session.get(Exercise, assigned)
    assert survivor.lesson_id is None and survivor.owner_id == teacher.id
    assert db_session.scalar(select(Assignment).where(Assignment.exercise_id == assigned)) is not None


def test_shipped_lessons_cannot_be_edited_or_deleted(client, login, teacher):
    login(client, teacher)
    for url in ["/builder/lessons/what-is-framing/edit", "/builder/lessons/what-is-framing/delete",
                "/builder/lessons/what-is-framing/export.zip"]:
        assert client.get(url).status_code == 404, url


def test_hostile_text_in_a_lesson_is_escaped_on_its_pages(client, login, teacher):
    login(client, teacher)
    lesson = build_lesson(client, [LIBRARY_EXERCISE], title=f"Title {HOSTILE}",
                          materials=f"Cards {HOSTILE}", notes=f"## Notes\n\n{HOSTILE}")
    for url in ["/lessons/", f"/lessons/{lesson.id}", f"/lessons/{lesson.id}/print",
                f"/builder/lessons/{lesson.id}/edit"]:
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, url


def test_a_form_sent_twice_makes_one_lesson(client, db_session, login, teacher):
    login(client, teacher)
    build_lesson(client, [LIBRARY_EXERCISE])
    response = client.post("/builder/lessons/new", data=lesson_form([LIBRARY_EXERCISE]))
    assert response.status_code == 400 and "You already have a lesson called" in response.get_data(as_text=True)
    assert len(db_session.scalars(select(Lesson).where(Lesson.owner_id == teacher.id)).all()) == 1


def test_a_lesson_on_an_article_of_a_story_started_while_authoring_exports(client, login, teacher,
                                                                          make_own_article):
    """Saving an article can start a story with a title only; its lesson still goes out as a file,
    the story's title standing in for the summary a story file needs."""
    import io
    import zipfile

    from fixtures_authoring import key_change

    article = make_own_article(teacher)
    assert article.story.summary == ""
    login(client, teacher)
    start = article.text.index("reckless attack")
    keyed = client.post(f"/api/keys/{article.id}/changes", json=key_change("loaded-language", start, start + 15))
    assert keyed.status_code == 200
    own = build_exercise(client, title="On my own article", article=article.id, cues=["loaded-language"],
                         allow_absent_cues="y")
    lesson = build_lesson(client, [own.id])
    response = client.get(f"/builder/lessons/{lesson.id}/export.zip")
    assert response.status_code == 200, response.location
    files = zipfile.ZipFile(io.BytesIO(response.data))
    story = files.read(f"corpus/articles/{article.story_id}/story.yaml").decode()
    assert f"summary: {article.story.title}" in story
