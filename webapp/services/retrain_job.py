"""The retraining job: read the run's keys from the database, call the classifier's
``retrain()`` in a scratch folder, and store the outcome (the candidate in the model registry,
the figures on the run). Runs as ``python -m webapp.services.retrain_job RUN_ID`` (a child
process; the database URL comes in ``FRAMELAB_JOB_DATABASE_URL``) or as an RQ job in
``framelab worker``, which calls :func:`run_queued` inside its app context.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

from sqlalchemy.orm import Session

from webapp import config
from webapp.models import RetrainRun
from webapp.services import model_registry, retraining

DATABASE_ENV = config.JOB_DATABASE_ENV


def _extra_keys(entries: list[dict]):
    from webapp.corpus.articles import Article
    from webapp.corpus.keys import AnswerKey, KeyLabel

    pairs = []
    for entry in entries:
        fields = dict(entry["article"])
        fields["credits"] = tuple(fields.get("credits") or ())
        article = Article(**fields)
        labels = tuple(KeyLabel(**label) for label in entry["labels"])
        pairs.append((article, AnswerKey(article.id, article.sha256, labels)))
    return pairs


def _params(raw: dict | None):
    from webapp.classifier.training import DEFAULT_PARAMS, TrainingParams

    if not raw:
        return DEFAULT_PARAMS
    return TrainingParams(**{k: tuple(tuple(i) if isinstance(i, list) else i for i in v) if isinstance(v, list)
                             else v for k, v in raw.items()})


def outcome(result) -> dict:
    """What the status page shows: per cue and macro-F1, the model in use beside the new one."""
    return {"has_old": result.old is not None,
            "rows": [{"cue": cue, "old": old, "new": new} for cue, old, new in result.side_by_side()]}


def _scratch_models(session: Session, folder: Path, packaged: Path | None) -> None:
    """The model in use (and its evaluation) as files, which ``retrain()`` compares against."""
    from webapp.classifier.artifact import ARTIFACT_NAME
    from webapp.classifier.store import save_evaluation

    artifact = model_registry.current_artifact(session, packaged)
    if artifact is not None:
        (folder / ARTIFACT_NAME).write_text(artifact, encoding="utf-8")
    evaluation = model_registry.current_evaluation(session, packaged)
    if evaluation is not None:
        save_evaluation(folder, evaluation)


def run(session: Session, run_id: int, retrain=None) -> RetrainRun:
    """Do the job of run ``run_id``; it ends ``done`` (with figures and a candidate) or ``failed``."""
    from webapp.classifier.store import artifact_path, load_evaluation
    from webapp.corpus.library import load_corpus

    record = session.get(RetrainRun, run_id)
    if record is None or record.state != retraining.RUNNING:
        return record
    try:
        if retrain is None:
            from webapp.classifier.retrain import retrain
        with tempfile.TemporaryDirectory(prefix="framelab-retrain-") as scratch:
            root = Path(scratch)
            job = record.job
            _scratch_models(session, root, Path(job["models_root"]) if job.get("models_root") else None)
            result = retrain(load_corpus(Path(job["corpus_root"])), _extra_keys(job["extra"]), root,
                             _params(job.get("params")))
            artifact = artifact_path(result.version_dir).read_text(encoding="utf-8")
            evaluation = load_evaluation(result.version_dir) or result.new
        retraining.finish(session, record, artifact, evaluation, outcome(result))
    except Exception as error:  # noqa: BLE001 - the run must end in a state the page can show, whatever broke
        traceback.print_exc()
        session.rollback()
        record = session.get(RetrainRun, run_id)
        retraining.fail(session, record, f"Retraining failed: {error}")
    return record


def run_queued(run_id: int) -> str:
    """The RQ job: run inside the worker's app context (``framelab worker``)."""
    from webapp.extensions import db

    return run(db.session, run_id).state


def main(run_id: int) -> None:
    """The child process: an app of its own on the database it was given."""
    from webapp.app import create_app
    from webapp.extensions import db

    app = create_app({"SECRET_KEY": "retrain-job", "SQLALCHEMY_DATABASE_URI": config.job_database_url()})
    with app.app_context():
        run(db.session, run_id)
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]))
