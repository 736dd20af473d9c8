"""Deleting a student or a whole class, with everything attached (data retention).

GET shows what would go, with counts; POST (CSRF token, and a ticked box for a student or the
class name typed out for a class) deletes it through :mod:`webapp.services.retention`.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for

from webapp.classes.forms import DeleteClassForm, DeleteStudentForm
from webapp.classes.routes import bp, class_student
from webapp.extensions import db
from webapp.services import retention
from webapp.web.access import own_classroom, teacher_required


def _page(form, title: str, footprint: retention.Footprint, cancel: str, button: str, status: int = 200):
    return render_template("classes/delete.html", form=form, title=title, footprint=footprint,
                           cancel=cancel, button=button), status


@bp.route("/<int:classroom_id>/students/<int:student_id>/remove", methods=["GET", "POST"])
@teacher_required
def remove_student(classroom_id: int, student_id: int):
    student = class_student(classroom_id, student_id)
    back = url_for("classes.show", classroom_id=classroom_id)
    form = DeleteStudentForm()
    if not form.validate_on_submit():
        return _page(form, f"Remove {student.display_name} from the class?",
                     retention.student_footprint(db.session, student), back,
                     "Remove the student and their work", 400 if form.is_submitted() else 200)
    name = student.display_name
    retention.delete_student(db.session, student)
    db.session.commit()
    flash(f"{name} and their work were removed.", "success")
    return redirect(back)


@bp.route("/<int:classroom_id>/delete", methods=["GET", "POST"])
@teacher_required
def delete_class(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = DeleteClassForm(classroom.name)
    if not form.validate_on_submit():
        return _page(form, f"Delete the class {classroom.name}?",
                     retention.class_footprint(db.session, classroom),
                     url_for("classes.show", classroom_id=classroom.id),
                     "Delete the class and all its work", 400 if form.is_submitted() else 200)
    name = classroom.name
    retention.delete_classroom(db.session, classroom)
    db.session.commit()
    flash(f"The class {name} and all its work were deleted.", "success")
    return redirect(url_for("classes.index"))
