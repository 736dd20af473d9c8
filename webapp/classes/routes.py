"""The teacher's classes: the list, a new class, the class page and its join code.

Students (add, import, PIN, remove) are in ``students.py`` and assignment progress in
``progress.py``; both add their views to this blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from webapp.classes.forms import ClassForm, ConfirmForm, StudentForm
from webapp.extensions import db
from webapp.models import Student
from webapp.services import accounts, demo
from webapp.services.assignments import class_assignments, roster_summary
from webapp.web.access import own_classroom, own_student, teacher_required

bp = Blueprint("classes", __name__, url_prefix="/classes")


def class_student(classroom_id: int, student_id: int) -> Student:
    """A student of this class of the current teacher, or 404."""
    classroom = own_classroom(classroom_id)
    student = own_student(student_id)
    if student.classroom_id != classroom.id:
        abort(404)
    return student


def shown_once(html: str):
    """A page with PINs on it: never cached, so the browser's back button cannot show it again."""
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


def confirm_page(title: str, message: str, button: str, cancel: str, danger: bool = False):
    """The page in front of every change that cannot be undone."""
    return render_template("classes/confirm.html", form=ConfirmForm(), title=title, message=message,
                           button=button, cancel=cancel, danger=danger)


@bp.route("/")
@teacher_required
def index():
    return render_template("classes/index.html", classrooms=current_user.classrooms)


@bp.route("/new", methods=["GET", "POST"])
@teacher_required
def new():
    form = ClassForm()
    if form.validate_on_submit():
        try:
            classroom = accounts.create_classroom(db.session, current_user, form.name.data)
        except accounts.AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Class “{classroom.name}” created. Its join code is {classroom.join_code}.", "success")
            return redirect(url_for("classes.show", classroom_id=classroom.id))
    return render_template("classes/new.html", form=form)


def render_class_page(classroom, add_form: StudentForm | None = None, status: int = 200):
    return render_template(
        "classes/show.html", classroom=classroom, add_form=add_form or StudentForm(),
        assignments=class_assignments(db.session, classroom),
        summary=roster_summary(db.session, classroom),
        join_url=url_for("auth.join", code=classroom.join_code, _external=True),
        demo_sign_ins=demo.demo_sign_ins(classroom),
    ), status


@bp.route("/<int:classroom_id>")
@teacher_required
def show(classroom_id: int):
    return render_class_page(own_classroom(classroom_id))


@bp.route("/<int:classroom_id>/code", methods=["GET", "POST"])
@teacher_required
def regenerate_code(classroom_id: int):
    classroom = own_classroom(classroom_id)
    back = url_for("classes.show", classroom_id=classroom.id)
    if not ConfirmForm().validate_on_submit():
        return confirm_page(
            "Make a new join code?",
            f"The code {classroom.join_code} will stop working. Students who are signed in stay signed in; "
            "the next time they sign in, they need the new code.", "Make a new code", back)
    code = accounts.regenerate_join_code(db.session, classroom)
    db.session.commit()
    flash(f"The new join code is {code}.", "success")
    return redirect(back)


from webapp.classes import assignment_edit, deletion, progress, students  # noqa: F401  (their views join this blueprint)
