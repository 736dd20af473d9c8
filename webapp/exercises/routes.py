"""The student's side of the classroom: their assignments, the labelling exercise, handing in and
the feedback; and the teacher's review of one student's work. Labels themselves are saved
through the JSON API (``webapp.api``)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import BuildError

from webapp.exercises import context
from webapp.exercises.forms import CommentForm, SubmitWorkForm
from webapp.extensions import db
from webapp.models import Cue
from webapp.presenters.cue_palette import cue_css
from webapp.services import work as work_service
from webapp.services.labels import find_submission
from webapp.web.access import student_assignment, student_required, teacher_required, teacher_submission

bp = Blueprint("exercises", __name__, url_prefix="/work")


@bp.get("/")
@student_required
def index():
    rows = work_service.student_assignments(db.session, current_user)
    return render_template("exercises/index.html", rows=rows)


@bp.get("/<int:assignment_id>")
@student_required
def work(assignment_id: int):
    assignment = student_assignment(assignment_id)
    submission = find_submission(db.session, assignment, current_user)
    page = context.exercise_page(db.session, assignment, current_user.id, submission)
    return render_template("exercises/work.html", **page)


@bp.route("/<int:assignment_id>/submit", methods=["GET", "POST"])
@student_required
def submit(assignment_id: int):
    assignment = student_assignment(assignment_id)
    form = SubmitWorkForm()
    if form.validate_on_submit():
        if work_service.submit(db.session, assignment, current_user):
            flash("Your work is handed in. Here is your feedback.", "success")
        else:
            flash("This work was already handed in; nothing changed.", "info")
        return redirect(url_for(".feedback", assignment_id=assignment.id))
    submission = find_submission(db.session, assignment, current_user)
    if work_service.is_submitted(submission):
        return redirect(url_for(".feedback", assignment_id=assignment.id))
    labels = len(submission.labels) if submission else 0
    return render_template("exercises/submit.html", assignment=assignment, form=form, labels=labels,
                           data={"assignment": assignment.id, "student": current_user.id,
                                 "changes": url_for("api.changes", assignment_id=assignment.id)})


@bp.get("/<int:assignment_id>/feedback")
@student_required
def feedback(assignment_id: int):
    assignment = student_assignment(assignment_id)
    submission = find_submission(db.session, assignment, current_user)
    if not work_service.may_see_feedback(assignment, submission):
        flash("The feedback on a graded exercise appears once you have submitted your work.", "info")
        return redirect(url_for(".work", assignment_id=assignment.id))
    page = context.feedback_page(db.session, assignment, submission, request.args.get("sentence"), "student",
                                 request.args.get("view"), request.args.get("reveal"))
    return render_template("exercises/feedback.html", viewer="student", **page)


@bp.route("/review/<int:submission_id>", methods=["GET", "POST"])
@teacher_required
def review(submission_id: int):
    submission = teacher_submission(submission_id)
    form = CommentForm(data={"comment": submission.teacher_comment or ""})
    if form.validate_on_submit():
        submission.teacher_comment = (form.comment.data or "").strip() or None
        db.session.commit()
        flash("Comment saved. The student sees it with their feedback.", "success")
        return redirect(url_for(".review", submission_id=submission.id))
    page = context.feedback_page(db.session, submission.assignment, submission, request.args.get("sentence"),
                                 "teacher", request.args.get("view"))
    return render_template("exercises/review.html", viewer="teacher", form=form, back_url=_status_url(submission),
                           **page)


def _status_url(submission) -> str | None:
    """The class's status page for this assignment (the classes feature), when it exists."""
    try:
        return url_for("classes.assignment", classroom_id=submission.assignment.classroom_id,
                       assignment_id=submission.assignment_id)
    except BuildError:
        return None


@bp.get("/cues.css")
def cue_styles():
    """Each cue's colour as CSS custom properties (the patterns are drawn in exercise.css)."""
    cues = db.session.scalars(select(Cue).order_by(Cue.position)).all()
    return Response(cue_css(cues), mimetype="text/css", headers={"Cache-Control": "public, max-age=300"})
