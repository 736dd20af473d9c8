"""The builder's pages: a teacher's own exercises and lessons, assigning an own exercise, lessons
as zip files out and in. Views parse the form, call a builder service and render; retraining
has its own blueprint (``webapp.builder.retrain_routes``)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from webapp import paths
from webapp.builder import article_search
from webapp.builder import forms as builder_forms
from webapp.extensions import db
from webapp.lessonplans.bundle import MAX_ZIP_BYTES
from webapp.services import builder, builder_files, builder_lessons
from webapp.services.assignments import AssignmentError, assign_exercise
from webapp.services.builder import BuilderError
from webapp.services.lessons import cue_names
from webapp.web.access import own_classroom, teacher_required
from webapp.web.localtime import now_local, teacher_zone, to_utc

bp = Blueprint("builder", __name__, url_prefix="/builder")


def _own_exercise(exercise_id: str):
    exercise = builder.own_exercise(db.session, exercise_id, current_user.id)
    if exercise is None:
        abort(404)
    return exercise


def _own_lesson(lesson_id: str):
    lesson = builder_lessons.own_lesson(db.session, lesson_id, current_user.id)
    if lesson is None:
        abort(404)
    return lesson


def _form_error(form, error: BuilderError) -> None:
    target = getattr(form, error.field, None) if error.field else None
    if target is not None and hasattr(target, "errors") and isinstance(target.errors, list):
        target.errors.append(str(error))
    else:
        form.form_errors.append(str(error))


@bp.get("/")
@teacher_required
def index():
    return render_template("builder/index.html", exercises=builder.own_exercises(db.session, current_user.id),
                           lessons=builder_lessons.own_lessons(db.session, current_user.id),
                           cue_names=cue_names(db.session))


# ---- exercises ----

def _articles(query: str = "") -> list:
    """The articles the teacher may use, narrowed to those whose headline, outlet or story
    contains ``query`` (a GET parameter, so the search works without JavaScript)."""
    articles = builder.usable_articles(db.session, current_user.id)
    return [a for a in articles if article_search.matches(a, query)] if query.strip() else articles


def _article_choices(query: str = "") -> list[SelectChoice]:
    """Articles grouped by story, named by headline and outlet; the teacher's own are marked.
    A POST always checks against every article, whatever was searched."""
    choices = []
    for article in _articles("" if request.method == "POST" else query):
        mine = " (yours)" if article.owner_id == current_user.id else ""
        label = f"{article.headline or 'Untitled article'} · {article.outlet}{mine}"
        choices.append(SelectChoice(article.id, label, optgroup=article.story.title))
    return choices


def _previews() -> list[article_search.Preview]:
    """The first lines of the articles the search found, to choose from."""
    query = request.args.get("q", "")
    return [article_search.preview(a) for a in _articles(query)[:article_search.PREVIEW_LIMIT]] if query.strip() else []


@bp.route("/exercises/new", methods=["GET", "POST"])
@teacher_required
def new_exercise():
    form = builder_forms.ExerciseForm()
    if request.method == "GET" and request.args.get("article"):
        form.article.data = request.args["article"]
    form.article.choices = _article_choices(request.args.get("q", ""))
    form.cues.choices = builder.cue_choices(db.session)
    if form.validate_on_submit():
        try:
            exercise = builder.create_exercise(db.session, current_user.id, _exercise_draft(form))
        except BuilderError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            flash(f"Exercise “{exercise.title}” saved. Assign it to a class, or add it to a lesson.", "success")
            return redirect(url_for(".index"))
    return render_template("builder/exercise_form.html", form=form, exercise=None,
                           previews=_previews()), 400 if form.errors or form.form_errors else 200


def _exercise_draft(form) -> builder.ExerciseDraft:
    return builder.ExerciseDraft(form.title.data.strip(), form.article.data, tuple(form.cues.data),
                                 form.mode.data, form.instructions.data.strip(), form.allow_absent_cues.data)


@bp.route("/exercises/<exercise_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_exercise(exercise_id: str):
    """The same form as a new exercise, filled in; saved with the same checks."""
    exercise = _own_exercise(exercise_id)
    data = None if request.method == "POST" else {
        "title": exercise.title, "article": exercise.article_id, "cues": list(exercise.cues),
        "mode": exercise.mode, "instructions": exercise.instructions,
        "allow_absent_cues": bool(builder.absent_cues(exercise.article, exercise.cues, current_user.id))}
    if data is not None and request.args.get("article"):
        data["article"] = request.args["article"]
    form = builder_forms.ExerciseForm(data=data)
    form.article.choices = _article_choices(request.args.get("q", ""))
    form.cues.choices = builder.cue_choices(db.session)
    if form.validate_on_submit():
        try:
            builder.update_exercise(db.session, current_user.id, exercise, _exercise_draft(form))
        except BuilderError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            flash(f"Exercise “{exercise.title}” saved. Classes that have it see the change.", "success")
            return redirect(url_for(".index"))
    return render_template("builder/exercise_form.html", form=form, exercise=exercise,
                           previews=_previews()), 400 if form.errors or form.form_errors else 200


@bp.route("/exercises/<exercise_id>/assign", methods=["GET", "POST"])
@teacher_required
def assign_exercise_view(exercise_id: str):
    exercise = _own_exercise(exercise_id)
    form = builder_forms.AssignExerciseForm()
    form.classroom.choices = [(c.id, c.name) for c in current_user.classrooms]
    if form.validate_on_submit():
        classroom = own_classroom(form.classroom.data)
        try:
            assign_exercise(db.session, classroom, exercise, to_utc(form.due_at.data, teacher_zone(current_user)))
        except AssignmentError as error:
            db.session.rollback()
            getattr(form, error.field or "classroom").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Assigned “{exercise.title}” to {classroom.name}.", "success")
            return redirect(url_for("classes.show", classroom_id=classroom.id))
    return render_template("builder/assign.html", exercise=exercise, form=form,
                           now_local=now_local()), 400 if form.errors else 200


@bp.route("/exercises/<exercise_id>/delete", methods=["GET", "POST"])
@teacher_required
def delete_exercise(exercise_id: str):
    exercise = _own_exercise(exercise_id)
    form = builder_forms.ConfirmForm()
    if form.validate_on_submit():
        try:
            builder.delete_exercise(db.session, exercise)
        except BuilderError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("Exercise deleted.", "success")
        return redirect(url_for(".index"))
    return render_template("builder/confirm.html", form=form, title=f"Delete the exercise “{exercise.title}”?",
                           button="Delete the exercise", back=url_for(".index"))


# ---- lessons ----

def _exercise_choices(lesson=None) -> list[tuple[str, str]]:
    names = cue_names(db.session)
    choices = []
    for exercise in builder.buildable_exercises(db.session, current_user.id):
        in_other_lesson = exercise.lesson_id is not None and (lesson is None or exercise.lesson_id != lesson.id)
        if exercise.owner_id is not None and in_other_lesson:
            continue  # another of the teacher's lessons holds it; its source is offered instead
        origin = "this lesson" if lesson is not None and exercise.lesson_id == lesson.id else (
            "yours" if exercise.owner_id else "library")
        cues = ", ".join(names.get(c, c) for c in exercise.cues)
        article = exercise.article.headline or exercise.article.outlet
        choices.append((exercise.id, f"{exercise.title} ({origin}; “{article}”; {exercise.mode}; {cues})"))
    return choices


def _lesson_form_page(form, lesson=None):
    status = 400 if form.errors or form.form_errors else 200
    return render_template("builder/lesson_form.html", form=form, lesson=lesson), status


def _save_lesson(form, lesson=None):
    try:
        saved = builder_lessons.save_lesson(db.session, current_user.id, form.draft(), lesson)
    except BuilderError as error:
        db.session.rollback()
        _form_error(form, error)
        return None
    db.session.commit()
    return saved


@bp.route("/lessons/new", methods=["GET", "POST"])
@teacher_required
def new_lesson():
    form = builder_forms.LessonForm()
    form.set_exercise_choices(_exercise_choices())
    if form.validate_on_submit() and (lesson := _save_lesson(form)) is not None:
        flash(f"Lesson “{lesson.title}” saved. It is in your lesson library.", "success")
        return redirect(url_for("lessons.show", lesson_id=lesson.id))
    return _lesson_form_page(form)


def _edit_data(lesson) -> dict:
    plan = builder_lessons.plan_of(lesson, current_user.id)
    fixed = {s.step: s for s in plan.sequence if s.step != "exercise"}
    rows = [{"exercise": s.exercise, "minutes": s.minutes, "activity": s.activity}
            for s in plan.sequence if s.step == "exercise"]
    rows += [{}] * max(1, builder_forms.EXERCISE_ROWS - len(rows))
    data = {"title": plan.title, "grade_band": plan.grade_band, "objectives": "\n".join(plan.objectives),
            "standards": "\n".join(f"{s.code} {s.text}" for s in plan.standards),
            "materials": "\n".join(plan.materials), "notes": plan.notes, "exercises": rows}
    for name in ("warm-up", "mini-lesson", "discussion", "exit-ticket"):
        if name in fixed:
            key = name.replace("-", "_")
            data[key], data[f"{key}_minutes"] = fixed[name].activity, fixed[name].minutes
    return data


@bp.route("/lessons/<lesson_id>/edit", methods=["GET", "POST"])
@teacher_required
def edit_lesson(lesson_id: str):
    lesson = _own_lesson(lesson_id)
    form = builder_forms.LessonForm(data=_edit_data(lesson) if request.method == "GET" else None)
    form.set_exercise_choices(_exercise_choices(lesson))
    if form.validate_on_submit() and _save_lesson(form, lesson) is not None:
        flash("Lesson saved.", "success")
        return redirect(url_for("lessons.show", lesson_id=lesson.id))
    return _lesson_form_page(form, lesson)


@bp.route("/lessons/<lesson_id>/delete", methods=["GET", "POST"])
@teacher_required
def delete_lesson(lesson_id: str):
    lesson = _own_lesson(lesson_id)
    form = builder_forms.ConfirmForm()
    if form.validate_on_submit():
        builder_lessons.delete_lesson(db.session, lesson)
        db.session.commit()
        flash("Lesson deleted. Exercises already assigned stay with your classes, under “Your exercises”.", "success")
        return redirect(url_for("lessons.index"))
    return render_template("builder/confirm.html", form=form, title=f"Delete the lesson “{lesson.title}”?",
                           button="Delete the lesson", back=url_for("lessons.show", lesson_id=lesson.id),
                           detail="Its exercises that a class has are kept (with the students' work) as your "
                                  "own exercises; the others are deleted with it.")


# ---- lessons as files ----

@bp.get("/lessons/<lesson_id>/export.zip")
@teacher_required
def export_lesson(lesson_id: str):
    lesson = _own_lesson(lesson_id)
    cues_yaml = (paths.corpus_dir() / "cues.yaml").read_text(encoding="utf-8")
    try:
        data = builder_files.export_lesson(db.session, lesson, current_user.id, cues_yaml)
    except builder_files.LessonFileError as error:
        flash(str(error), "error")
        return redirect(url_for("lessons.show", lesson_id=lesson.id))
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="framelab-lesson-{lesson.id}.zip"',
        "Cache-Control": "no-store"})


def _analyser():
    """Analyse a new article with the classifier in use, once per import."""
    from webapp.analysis.pipeline import analyze_text
    from webapp.services.model import current_detector

    detector, version = current_detector()
    return lambda text, article_id: (analyze_text(text, article_id, detector=detector).as_dict(), version)


@bp.route("/lessons/import", methods=["GET", "POST"])
@teacher_required
def import_lesson():
    form = builder_forms.ImportLessonForm()
    if form.validate_on_submit():
        data = form.archive.data.read(MAX_ZIP_BYTES + 1)
        try:
            lesson = builder_files.import_lesson(db.session, current_user.id, data, _analyser())
        except builder_files.LessonFileError as error:
            db.session.rollback()
            form.archive.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Imported the lesson “{lesson.title}”. It is in your lesson library.", "success")
            return redirect(url_for("lessons.show", lesson_id=lesson.id))
    return render_template("builder/import.html", form=form), 400 if form.errors else 200
