"""Retraining the classifier from the browser: start a run with your keys, watch it, then accept
the new model or decline it. Any teacher may start a run (one per server); only the teacher who
started it may accept or decline, since the decision rests on their keys and their judgement."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user

from webapp import paths
from webapp.builder.forms import ConfirmForm
from webapp.extensions import db
from webapp.services import retraining
from webapp.services.builder_corpus import teacher_written_keys
from webapp.services.lessons import cue_names
from webapp.web.access import teacher_required

bp = Blueprint("retraining", __name__, url_prefix="/builder/retrain")
# App settings read here, all optional: FRAMELAB_RETRAIN_DIR (run state), FRAMELAB_MODELS_DIR
# (default: paths.models_dir()), FRAMELAB_RETRAIN_PARAMS (TrainingParams fields as a dict; the
# tests give tiny ones) and FRAMELAB_RETRAIN_LAUNCH (how the job is started; the tests run it
# in their own process instead of a child process).


def _folder() -> Path:
    """Where run state lives: FRAMELAB_RETRAIN_DIR, or ``instance/retraining``."""
    configured = current_app.config.get("FRAMELAB_RETRAIN_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "retraining"


def _models_root() -> Path:
    return Path(current_app.config.get("FRAMELAB_MODELS_DIR") or paths.models_dir())


@bp.get("/")
@teacher_required
def status():
    run = retraining.current_run(_folder())
    keys = teacher_written_keys(db.session, current_user.id)
    return render_template("builder/retrain.html", run=run, form=ConfirmForm(), cue_names=cue_names(db.session),
                           own_articles=len(keys), own_labels=sum(len(k.labels) for _, k in keys),
                           mine=bool(run and run.get("teacher_id") == current_user.id))


@bp.get("/status.json")
@teacher_required
def status_json():
    """For the page's script, which reloads the page when the state changes."""
    run = retraining.current_run(_folder()) or {}
    return jsonify({"state": run.get("state")})


@bp.post("/start")
@teacher_required
def start():
    if ConfirmForm().validate_on_submit():
        try:
            keys = teacher_written_keys(db.session, current_user.id)
            retraining.start(_folder(), current_user.id, current_user.name, keys,
                             paths.corpus_dir(), _models_root(), current_app.config.get("FRAMELAB_RETRAIN_PARAMS"),
                             current_app.config.get("FRAMELAB_RETRAIN_LAUNCH"))
        except retraining.RetrainError as error:
            flash(str(error), "error")
        else:
            flash("Retraining started. It takes a few minutes; this page updates when it is done.", "success")
    return redirect(url_for(".status"))


def _decide(action, message: str):
    if ConfirmForm().validate_on_submit():
        try:
            action()
        except retraining.RetrainError as error:
            flash(str(error), "error")
        else:
            flash(message, "success")
    return redirect(url_for(".status"))


@bp.post("/accept")
@teacher_required
def accept():
    return _decide(lambda: retraining.accept(_folder(), current_user.id, _models_root()),
                   "The new model is in use. New analyses use it; stored ones keep the model they were made with.")


@bp.post("/decline")
@teacher_required
def decline():
    return _decide(lambda: retraining.decline(_folder(), current_user.id),
                   "The new model was discarded. The model in use is unchanged.")
