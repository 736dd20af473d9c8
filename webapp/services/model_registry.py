"""The model in use, shared by every worker on every app machine through the database.

The registry table (:class:`webapp.models.ModelVersion`) holds whole artifacts; the accepted one
is the row accepted last. Without one, the packaged ``models/`` artifact is in use. Each worker
keeps the model it loaded and asks the database only for the accepted row's id (one indexed
query, well under a millisecond) each time it needs the model, so a model accepted on machine A
is used on machine B from B's next analysis on, without a restart.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp import paths
from webapp.classifier.artifact import ARTIFACT_NAME, load_detector, model_from_text
from webapp.classifier.model import CueModel
from webapp.classifier.store import matching_evaluation
from webapp.models import ModelVersion
from webapp.models.base import utcnow


@dataclass(frozen=True)
class InUse:
    """The model in use: the model (None before any is trained), its version id, where it is from."""

    model: CueModel | None
    version: str | None
    registry_id: int | None  # None: the packaged artifact


def packaged_root() -> Path:
    """The packaged models folder: the app's FRAMELAB_MODELS_DIR, else ``paths.models_dir()``."""
    from flask import current_app, has_app_context

    configured = current_app.config.get("FRAMELAB_MODELS_DIR") if has_app_context() else None
    return Path(configured) if configured else paths.models_dir()


def accepted_id(session: Session) -> int | None:
    """The id of the accepted registry row, or None when the packaged model is in use."""
    return session.scalar(select(ModelVersion.id).where(ModelVersion.accepted_at.is_not(None))
                          .order_by(ModelVersion.accepted_at.desc(), ModelVersion.id.desc()).limit(1))


def register(session: Session, artifact: str, evaluation: dict | None) -> ModelVersion:
    """Store an artifact's text as a candidate (not accepted); the same text is stored once."""
    sha = hashlib.sha256(artifact.encode("utf-8")).hexdigest()
    row = session.scalar(select(ModelVersion).where(ModelVersion.sha256 == sha))
    if row is None:
        row = ModelVersion(sha256=sha, artifact=artifact, evaluation=evaluation)
        session.add(row)
        session.flush()
    return row


def accept(session: Session, row: ModelVersion, admin_id: int | None) -> None:
    """Make ``row`` the model in use everywhere (the caller commits)."""
    model_from_text(row.artifact, f"model {row.id}")  # refuses a broken artifact before it is in use
    row.accepted_at, row.accepted_by_id = utcnow(), admin_id


def current_evaluation(session: Session, root: Path | None = None) -> dict | None:
    """The recorded evaluation of the model in use (the yardstick for a new one); ``root`` is
    the packaged models folder (default: :func:`packaged_root`)."""
    found = accepted_id(session)
    if found is not None:
        return session.get(ModelVersion, found).evaluation
    root = root or packaged_root()
    model = load_detector(root / ARTIFACT_NAME)
    return matching_evaluation(root, model) if model is not None else None


def current_artifact(session: Session, root: Path | None = None) -> str | None:
    """The artifact text of the model in use, or None before any is trained."""
    found = accepted_id(session)
    if found is not None:
        return session.get(ModelVersion, found).artifact
    path = (root or packaged_root()) / ARTIFACT_NAME
    return path.read_text(encoding="utf-8") if path.exists() else None


class _Loaded:
    """This process's loaded model, replaced when the accepted id (or the packaged file) changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._in_use = InUse(None, None, None)

    def get(self, session: Session) -> InUse:
        registry_id = accepted_id(session)
        key = ("registry", registry_id) if registry_id is not None else _file_key(packaged_root())
        with self._lock:
            if key == self._key:
                return self._in_use
        in_use = _load(session, registry_id)
        with self._lock:
            self._key, self._in_use = key, in_use
        return in_use


def _file_key(root: Path) -> tuple:
    path = root / ARTIFACT_NAME
    try:
        stat = path.stat()
    except OSError:
        return ("file", str(path), None)
    return ("file", str(path), stat.st_mtime_ns, stat.st_size)


def _load(session: Session, registry_id: int | None) -> InUse:
    if registry_id is not None:
        row = session.get(ModelVersion, registry_id)
        return InUse(model_from_text(row.artifact, f"model {row.id} in the registry"), row.version, row.id)
    path = packaged_root() / ARTIFACT_NAME
    model = load_detector(path)
    if model is None:
        return InUse(None, None, None)
    return InUse(model, hashlib.sha256(path.read_bytes()).hexdigest()[:16], None)


_LOADED = _Loaded()


def in_use(session: Session) -> InUse:
    """The model every worker uses now: the accepted registry row, else the packaged artifact."""
    return _LOADED.get(session)
