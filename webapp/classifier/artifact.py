"""The model artifact: one plain JSON file, checked on load, never unpickled.

JSON keeps the model readable, diffable and safe to load from anywhere (a pickle can run code
when it is loaded). The file carries a SHA-256 checksum of its content, so a truncated or edited
file is refused with a message saying what to do, instead of producing silent nonsense. Writing
is atomic (a temporary file, then ``os.replace``), so a reader never sees half a model.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from webapp import paths
from webapp.classifier.lexicons import LEXICON_VERSION
from webapp.classifier.model import CueModel, TermBlock
from webapp.classifier.signals import SIGNAL_NAMES

FORMAT = "framelab-cue-model"
FORMAT_VERSION = 1
ARTIFACT_NAME = "framelab-cues.json"


class ModelError(Exception):
    """The artifact cannot be used; the message names the file and what to do."""


def default_path() -> Path:
    return paths.models_dir() / ARTIFACT_NAME


def _block(block: TermBlock) -> dict:
    return {"terms": list(block.terms), "idf": block.idf.tolist(), "weights": block.weights.tolist()}


def model_payload(model: CueModel) -> dict:
    return {
        "cues": list(model.cues),
        "words": _block(model.words),
        "chars": _block(model.chars),
        "signals": {
            "names": list(SIGNAL_NAMES),
            "mean": model.signal_mean.tolist(),
            "scale": model.signal_scale.tolist(),
            "weights": model.signal_weights.tolist(),
        },
        "intercept": model.intercept.tolist(),
        "thresholds": model.thresholds.tolist(),
        "metadata": model.metadata,
    }


def _canonical(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_json(model: CueModel) -> str:
    """The artifact's text: the same model always gives the same bytes."""
    payload = model_payload(model)
    checksum = hashlib.sha256(_canonical(payload).encode("utf-8")).hexdigest()
    return (
        _canonical(
            {"format": FORMAT, "format_version": FORMAT_VERSION, "checksum": checksum, "model": payload}
        )
        + "\n"
    )


def atomic_write(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the web server must be able to read it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_model(model: CueModel, path: Path | None = None) -> Path:
    path = Path(path) if path is not None else default_path()
    atomic_write(path, to_json(model))
    return path


def load_model(path: Path | None = None) -> CueModel:
    """Read and check an artifact; any problem raises :class:`ModelError`."""
    path = Path(path) if path is not None else default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no trained model here; run `framelab train` first") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ModelError(
            f"{path}: not a readable FrameLab model ({error}); retrain with `framelab train`"
        ) from None
    return _from_data(data, path)


def model_from_text(text: str, source: str) -> CueModel:
    """Check and build a model from an artifact's text (one stored in the database, say);
    ``source`` names it in error messages."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ModelError(f"{source}: not a readable FrameLab model ({error})") from None
    return _from_data(data, Path(source))


def _from_data(data: object, path: Path) -> CueModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"{path}: not a FrameLab cue model (no '{FORMAT}' format marker)")
    if data.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format {data.get('format_version')} is not {FORMAT_VERSION}; retrain it"
        )
    payload = data.get("model")
    if not isinstance(payload, dict) or hashlib.sha256(
        _canonical(payload).encode("utf-8")
    ).hexdigest() != data.get("checksum"):
        raise ModelError(
            f"{path}: the model file is damaged or was edited after training (checksum "
            "mismatch); retrain with `framelab train` or restore the file"
        )
    try:
        return _build(payload, path)
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"{path}: the model file is incomplete or malformed ({error}); retrain it") from None


def _build(payload: dict, path: Path) -> CueModel:
    signals, meta = payload["signals"], payload["metadata"]
    if list(signals["names"]) != list(SIGNAL_NAMES):
        raise ModelError(
            f"{path}: trained with other features than this version of FrameLab uses; retrain it"
        )
    if meta.get("lexicon_version") != LEXICON_VERSION:
        raise ModelError(
            f"{path}: trained with lexicons {meta.get('lexicon_version')}, this code has "
            f"{LEXICON_VERSION}; retrain it"
        )
    cues = tuple(payload["cues"])
    model = CueModel(
        cues=cues,
        words=_read_block(payload["words"], len(cues)),
        chars=_read_block(payload["chars"], len(cues)),
        signal_mean=_array(signals["mean"], (len(SIGNAL_NAMES),)),
        signal_scale=_array(signals["scale"], (len(SIGNAL_NAMES),)),
        signal_weights=_array(signals["weights"], (len(SIGNAL_NAMES), len(cues))),
        intercept=_array(payload["intercept"], (len(cues),)),
        thresholds=_array(payload["thresholds"], (len(cues),)),
        metadata=dict(meta),
    )
    if np.any(model.signal_scale <= 0):
        raise ValueError("signal scales must be positive")
    return model


def _read_block(data: dict, n_cues: int) -> TermBlock:
    terms = tuple(str(t) for t in data["terms"])
    if len(set(terms)) != len(terms):
        raise ValueError("a vocabulary lists a term twice")
    return TermBlock(terms, _array(data["idf"], (len(terms),)), _array(data["weights"], (len(terms), n_cues)))


def _array(values: object, shape: tuple[int, ...]) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if len(shape) == 2 and shape[0] == 0:
        array = array.reshape(shape)
    if array.shape != shape or not np.all(np.isfinite(array)):
        raise ValueError(f"expected finite numbers of shape {shape}, found {array.shape}")
    return array


def load_detector(path: Path | None = None) -> CueModel | None:
    """The trained model as a CueDetector for the analysis pipeline, or None when none exists.

    A damaged artifact is not treated as missing: it raises :class:`ModelError`, so a broken
    install is noticed instead of quietly analysing without cues.
    """
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return None
    return load_model(path)
