"""The retraining job, run as ``python -m webapp.services.retrain_job FOLDER`` by
:mod:`webapp.services.retraining`: it reads ``FOLDER/job.json``, calls the classifier's
``retrain()`` and writes the outcome into ``FOLDER/run.json``. Free of Flask and the database."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from webapp.services.retraining import DONE, FAILED, JOB_FILE, RUN_FILE, now_text, release, write_state


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
    return {"version_dir": str(result.version_dir), "has_old": result.old is not None,
            "rows": [{"cue": cue, "old": old, "new": new} for cue, old, new in result.side_by_side()]}


def run(folder: Path, retrain=None) -> dict:
    """Do the job in ``folder``; the state ends ``done`` (with figures) or ``failed`` (with why)."""
    folder = Path(folder)
    state = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    try:
        from webapp.corpus.library import load_corpus

        if retrain is None:
            from webapp.classifier.retrain import retrain
        job = json.loads((folder / JOB_FILE).read_text(encoding="utf-8"))
        result = retrain(load_corpus(Path(job["corpus_root"])), _extra_keys(job["extra"]),
                         Path(job["models_root"]), _params(job.get("params")))
        state.update(state=DONE, finished_at=now_text(), **outcome(result))
        write_state(folder, state)
    except Exception as error:  # noqa: BLE001 - the run must end in a state the page can show, whatever broke
        traceback.print_exc()
        state.update(state=FAILED, finished_at=now_text(), message=f"Retraining failed: {error}")
        write_state(folder, state)
        release(folder)
    return state


if __name__ == "__main__":
    run(Path(sys.argv[1]))
