"""The classifier in use, as the cue detector the analysis pipeline takes, with its version."""

from __future__ import annotations

from webapp.analysis.pipeline import CueDetector


def current_detector() -> tuple[CueDetector | None, str | None]:
    """The active model and a version id (a hash of its artifact), or (None, None) before one
    is trained. The active model is the registry's accepted one, shared by every app machine, or
    the packaged ``models/`` artifact (see :mod:`webapp.services.model_registry`). Articles store
    the version their cues came from, so ``framelab load`` re-runs the analysis after a change."""
    from webapp.extensions import db
    from webapp.services.model_registry import in_use

    found = in_use(db.session)
    return found.model, found.version
