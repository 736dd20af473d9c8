"""Where each student stands on an assignment, and reopening a submitted piece of work."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.routing import BuildError

from webapp.classes.forms import ConfirmForm
from webapp.classes.routes import bp, confirm_page
from webapp.extensions import db
from webapp.models import Assignment, Lesson, Submission
from webapp.services.assignments import STATUSES, AssignmentError, assignment_status, reopen_submission
from webapp.web.access import own_classroom, teacher_assignment, teacher_required, teacher_submission

SORTS = ("name", "status")


def class_assignment(classroom_id: int, assignment_id: int) -> Assignment:
    """An assignment of this class of the current teacher, or 404."""
    classroom = own_classroom(classroom_id)
    assignment = teacher_assignment(assignment_id)
    if assignment.classroom_id != classroom.id:
        abort(404)
    return assignment


def assignment_submission(classroom_id: int, assignment_id: int, submission_id: int) -> Submission:
    assignment = class_assignment(classroom_id, assignment_id)
    submission = teacher_submission(submission_id)
    if submission.assignment_id != assignment.id:
        abort(404)
    return submission


def review_url(submission_id: int) -> str:
    """The exercises feature's page for a teacher reading one submission."""
    try:
        return url_for("exercises.review", submission_id=submission_id)
    except BuildError:  # before that page exists
        return f"/work/review/{submission_id}"


@bp.route("/<int:classroom_id>/assignments/<int:assignment_id>")
@teacher_required
def assignment(classroom_id: int, assignment_id: int):
    assignment = class_assignment(classroom_id, assignment_id)
    sort = request.args.get("sort", "name")
    if sort not in SORTS:
        sort = "name"
    lesson = db.session.get(Lesson, assignment.lesson_id) if assignment.lesson_id else None
    return render_template(
        "classes/assignment.html", assignment=assignment, classroom=assignment.classroom, lesson=lesson,
        status=assignment_status(db.session, assignment, sort=sort), sort=sort, statuses=STATUSES,
        review_url=review_url)


@bp.route("/<int:classroom_id>/assignments/<int:assignment_id>/submissions/<int:submission_id>/reopen",
          methods=["GET", "POST"])
@teacher_required
def reopen(classroom_id: int, assignment_id: int, submission_id: int):
    submission = assignment_submission(classroom_id, assignment_id, submission_id)
    back = url_for("classes.assignment", classroom_id=classroom_id, assignment_id=assignment_id)
    name = submission.student.display_name
    if not ConfirmForm().validate_on_submit():
        return confirm_page(
            f"Reopen {name}’s work?",
            f"{name} will be able to change their labels again. Their work counts as in progress "
            "until they submit it again.", "Reopen the work", back)
    try:
        reopen_submission(db.session, submission)
    except AssignmentError as error:
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    flash(f"{name}’s work is open again.", "success")
    return redirect(back)
