"""``framelab demo``: the demo classroom, built through the app's own services, idempotently."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.models import Assignment, Classroom, Label, Student, Submission, Teacher
from webapp.services import accounts
from webapp.services.assignments import assignment_status
from webapp.services.demo import DEMO_EMAIL, DEMO_PASSWORD, DEMO_STUDENTS
from webapp.web.commands import demo_command

MODELS = (Teacher, Classroom, Student, Assignment, Submission, Label)


def _counts(db_session) -> tuple[int, ...]:
    return tuple(db_session.scalar(select(func.count()).select_from(model)) for model in MODELS)


def _run(runner):
    result = runner.invoke(demo_command)
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_prints_the_login_details(runner, db_session):
    output = _run(runner)
    code = db_session.scalar(select(Classroom.join_code).where(Classroom.name == "Demo class"))
    assert DEMO_EMAIL in output and DEMO_PASSWORD in output and code in output
    assert all(name in output and pin in output for name, pin in DEMO_STUDENTS)


def test_demo_builds_a_living_classroom(runner, db_session):
    _run(runner)
    assignment = db_session.scalar(select(Assignment))
    status = assignment_status(db_session, assignment)
    assert status.counts["submitted"] == 2 and status.counts["in_progress"] == 1 and status.counts["not_started"] == 2
    assert db_session.scalar(select(func.count()).select_from(Label)) >= 3


def test_demo_logins_work(runner, db_session):
    _run(runner)
    code = db_session.scalar(select(Classroom.join_code).where(Classroom.name == "Demo class"))
    assert accounts.authenticate_teacher(db_session, DEMO_EMAIL, DEMO_PASSWORD) is not None
    name, pin = DEMO_STUDENTS[0]
    assert accounts.authenticate_student(db_session, code, name, pin) is not None


def test_demo_is_idempotent(runner, db_session):
    first = _run(runner)
    counts = _counts(db_session)
    second = _run(runner)
    db_session.expire_all()
    assert _counts(db_session) == counts
    assert "already there" in second and first.splitlines()[3:] == second.splitlines()[3:]


def test_demo_puts_back_a_changed_pin(runner, db_session):
    _run(runner)
    name, pin = DEMO_STUDENTS[1]
    student = db_session.scalar(select(Student).where(Student.display_name == name))
    accounts.reset_pin(db_session, student)
    db_session.commit()
    _run(runner)
    db_session.expire_all()
    assert accounts.check_secret(db_session.get(Student, student.id).pin_hash, pin)


def test_demo_leaves_reopened_work_alone(runner, db_session):
    from webapp.services.assignments import reopen_submission

    _run(runner)
    submission = db_session.scalar(select(Submission).where(Submission.status == "submitted"))
    reopen_submission(db_session, submission)
    db_session.commit()
    _run(runner)
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).status == "in_progress"


def test_demo_without_lessons_says_what_to_run(runner, db_session):
    from sqlalchemy import delete

    from webapp.models import Exercise, Lesson

    db_session.execute(delete(Exercise))
    db_session.execute(delete(Lesson))
    db_session.commit()
    result = runner.invoke(demo_command)
    assert result.exit_code == 1 and "framelab load" in result.output


# ---- the demo class's page shows its sign-ins again ----

def _demo_class(db_session) -> Classroom:
    return db_session.scalar(select(Classroom).where(Classroom.name == "Demo class"))


def test_the_demo_class_page_shows_the_code_and_pins_to_its_teacher(runner, db_session, client, login):
    _run(runner)
    classroom = _demo_class(db_session)
    login(client, classroom.teacher)
    page = client.get(f"/classes/{classroom.id}").get_data(as_text=True)
    section = page.split('id="demo-heading"')[1].split("</section>")[0]
    assert classroom.join_code in section
    assert all(f">{name}</th><td data-label=\"PIN\">{pin}<" in section for name, pin in DEMO_STUDENTS)


def test_a_pin_the_teacher_changed_is_not_shown(runner, db_session, client, login):
    _run(runner)
    classroom = _demo_class(db_session)
    name = DEMO_STUDENTS[0][0]
    student = next(s for s in classroom.students if s.display_name == name)
    student.pin_hash = accounts.hash_pin("9999")
    db_session.commit()
    login(client, classroom.teacher)
    section = client.get(f"/classes/{classroom.id}").get_data(as_text=True).split('id="demo-heading"')[1]
    assert f">{name}</th>" not in section.split("</section>")[0]


def test_no_other_class_shows_pins(runner, db_session, client, login, switch_to, teacher, classroom, make_student):
    _run(runner)
    make_student(classroom, "Ada", "2468")  # a real class named otherwise, with the demo's PIN by chance
    renamed = accounts.create_classroom(db_session, _demo_class(db_session).teacher, "Period 1")
    db_session.commit()
    login(client, teacher)
    response = client.get(f"/classes/{classroom.id}")
    assert response.status_code == 200 and "demo-heading" not in response.get_data(as_text=True)
    switch_to(client, renamed.teacher)
    response = client.get(f"/classes/{renamed.id}")
    assert response.status_code == 200 and "demo-heading" not in response.get_data(as_text=True)


def test_a_class_called_demo_class_of_another_teacher_shows_no_pins(runner, db_session, client, login, teacher):
    other = accounts.create_classroom(db_session, teacher, "Demo class")
    db_session.commit()
    login(client, teacher)
    response = client.get(f"/classes/{other.id}")
    assert response.status_code == 200 and "demo-heading" not in response.get_data(as_text=True)
