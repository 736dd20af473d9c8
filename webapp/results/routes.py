"""The dashboard of an assignment, for the teacher of the class, and the grade override."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from webapp.extensions import db
from webapp.presenters.article_view import shown_blocks
from webapp.presenters.heat_map import heat_blocks, legend
from webapp.results.forms import GradeForm
from webapp.services import class_agreement
from webapp.services.article_text import article_blocks
from webapp.services.assignments import STATUSES
from webapp.services.class_results import FILTERS, SORTS, class_results, filter_rows, set_grade, sort_rows
from webapp.web.access import teacher_assignment, teacher_required, teacher_submission

bp = Blueprint("results", __name__, url_prefix="/results")


def view_options(args: MultiDict, cue_ids: list[str]) -> dict[str, str]:
    """The sort, filter and cue of the query string, each falling back to its default."""
    sort, status, cue = args.get("sort", "name"), args.get("status", "all"), args.get("cue", "all")
    return {"sort": sort if sort in SORTS else "name", "status": status if status in FILTERS else "all",
            "cue": cue if cue in cue_ids else "all"}


def _columns(article, results, cue: str) -> dict:
    """The heat map, the key and the classifier over the article, for one cue or all."""
    blocks = article_blocks(article)
    chosen = (lambda marks: marks) if cue == "all" else (lambda marks: [m for m in marks if m.cue == cue])
    patterns = results.patterns
    names = dict(results.cues)
    key, model = chosen(results.key), chosen(results.model)
    return {
        "heat": heat_blocks(blocks, results.words, results.heat[cue], results.submitted),
        "key": shown_blocks(blocks, key, patterns, [f"K{n}" for n in range(1, len(key) + 1)], names),
        "model": shown_blocks(blocks, model, patterns, [f"M{n}" for n in range(1, len(model) + 1)], names),
    }


def percent(prf) -> str:
    """An F1 as a whole percentage, or a dash when there is no score."""
    return "—" if prf is None else f"{round(prf.f1 * 100)}%"


def row_urls(assignment_id: int, options: dict[str, str]):
    """Builders of each row's review and grade URLs: one ``url_for`` each instead of one per row
    (hundreds of rows), with the submission id put in place of a placeholder."""
    placeholder = "987654321"
    review = url_for("exercises.review", submission_id=int(placeholder))
    grade = url_for(".grade", assignment_id=assignment_id, submission_id=int(placeholder), **options)
    return (lambda sid: review.replace(placeholder, str(sid))), (lambda sid: grade.replace(placeholder, str(sid)))


@bp.get("/<int:assignment_id>")
@teacher_required
def dashboard(assignment_id: int):
    assignment = teacher_assignment(assignment_id)
    results = class_results(db.session, assignment)
    options = view_options(request.args, [c for c, _ in results.cues])
    rows = sort_rows(filter_rows(results.rows, options["status"]), options["sort"])
    review_url, grade_url = row_urls(assignment.id, options)
    columns = _columns(assignment.exercise.article, results, options["cue"])
    return render_template(
        "results/dashboard.html", assignment=assignment, classroom=assignment.classroom, results=results,
        rows=rows, options=options, statuses=STATUSES, columns=columns,
        legend=legend(results.submitted), cue_names=dict(results.cues),
        alpha_meaning=class_agreement.ALPHA_MEANING, majority_meaning=class_agreement.MAJORITY_MEANING,
        describe_alpha=class_agreement.describe_alpha, percent=percent, review_url=review_url, grade_url=grade_url,
        downloads=downloads.download_links(downloads.ASSIGNMENT_DOWNLOADS, "results.download_assignment",
                                           assignment_id=assignment.id),
        class_downloads=downloads.download_links(downloads.CLASS_DOWNLOADS, "results.download_class",
                                                 classroom_id=assignment.classroom_id))


@bp.post("/<int:assignment_id>/submissions/<int:submission_id>/grade")
@teacher_required
def grade(assignment_id: int, submission_id: int):
    assignment = teacher_assignment(assignment_id)
    submission = teacher_submission(submission_id)
    if submission.assignment_id != assignment.id:
        abort(404)
    options = view_options(request.args, list(assignment.exercise.cues))
    back = url_for(".dashboard", assignment_id=assignment.id, **options) + f"#student-{submission.student_id}"
    form = GradeForm()
    name = submission.student.display_name
    if not form.validate_on_submit():
        errors = [e for errs in form.errors.values() for e in errs]
        flash(f"{name}’s grade was not saved: {' '.join(errors) or 'please try again.'}", "error")
        return redirect(back)
    set_grade(db.session, submission, form.grade.data)
    db.session.commit()
    flash(f"Grade for {name} saved." if form.grade.data is not None
          else f"Grade for {name} cleared: the computed score stands.", "success")
    return redirect(back)


from webapp.results import cues, downloads  # noqa: F401  (last: their views join this blueprint)
