"""Changing an assignment: its due date, unassigning it (keep or delete the students' work),
giving it back to the class, and returning one student's work with a comment.

Every view is the class teacher's only (``class_assignment`` answers 404 to anyone else) and
every change is a POST through a Flask-WTF form, so it carries a CSRF token.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from webapp.classes.assignment_forms import DueDateForm, ReturnWorkForm, UnassignForm
from webapp.classes.forms import ConfirmForm
from webapp.classes.progress import assignment_submission, class_assignment
from webapp.classes.routes import bp
from webapp.extensions import db
from webapp.models import Assignment
from webapp.services import assignment_changes
from webapp.services.assignments import AssignmentError, return_submission
from webapp.web.access import teacher_required
from webapp.web.localtime import format_local, now_local, teacher_zone, to_utc


def _status_url(assignment: Assignment) -> str:
    return url_for("classes.assignment", classroom_id=assignment.classroom_id, assignment_id=assignment.id)


def _other_class_url(assignment: Assignment) -> str:
    """Where to give the same work to another class: the lesson's assign form, or the builder's."""
    exercise = assignment.exercise
    if exercise.lesson_id is not None:
        target = "lesson" if assignment.lesson_id else exercise.id
        return url_for("lessons.assign", lesson_id=exercise.lesson_id, exercise=target)
    return url_for("builder.assign_exercise_view", exercise_id=exercise.id)


def _edit_exercise_url(assignment: Assignment) -> str | None:
    exercise = assignment.exercise
    if exercise.owner_id == current_user.id and exercise.lesson_id is None:
        return url_for("builder.edit_exercise", exercise_id=exercise.id)
    return None


@bp.route("/<int:classroom_id>/assignments/<int:assignment_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_assignment(classroom_id: int, assignment_id: int):
    assignment = class_assignment(classroom_id, assignment_id)
    zone = teacher_zone(current_user)
    form = DueDateForm()
    if form.validate_on_submit():
        try:
            assignment_changes.change_due(db.session, assignment, to_utc(form.due_at.data, zone))
        except AssignmentError as error:
            db.session.rollback()
            form.due_at.errors.append(str(error))
        else:
            db.session.commit()
            flash("Due date saved." if assignment.due_at else "The assignment has no due date now.", "success")
            return redirect(_status_url(assignment))
    elif not form.is_submitted():
        form.due_at.data = None
        if assignment.due_at is not None:
            form.due_at.raw_data = [format_local(assignment.due_at, "input", zone)]
    return render_template("classes/assignment_edit.html", assignment=assignment, classroom=assignment.classroom,
                           form=form, now_local=now_local(), other_class_url=_other_class_url(assignment),
                           edit_exercise_url=_edit_exercise_url(assignment),
                           restore_form=ConfirmForm()), 400 if form.errors else 200


@bp.route("/<int:classroom_id>/assignments/<int:assignment_id>/unassign", methods=["GET", "POST"])
@teacher_required
def unassign(classroom_id: int, assignment_id: int):
    assignment = class_assignment(classroom_id, assignment_id)
    form = UnassignForm()
    if form.validate_on_submit():
        keep = form.work.data == assignment_changes.KEEP
        try:
            assignment_changes.unassign(db.session, assignment, form.work.data)
        except AssignmentError as error:
            db.session.rollback()
            form.work.errors.append(str(error))
        else:
            db.session.commit()
            flash("Unassigned. The students' work is kept: you find it under “Unassigned” on the class page."
                  if keep else "Unassigned, and the students' work on it deleted.", "success")
            return redirect(url_for("classes.show", classroom_id=classroom_id))
    return render_template("classes/unassign.html", assignment=assignment, classroom=assignment.classroom,
                           form=form), 400 if form.errors else 200


@bp.post("/<int:classroom_id>/assignments/<int:assignment_id>/restore")
@teacher_required
def restore_assignment(classroom_id: int, assignment_id: int):
    """Give an assignment unassigned with its work kept back to the class, work and all."""
    assignment = class_assignment(classroom_id, assignment_id)
    if ConfirmForm().validate_on_submit() and assignment.unassigned_at is not None:
        assignment.unassigned_at = None
        db.session.commit()
        flash("Assigned again: students see it, with the work they had done.", "success")
    return redirect(_status_url(assignment))


@bp.route("/<int:classroom_id>/assignments/<int:assignment_id>/submissions/<int:submission_id>/return",
          methods=["GET", "POST"])
@teacher_required
def return_work(classroom_id: int, assignment_id: int, submission_id: int):
    submission = assignment_submission(classroom_id, assignment_id, submission_id)
    form = ReturnWorkForm()
    if form.validate_on_submit():
        try:
            return_submission(db.session, submission, form.comment.data)
        except AssignmentError as error:
            db.session.rollback()
            form.comment.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"{submission.student.display_name}’s work is returned with your comment.", "success")
            return redirect(_status_url(submission.assignment))
    elif not form.is_submitted() and submission.teacher_comment:
        form.comment.data = submission.teacher_comment
    return render_template("classes/return_work.html", submission=submission, assignment=submission.assignment,
                           classroom=submission.assignment.classroom, form=form), 400 if form.errors else 200
