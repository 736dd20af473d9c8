"""The administrator's page of teacher accounts: "forgot my password" without e-mail. The
administrator (school IT, ``framelab create-teacher --admin``) makes a temporary password, shown
once and to be changed at the next sign-in, or sets one; the teacher is signed out everywhere."""

from __future__ import annotations

from flask import abort, make_response, render_template
from sqlalchemy import select

from webapp.auth.forms import AdminPasswordForm
from webapp.auth.routes import bp
from webapp.extensions import db
from webapp.models import Teacher
from webapp.services import accounts
from webapp.web.access import admin_required


@bp.route("/admin/teachers")
@admin_required
def admin_teachers():
    teachers = db.session.scalars(select(Teacher).order_by(Teacher.name, Teacher.email)).all()
    return render_template("auth/admin_teachers.html", teachers=teachers)


@bp.route("/admin/teachers/<int:teacher_id>/password", methods=["GET", "POST"])
@admin_required
def admin_reset_password(teacher_id: int):
    teacher = db.session.get(Teacher, teacher_id) or abort(404)
    form = AdminPasswordForm()
    if form.validate_on_submit():
        given = form.password.data if form.choice.data == "given" else None
        if form.choice.data == "given" and not given:
            form.password.errors.append("Type the password to set, or choose a temporary one.")
        else:
            try:
                temporary = accounts.reset_password(db.session, teacher, given)
            except accounts.AccountError as error:
                form.password.errors.append(str(error))
            else:
                db.session.commit()
                response = make_response(render_template("auth/admin_reset_done.html", teacher=teacher,
                                                          temporary=temporary))
                response.headers["Cache-Control"] = "no-store"  # the password is shown once
                return response
    return render_template("auth/admin_reset.html", teacher=teacher, form=form), 400 if form.errors else 200
