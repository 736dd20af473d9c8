"""Retraining the classifier from the browser: a teacher starts a run with their keys and sees
its result; an administrator (school IT) accepts the new model for everyone or declines it.
The state lives in the database, so every worker on every app machine shows the same runs."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from webapp import paths
from webapp.builder.forms import ConfirmForm
from webapp.extensions import db
from webapp.models import ModelVersion, Teacher
from webapp.services import model_registry, retraining
from webapp.services.builder_corpus import teacher_written_keys
from webapp.services.lessons import cue_names
from webapp.services.retrain_advice import MEANINGFUL_GAIN, advise
from webapp.services.retrain_queue import launcher
from webapp.web.access import admin_required, teacher_required

bp = Blueprint("retraining", __name__, url_prefix="/builder/retrain")
# App settings read here, all optional: FRAMELAB_MODELS_DIR (the packaged model, default
# paths.models_dir()), FRAMELAB_RETRAIN_PARAMS (TrainingParams fields as a dict; the tests give
# tiny ones), FRAMELAB_RETRAIN_LAUNCH (how the job is started; the tests run it in their own
# process) and FRAMELAB_REDIS_URL (queue the job on Redis for `framelab worker`).


def _page_state() -> str:
    """What the page's script watches: "running" while any run trains, else the viewer's own last run."""
    if retraining.check_running(db.session) is not None:
        return retraining.RUNNING
    own = retraining.last_run(db.session, current_user.id)
    return own.state if own else "none"


def _model_in_use() -> tuple[ModelVersion | None, Teacher | None]:
    found = model_registry.accepted_id(db.session)
    row = db.session.get(ModelVersion, found) if found is not None else None
    return row, (db.session.get(Teacher, row.accepted_by_id) if row and row.accepted_by_id else None)


@bp.get("/")
@teacher_required
def status():
    state = _page_state()
    waiting = retraining.waiting_runs(db.session)
    if not current_user.is_admin:
        waiting = [run for run in waiting if run.teacher_id == current_user.id]
    names = cue_names(db.session)
    keys = teacher_written_keys(db.session, current_user.id)
    in_use, accepted_by = _model_in_use()
    return render_template(
        "builder/retrain.html", state=state, running=retraining.running_run(db.session), waiting=waiting,
        advice={run.id: advise(run.outcome or {}, names) for run in waiting}, last=retraining.last_run(
            db.session, current_user.id), form=ConfirmForm(), cue_names=names, own_articles=len(keys),
        own_labels=sum(len(k.labels) for _, k in keys), in_use=in_use, accepted_by=accepted_by,
        gain=MEANINGFUL_GAIN)


@bp.get("/status.json")
@teacher_required
def status_json():
    """For the page's script, which reloads the page when the state changes."""
    return jsonify({"state": _page_state()})


@bp.post("/start")
@teacher_required
def start():
    if ConfirmForm().validate_on_submit():
        try:
            keys = teacher_written_keys(db.session, current_user.id)
            models_root = current_app.config.get("FRAMELAB_MODELS_DIR") or paths.models_dir()
            retraining.start(db.session, current_user, keys, paths.corpus_dir(), Path(models_root),
                             current_app.config.get("FRAMELAB_RETRAIN_PARAMS"), launcher())
        except retraining.RetrainError as error:
            flash(str(error), "error")
        else:
            flash("Retraining started. It takes a few minutes; this page updates when it is done.", "success")
    return redirect(url_for(".status"))


def _run_id() -> int:
    value = request.form.get("run", "")
    return int(value) if value.isdigit() else 0


def _decide(action, message: str):
    if ConfirmForm().validate_on_submit():
        try:
            action(db.session, current_user, _run_id())
        except retraining.RetrainError as error:
            flash(str(error), "error")
        else:
            flash(message, "success")
    return redirect(url_for(".status"))


@bp.post("/accept")
@admin_required
def accept():
    return _decide(retraining.accept, "The new model is in use on every machine. New analyses use it; stored ones "
                                      "keep the model they were made with.")


@bp.post("/decline")
@admin_required
def decline():
    return _decide(retraining.decline, "The new model was discarded. The model in use is unchanged.")


