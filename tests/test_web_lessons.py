"""The lesson library, the teacher's lesson page, its print view, the students' view, and
assigning a lesson or an exercise to a class."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from webapp.models import Assignment, Lesson
from webapp.models.base import utcnow


def _lesson_urls(lesson):
    return ["/lessons/", f"/lessons/{lesson.id}", f"/lessons/{lesson.id}/print", f"/lessons/{lesson.id}/assign"]


def _assignments(db_session) -> list[Assignment]:
    return db_session.scalars(select(Assignment).order_by(Assignment.id)).all()


def _future(hours: int = 48) -> dt.datetime:
    return (utcnow() + dt.timedelta(hours=hours)).replace(second=0, microsecond=0)


# ---- who may see what ----

def test_anonymous_visitors_are_sent_to_sign_in(client, lesson):
    for url in _lesson_urls(lesson) + [f"/lessons/{lesson.id}/student", f"/lessons/{lesson.id}/handout"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_students_may_not_open_teacher_pages(client, login, student, lesson):
    login(client, student)
    for url in _lesson_urls(lesson):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/lessons/{lesson.id}/assign").status_code == 403


def test_an_unknown_lesson_is_not_found(client, login, teacher):
    login(client, teacher)
    assert client.get("/lessons/no-such-lesson").status_code == 404


def test_another_teachers_own_lesson_is_not_found(client, db_session, login, teacher, other_teacher):
    db_session.add(Lesson(id="private", position=99, title="Private plan", grade_band="6-8", periods=1,
                          duration_minutes=50, plan={}, notes="", owner_id=other_teacher.id))
    db_session.commit()
    login(client, teacher)
    assert "Private plan" not in client.get("/lessons/").get_data(as_text=True)
    for url in ["/lessons/private", "/lessons/private/print", "/lessons/private/student", "/lessons/private/handout",
                "/lessons/private/assign"]:
        assert client.get(url).status_code == 404, url


# ---- the library and the lesson page ----

def test_the_library_shows_a_card_per_lesson(client, db_session, login, teacher, lesson):
    login(client, teacher)
    page = client.get("/lessons/").get_data(as_text=True)
    assert page.count('class="card"') == db_session.scalar(select(func.count()).select_from(Lesson))
    assert lesson.title.replace('"', "&#34;") in page and f"Grades {lesson.grade_band}" in page
    assert lesson.exercises[0].title in page


def test_the_lesson_page_shows_the_whole_plan(client, login, teacher, lesson):
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    step = lesson.plan["sequence"][0]
    assert "Learning objectives" in page and lesson.plan["standards"][0]["code"] in page
    assert f"<td>{step['minutes']}</td>" in page and "Warm-up" in page
    assert "Teacher notes" in page and lesson.exercises[0].instructions.split()[0] in page
    assert lesson.exercises[0].article.outlet in page


def test_teacher_notes_are_markdown_with_html_escaped(client, db_session, login, teacher, lesson):
    lesson.notes = "## Teacher notes\n\n# Expected answers\n\n**Bold** point.\n\n<script>alert('notes')</script>\n\n[x](javascript:alert(1))"
    db_session.commit()
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}").get_data(as_text=True)
    assert "<h3>Expected answers</h3>" in page and "<strong>Bold</strong>" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert 'href="javascript:' not in page and page.count("Teacher notes") == 1


def test_markdown_tables_render_without_style_attributes():
    from webapp.services.lessons import render_markdown

    html = render_markdown("| a | b |\n|:-:|--:|\n| <i>1</i> | 2 |\n")
    assert "<table>" in html and "style=" not in html and "&lt;i&gt;1&lt;/i&gt;" in html


def test_markdown_headings_start_below_the_page_headings():
    from webapp.services.lessons import render_markdown

    html = render_markdown("### Background\n\n#### Detail\n", top_level=3)
    assert "<h3>Background</h3>" in html and "<h4>Detail</h4>" in html


def test_the_print_view_has_the_plan_and_the_print_layout(client, login, teacher, lesson):
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/print").get_data(as_text=True)
    assert 'class="print-view"' in page and "Teacher notes" in page and "Sequence" in page
    assert "Print command" in page


def test_the_print_rules_fit_a4_and_letter():
    from webapp.paths import PROJECT_ROOT

    css = (PROJECT_ROOT / "webapp/static/css/app.css").read_text(encoding="utf-8")
    assert "@page { margin: 15mm" in css and "size: A4" not in css and "size: letter" not in css.lower()


# ---- the students' view ----

def test_a_teacher_previews_the_students_view_without_notes(client, db_session, login, teacher, lesson):
    lesson.notes = "SECRET-TEACHER-NOTE"
    db_session.commit()
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/student").get_data(as_text=True)
    assert "What you will learn" in page and "Glossary of the cues" in page
    assert "SECRET-TEACHER-NOTE" not in page and "Teacher notes" not in page


def test_a_student_whose_class_has_the_lesson_sees_it(client, login, student, assignment, lesson):
    login(client, student)
    page = client.get(f"/lessons/{lesson.id}/student").get_data(as_text=True)
    assert lesson.exercises[0].instructions.split()[0] in page


def test_a_student_without_the_lesson_gets_404(client, login, student, lesson):
    login(client, student)
    assert client.get(f"/lessons/{lesson.id}/student").status_code == 404


def test_the_students_view_gives_no_answers(client, db_session, login, teacher, lesson):
    from webapp.models import KeyLabel

    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/student").get_data(as_text=True)
    rationales = db_session.scalars(select(KeyLabel.rationale).where(
        KeyLabel.article_id.in_([e.article_id for e in lesson.exercises]))).all()
    assert rationales and not any(r in page for r in rationales)


def test_glossary_examples_are_not_quoted_from_the_lessons_articles(db_session, lesson):
    from webapp.services.lessons import glossary

    texts = [" ".join(e.article.text.split()) for e in lesson.exercises]
    for entry in glossary(db_session, lesson):
        assert entry.example is None or not any(" ".join(entry.example["text"].split()) in t for t in texts)


# ---- the student handout ----

def test_the_handout_prints_each_article_with_numbered_paragraphs(client, login, teacher, lesson):
    from webapp.services.handout import handout_articles

    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/handout").get_data(as_text=True)
    articles = handout_articles(lesson)
    assert len(articles) == len({e.article_id for e in lesson.exercises})
    first = articles[0]
    numbered = [p for p in first.paragraphs if p.number]
    assert [p.number for p in numbered] == list(range(1, len(numbered) + 1))
    assert f'<li value="{len(numbered)}">' in page
    assert page.count('class="handout-article"') == len(articles)
    assert "Glossary of the cues" in page and 'class="print-view handout"' in page
    assert lesson.exercises[0].instructions.split()[0] in page


def test_the_handouts_paragraphs_cover_the_whole_article(lesson):
    from webapp.services.handout import handout_articles

    for item in handout_articles(lesson):
        words = " ".join(p.text for p in item.paragraphs).split()
        assert words == item.article.text.split()


def test_the_handout_gives_no_answers(client, db_session, login, teacher, lesson):
    from webapp.models import KeyLabel

    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/handout").get_data(as_text=True)
    rationales = db_session.scalars(select(KeyLabel.rationale).where(
        KeyLabel.article_id.in_([e.article_id for e in lesson.exercises]))).all()
    assert rationales and not any(r in page for r in rationales)
    assert "Teacher notes" not in page


def test_a_student_opens_the_handout_only_when_the_class_has_the_lesson(client, login, student, lesson,
                                                                        make_assignment, classroom):
    login(client, student)
    assert client.get(f"/lessons/{lesson.id}/handout").status_code == 404
    make_assignment(classroom, lesson.exercises[0])
    assert client.get(f"/lessons/{lesson.id}/handout").status_code == 200


def test_the_handout_escapes_what_it_prints(client, db_session, login, teacher, lesson):
    lesson.exercises[0].article.outlet = "<script>alert(1)</script>"
    lesson.exercises[0].instructions = "<img src=x onerror=alert(2)>"
    db_session.commit()
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/handout").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page


# ---- assigning ----

def test_the_assign_form_offers_my_classes_and_the_lessons_exercises(client, login, teacher, classroom,
                                                                    other_classroom, lesson):
    login(client, teacher)
    page = client.get(f"/lessons/{lesson.id}/assign").get_data(as_text=True)
    assert classroom.name in page and other_classroom.name not in page
    assert "The whole lesson" in page and lesson.exercises[0].title in page
    assert 'type="datetime-local"' in page and "Type it in your time" in page


def test_the_assign_page_says_to_create_a_class_first(client, login, teacher, lesson):
    login(client, teacher)
    assert "You need a class first" in client.get(f"/lessons/{lesson.id}/assign").get_data(as_text=True)


def test_assigning_a_whole_lesson_makes_one_assignment_per_exercise(client, db_session, login, teacher,
                                                                  classroom, lesson):
    login(client, teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": "lesson", "classroom": classroom.id})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/classes/{classroom.id}")
    made = _assignments(db_session)
    assert [a.exercise_id for a in made] == [e.id for e in lesson.exercises]
    assert all(a.lesson_id == lesson.id and a.due_at is None and a.classroom_id == classroom.id for a in made)


def test_assigning_one_exercise_with_a_due_time(client, db_session, login, teacher, classroom, lesson):
    exercise, due = lesson.exercises[-1], _future()
    login(client, teacher)
    client.post(f"/lessons/{lesson.id}/assign", data={
        "target": exercise.id, "classroom": classroom.id, "due_at": due.strftime("%Y-%m-%dT%H:%M")})
    (made,) = _assignments(db_session)
    assert (made.exercise_id, made.lesson_id, made.due_at) == (exercise.id, None, due)


def test_a_due_time_in_the_past_is_refused(client, db_session, login, teacher, classroom, lesson):
    login(client, teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={
        "target": "lesson", "classroom": classroom.id, "due_at": "2020-01-01T09:00"})
    assert response.status_code == 400 and "already passed" in response.get_data(as_text=True)
    assert _assignments(db_session) == []


def test_a_malformed_due_time_is_refused(client, db_session, login, teacher, classroom, lesson):
    login(client, teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={
        "target": "lesson", "classroom": classroom.id, "due_at": "next tuesday"})
    assert response.status_code == 400 and _assignments(db_session) == []


def test_assigning_twice_is_refused(client, db_session, login, teacher, classroom, lesson):
    login(client, teacher)
    data = {"target": lesson.exercises[0].id, "classroom": classroom.id}
    client.post(f"/lessons/{lesson.id}/assign", data=data)
    response = client.post(f"/lessons/{lesson.id}/assign", data=data)
    assert response.status_code == 400 and "already has" in response.get_data(as_text=True)
    assert len(_assignments(db_session)) == 1


def test_assigning_the_lesson_after_one_exercise_adds_the_rest(client, db_session, login, teacher, classroom, lesson):
    if len(lesson.exercises) < 2:
        pytest.skip("the first lesson has a single exercise")
    login(client, teacher)
    client.post(f"/lessons/{lesson.id}/assign", data={"target": lesson.exercises[0].id, "classroom": classroom.id})
    client.post(f"/lessons/{lesson.id}/assign", data={"target": "lesson", "classroom": classroom.id})
    assert sorted(a.exercise_id for a in _assignments(db_session)) == sorted(e.id for e in lesson.exercises)


def test_assigning_to_another_teachers_class_is_refused(client, db_session, login, teacher, classroom,
                                                       other_classroom, lesson):
    login(client, teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": "lesson", "classroom": other_classroom.id})
    assert response.status_code == 400 and _assignments(db_session) == []


def test_assigning_needs_the_csrf_token(app, client, db_session, login, teacher, classroom, lesson):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    response = client.post(f"/lessons/{lesson.id}/assign", data={"target": "lesson", "classroom": classroom.id})
    assert response.status_code == 400 and _assignments(db_session) == []
