"""Where the project's data lives: the corpus, lessons and models folders beside the package.

Each can be moved with an environment variable, so a school server can keep data elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    return Path(os.environ.get("FRAMELAB_CORPUS", PROJECT_ROOT / "corpus"))


def lessons_dir() -> Path:
    return Path(os.environ.get("FRAMELAB_LESSONS", PROJECT_ROOT / "lessons"))


def models_dir() -> Path:
    return Path(os.environ.get("FRAMELAB_MODELS", PROJECT_ROOT / "models"))
