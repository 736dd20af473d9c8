"""Retraining from teachers' keys into a new version, and switching to it only when accepted.

A retrained model never replaces the one in use by itself: it goes to its own folder
``models/versions/<utc-timestamp>-<short hash>/`` with its artifact, evaluation and card, and the
old and new figures are returned side by side for the teacher to judge. :func:`activate` copies
the accepted version into ``models/``, each file through a temporary file and ``os.replace``,
the artifact last, so the app always loads either the old model or the new one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from webapp.classifier.artifact import ModelError, atomic_write, load_model, save_model, to_json
from webapp.classifier.evaluate import cross_validate
from webapp.classifier.store import (
    artifact_path,
    card_path,
    evaluation_path,
    matching_evaluation,
    save_evaluation,
    write_card,
)
from webapp.classifier.training import DEFAULT_PARAMS, TrainingParams, fit_model, training_data
from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey
from webapp.corpus.library import Corpus

VERSIONS = "versions"


@dataclass(frozen=True)
class RetrainResult:
    version_dir: Path
    old: dict | None  # the evaluation recorded for the model in use (None when there is none)
    new: dict  # the new version's evaluation, same protocol

    def side_by_side(self) -> list[tuple[str, float | None, float]]:
        """(cue or "macro-F1", old sentence-level F1, new sentence-level F1)."""
        new = self.new["sentence_level"]["model"]
        old = self.old["sentence_level"]["model"] if self.old else None
        rows = [
            (cue, old["per_cue"][cue]["f1"] if old and cue in old["per_cue"] else None, prf["f1"])
            for cue, prf in new["per_cue"].items()
        ]
        return rows + [("macro-F1", old["macro_f1"] if old else None, new["macro_f1"])]


def retrain(
    corpus: Corpus,
    extra_keys: Sequence[tuple[Article, AnswerKey]],
    models_root: Path,
    params: TrainingParams = DEFAULT_PARAMS,
) -> RetrainResult:
    """Train and evaluate on the corpus plus ``extra_keys`` into a new version folder."""
    models_root = Path(models_root)
    data = training_data(corpus, extra_keys)
    model = fit_model(data, params)
    model.metadata["cue_names"] = {cue: corpus.cues[cue].name for cue in model.cues}
    evaluation = cross_validate(data, params).as_dict()
    folder = _new_folder(models_root, hashlib.sha256(to_json(model).encode("utf-8")).hexdigest())
    save_model(model, artifact_path(folder))
    save_evaluation(folder, evaluation)
    write_card(folder, model)
    return RetrainResult(folder, _current_evaluation(models_root), evaluation)


def _new_folder(models_root: Path, artifact_hash: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = models_root / VERSIONS / f"{stamp}-{artifact_hash[:8]}"
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def _current_evaluation(models_root: Path) -> dict | None:
    try:
        return matching_evaluation(models_root, load_model(artifact_path(models_root)))
    except ModelError:
        return None


def activate(version_dir: Path, models_root: Path) -> Path:
    """Make a version the model in use; refuses a version whose artifact does not load."""
    version_dir, models_root = Path(version_dir), Path(models_root)
    load_model(artifact_path(version_dir))  # raises ModelError for a broken version
    for source, target in (
        (evaluation_path(version_dir), evaluation_path(models_root)),
        (card_path(version_dir), card_path(models_root)),
        (artifact_path(version_dir), artifact_path(models_root)),
    ):
        if source.exists():
            atomic_write(target, source.read_text(encoding="utf-8"))
    return artifact_path(models_root)
