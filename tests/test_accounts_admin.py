"""Administrators: teacher accounts of the school's IT, made only from the command line."""

from __future__ import annotations

from fixtures_web import TEACHER_PASSWORD
from flask import Flask
from sqlalchemy import select

from webapp.cli import main as framelab
from webapp.models import Teacher
from webapp.web.access import admin_required


def test_create_teacher_admin_flag_makes_an_administrator(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(framelab, ["create-teacher", "--email", "IT@School.org", "--name", "Sam IT",
                                      "--password", TEACHER_PASSWORD, "--admin"])
    assert result.exit_code == 0, result.output
    assert "administrator account created for it@school.org" in result.output
    result = runner.invoke(framelab, ["create-teacher", "--email", "ms@school.org", "--name", "Ms Lee",
                                      "--password", TEACHER_PASSWORD])
    assert result.exit_code == 0, result.output
    admins = {t.email: t.is_admin for t in db_session.scalars(select(Teacher))}
    assert admins == {"it@school.org": True, "ms@school.org": False}


def test_admin_required_refuses_plain_teachers_and_students(app: Flask, client, switch_to, make_teacher,
                                                            make_classroom, make_student):
    @app.get("/_admin_only")
    @admin_required
    def admin_only():
        return "ok"

    admin, teacher = make_teacher("it@school.org", admin=True), make_teacher("ms@school.org")
    student = make_student(make_classroom(teacher))
    assert client.get("/_admin_only").status_code == 302  # anonymous: to the sign-in page
    for account, status in ((student, 403), (teacher, 403), (admin, 200)):
        switch_to(client, account)
        assert client.get("/_admin_only").status_code == status
