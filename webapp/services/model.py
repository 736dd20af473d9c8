"""The classifier in use, as the cue detector the analysis pipeline takes, with its version."""

from __future__ import annotations

import hashlib

from webapp.analysis.pipeline import CueDetector


def current_detector() -> tuple[CueDetector | None, str | None]:
    """The active model and a version id (a hash of its artifact), or (None, None) before one
    is trained. Articles store the version their cues came from, so ``framelab load`` re-runs
    the analysis after the model changes."""
    from webapp.classifier import load_detector
    from webapp.classifier.artifact import default_path

    path = default_path()
    detector = load_detector(path)
    if detector is None:
        return None, None
    return detector, hashlib.sha256(path.read_bytes()).hexdigest()[:16]
