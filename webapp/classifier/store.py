"""The files of a model folder: the artifact, its evaluation and its card, side by side.

``models/`` holds the model in use; ``models/versions/<version>/`` holds retrained candidates
with the same three files. The card is always generated from the other two.
"""

from __future__ import annotations

import json
from pathlib import Path

from webapp.classifier.artifact import ARTIFACT_NAME, atomic_write, load_model
from webapp.classifier.card import render_card
from webapp.classifier.model import CueModel

EVALUATION_NAME = "framelab-cues.evaluation.json"
CARD_NAME = "README.md"


def artifact_path(folder: Path) -> Path:
    return Path(folder) / ARTIFACT_NAME


def evaluation_path(folder: Path) -> Path:
    return Path(folder) / EVALUATION_NAME


def card_path(folder: Path) -> Path:
    return Path(folder) / CARD_NAME


def save_evaluation(folder: Path, evaluation: dict) -> Path:
    path = evaluation_path(folder)
    atomic_write(path, json.dumps(evaluation, indent=1, sort_keys=True) + "\n")
    return path


def load_evaluation(folder: Path) -> dict | None:
    """The recorded evaluation, or None when there is none or it cannot be read."""
    try:
        data = json.loads(evaluation_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def matching_evaluation(folder: Path, model: CueModel) -> dict | None:
    """The recorded evaluation if it was measured on the model's own training data."""
    evaluation = load_evaluation(folder)
    if evaluation and evaluation.get("data_fingerprint") == model.metadata.get("data_fingerprint"):
        return evaluation
    return None


def write_card(folder: Path, model: CueModel | None = None) -> Path:
    """(Re)generate the card from the folder's artifact and its matching evaluation."""
    model = model if model is not None else load_model(artifact_path(folder))
    path = card_path(folder)
    atomic_write(path, render_card(model, matching_evaluation(folder, model)))
    return path
