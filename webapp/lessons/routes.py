"""The lesson library: cards, a lesson's full plan for teachers, its print view, the view for
students, and assigning a lesson or one of its exercises to a class."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from webapp.extensions import db
from webapp.lessons.article_names import name_articles, request_names
from webapp.lessons.forms import WHOLE_LESSON, AssignForm
from webapp.models import Lesson
from webapp.services import lessons as library
from webapp.services.assignments import AssignmentError, assign_exercise, assign_lesson
from webapp.services.handout import handout_articles
from webapp.web.access import own_classroom, teacher_required
from webapp.web.localtime import now_local, teacher_zone, to_utc

bp = Blueprint("lessons", __name__, url_prefix="/lessons")


def _teacher_lesson(lesson_id: str) -> Lesson:
    lesson = library.lesson_for_teacher(db.session, lesson_id, current_user.id)
    if lesson is None:
        abort(404)
    return lesson


def _student_facing_lesson(lesson_id: str) -> Lesson:
    """The lesson for its teacher's preview, or for a student whose class has been assigned it."""
    if current_user.is_teacher:
        return _teacher_lesson(lesson_id)
    lesson = library.lesson_for_student(db.session, lesson_id, current_user)
    if lesson is None:
        abort(404)
    return lesson


@bp.app_template_filter("article_names")
def _article_names_filter(text: str) -> str:
    """``{{ text|article_names }}``: ids in lesson text shown as headlines and titles."""
    return name_articles(text, request_names(db.session))


def _teacher_notes(lesson: Lesson):
    names = request_names(db.session)
    return library.render_markdown(name_articles(lesson.notes, names, markdown=True), top_level=3,
                                   drop_heading="Teacher notes")


def _plan_context(lesson: Lesson) -> dict:
    return {"lesson": lesson, "notes": _teacher_notes(lesson), "cue_names": library.cue_names(db.session),
            "step_names": library.STEP_NAMES, "exercises": {e.id: e for e in lesson.exercises}}


@bp.route("/")
@teacher_required
def index():
    return render_template("lessons/index.html", lessons=library.library(db.session, current_user.id),
                           cue_names=library.cue_names(db.session))


@bp.route("/<lesson_id>")
@teacher_required
def show(lesson_id: str):
    return render_template("lessons/show.html", **_plan_context(_teacher_lesson(lesson_id)))


@bp.route("/<lesson_id>/print")
@teacher_required
def print_plan(lesson_id: str):
    return render_template("lessons/print.html", **_plan_context(_teacher_lesson(lesson_id)))


@bp.route("/<lesson_id>/student")
@login_required
def student_view(lesson_id: str):
    """What students see of a lesson: a teacher's preview, or a student whose class has it."""
    lesson = _student_facing_lesson(lesson_id)
    return render_template("lessons/student.html", lesson=lesson, cue_names=library.cue_names(db.session),
                           glossary=library.glossary(db.session, lesson))


@bp.route("/<lesson_id>/handout")
@login_required
def handout(lesson_id: str):
    """The student handout for paper: the lesson's articles with numbered paragraphs, the tasks
    and the cue glossary; no answers. Open to the same people as the student view."""
    lesson = _student_facing_lesson(lesson_id)
    return render_template("lessons/handout.html", lesson=lesson, cue_names=library.cue_names(db.session),
                           articles=handout_articles(lesson), glossary=library.glossary(db.session, lesson))


@bp.route("/<lesson_id>/assign", methods=["GET", "POST"])
@teacher_required
def assign(lesson_id: str):
    lesson = _teacher_lesson(lesson_id)
    form = AssignForm(target=request.args.get("exercise", WHOLE_LESSON),
                      classroom=request.args.get("classroom", type=int))
    form.fill(lesson, current_user.classrooms)
    if form.validate_on_submit():
        classroom = own_classroom(form.classroom.data)
        try:
            count = _assign(lesson, classroom, form.target.data, to_utc(form.due_at.data, teacher_zone(current_user)))
        except AssignmentError as error:
            getattr(form, error.field or "target").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Assigned {count} exercise{'s' if count != 1 else ''} to {classroom.name}.", "success")
            return redirect(url_for("classes.show", classroom_id=classroom.id))
    status = 400 if form.errors else 200
    return render_template("lessons/assign.html", lesson=lesson, form=form,
                           now_local=now_local()), status


def _assign(lesson: Lesson, classroom, target: str, due_at) -> int:
    """Assign the whole lesson or one of its exercises; returns how many assignments were made."""
    if target == WHOLE_LESSON:
        return len(assign_lesson(db.session, classroom, lesson, due_at))
    exercise = next((e for e in lesson.exercises if e.id == target), None)
    if exercise is None:
        abort(404)
    assign_exercise(db.session, classroom, exercise, due_at, lesson=None)
    return 1
