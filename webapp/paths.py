"""Where the project's data lives: the corpus, lessons and models folders beside the package.

Each can be moved with an environment variable (read in :mod:`webapp.config`), so a school
server can keep data elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from webapp import config

PROJECT_ROOT = config.PROJECT_ROOT


def corpus_dir() -> Path:
    return config.corpus_dir()


def lessons_dir() -> Path:
    return config.lessons_dir()


def models_dir() -> Path:
    return config.models_dir()
