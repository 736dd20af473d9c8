"""The framing-cue classifier: features, training, prediction, evaluation, explanations.

The public API is re-exported here lazily, so that importing a light module such as
:mod:`webapp.classifier.scoring` (which the web app uses to score students) does not pull in
scikit-learn.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "train": "training",
    "TrainingParams": "training",
    "CueModel": "model",
    "save_model": "artifact",
    "load_model": "artifact",
    "load_detector": "artifact",
    "ModelError": "artifact",
    "explain_sentence": "explain",
    "CueExplanation": "explain",
    "Reason": "explain",
    "retrain": "retrain",
    "activate": "retrain",
    "RetrainResult": "retrain",
    "cross_validate": "evaluate",
}
__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
