"""The teacher's classes: list, create, the class page and its join code, adding a student,
resetting a PIN and removing a student; each route for each role."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.models import Label, Student, Submission
from webapp.services import accounts


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


# ---- who may see what: every class route, for every role ----

def _class_urls(classroom, student):
    base = f"/classes/{classroom.id}"
    return [
        ("get", "/classes/"), ("get", "/classes/new"), ("get", base), ("get", f"{base}/code"),
        ("post", f"{base}/code"), ("post", f"{base}/students"), ("get", f"{base}/import"), ("post", f"{base}/import"),
        ("get", f"{base}/students/{student.id}/pin"), ("post", f"{base}/students/{student.id}/pin"),
        ("get", f"{base}/students/{student.id}/remove"), ("post", f"{base}/students/{student.id}/remove"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, classroom, student):
    for method, url in _class_urls(classroom, student):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_students_are_forbidden(client, login, classroom, student):
    login(client, student)
    for method, url in _class_urls(classroom, student):
        assert getattr(client, method)(url).status_code == 403, url


def test_another_teachers_class_is_not_found(client, login, other_teacher, classroom, student):
    login(client, other_teacher)
    for method, url in _class_urls(classroom, student)[2:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_a_student_of_another_class_is_not_found_through_mine(client, login, teacher, make_classroom,
                                                             make_student, classroom):
    mine = make_classroom(teacher, "Period 5")
    elsewhere = make_student(classroom, "Ben")
    login(client, teacher)
    assert client.get(f"/classes/{mine.id}/students/{elsewhere.id}/pin").status_code == 404
    assert client.post(f"/classes/{mine.id}/students/{elsewhere.id}/remove").status_code == 404


def test_the_list_shows_only_my_classes(client, login, teacher, classroom, other_classroom):
    login(client, teacher)
    page = client.get("/classes/").get_data(as_text=True)
    assert classroom.name in page and classroom.join_code in page and "Other class" not in page


# ---- creating a class ----

def test_a_teacher_creates_a_class(client, db_session, login, teacher):
    login(client, teacher)
    response = client.post("/classes/new", data={"name": "  8B   Media  "})
    classroom = teacher.classrooms[0]
    assert classroom.name == "8B Media" and len(classroom.join_code) == 6
    assert response.headers["Location"].endswith(f"/classes/{classroom.id}")


def test_a_class_needs_a_name(client, login, teacher):
    login(client, teacher)
    response = client.post("/classes/new", data={"name": "   "})
    assert "Give the class a name." in response.get_data(as_text=True) and not teacher.classrooms


def test_a_class_name_has_a_length_limit(client, login, teacher):
    login(client, teacher)
    assert "at most 120" in client.post("/classes/new", data={"name": "x" * 121}).get_data(as_text=True)


# ---- the class page ----

def test_the_class_page_shows_the_code_and_the_roster(client, login, teacher, classroom, student):
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert 'class="join-code"' in page and classroom.join_code in page
    assert "Ada" in page and "No assignments yet" in page


def test_names_are_escaped_on_the_class_page(client, login, teacher, classroom, make_student):
    make_student(classroom, "<script>alert(1)</script>")
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_regenerating_the_code_asks_first(client, login, teacher, classroom):
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}/code").get_data(as_text=True)
    assert "Make a new join code?" in page and 'method="post"' in page


def test_regenerating_the_code_replaces_it(client, db_session, login, teacher, classroom):
    old = classroom.join_code
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/code")
    db_session.refresh(classroom)
    assert response.status_code == 302 and classroom.join_code != old
    assert accounts.find_classroom(db_session, old) is None


# ---- adding a student ----

def test_adding_a_student_shows_their_pin_once(client, db_session, login, teacher, classroom):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students", data={"display_name": "Grace"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    student = db_session.scalar(select(Student).where(Student.display_name == "Grace"))
    pin = page.split('<dt>PIN</dt><dd class="code">')[1].split("<")[0]
    assert accounts.check_secret(student.pin_hash, pin) and "shown only once" in page


def test_adding_a_duplicate_name_is_refused(client, db_session, login, teacher, classroom, student):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students", data={"display_name": "ADA"})
    assert response.status_code == 400 and "already a student called" in response.get_data(as_text=True)
    assert _count(db_session, Student) == 1


def test_adding_a_student_without_a_name_is_refused(client, login, teacher, classroom):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students", data={"display_name": ""})
    assert response.status_code == 400 and "Enter the student’s name." in response.get_data(as_text=True)


def test_adding_a_student_without_csrf_token_is_refused(app, client, db_session, login, teacher, classroom):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert client.post(f"/classes/{classroom.id}/students", data={"display_name": "Grace"}).status_code == 400
    assert _count(db_session, Student) == 0


# ---- resetting a PIN ----

def test_resetting_a_pin_asks_first(client, login, teacher, classroom, student):
    login(client, teacher)
    assert "Give Ada a new PIN?" in client.get(f"/classes/{classroom.id}/students/{student.id}/pin").get_data(as_text=True)


def test_resetting_a_pin_shows_the_new_one_once(client, db_session, login, teacher, classroom, student):
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students/{student.id}/pin")
    pin = response.get_data(as_text=True).split('<dt>PIN</dt><dd class="code">')[1].split("<")[0]
    db_session.refresh(student)
    assert response.headers["Cache-Control"] == "no-store"
    assert accounts.check_secret(student.pin_hash, pin) and not accounts.check_secret(student.pin_hash, "1234")


def test_resetting_a_pin_without_csrf_token_is_refused(app, client, db_session, login, teacher, classroom, student):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert client.post(f"/classes/{classroom.id}/students/{student.id}/pin").status_code == 400
    db_session.refresh(student)
    assert accounts.check_secret(student.pin_hash, "1234")


# ---- removing a student ----

def test_removing_a_student_asks_first(client, login, teacher, classroom, student):
    login(client, teacher)
    page = client.get(f"/classes/{classroom.id}/students/{student.id}/remove").get_data(as_text=True)
    assert "Remove Ada from the class?" in page and "cannot be undone" in page


def test_removing_a_student_deletes_their_work(client, db_session, login, teacher, classroom, student,
                                               assignment, make_submission, exercise):
    submission = make_submission(assignment, student)
    db_session.add(Label(submission_id=submission.id, client_id="a", cue_id=exercise.cues[0], start=0, end=4))
    db_session.commit()
    login(client, teacher)
    response = client.post(f"/classes/{classroom.id}/students/{student.id}/remove", data={"confirm": "y"})
    assert response.status_code == 302
    db_session.expire_all()
    assert (_count(db_session, Student), _count(db_session, Submission), _count(db_session, Label)) == (0, 0, 0)


def test_removing_one_student_keeps_the_others_work(client, db_session, login, teacher, classroom, student,
                                                    make_student, assignment, make_submission):
    other = make_student(classroom, "Ben")
    make_submission(assignment, other)
    login(client, teacher)
    client.post(f"/classes/{classroom.id}/students/{student.id}/remove", data={"confirm": "y"})
    db_session.expire_all()
    assert db_session.scalars(select(Submission.student_id)).all() == [other.id]


def test_removing_needs_the_csrf_token(app, client, db_session, login, teacher, classroom, student):
    app.config["WTF_CSRF_ENABLED"] = True
    login(client, teacher)
    assert client.post(f"/classes/{classroom.id}/students/{student.id}/remove").status_code == 400
    assert _count(db_session, Student) == 1
