"""Shared fixtures: the project's corpus and the raw seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["fixtures_web", "fixtures_browser", "fixtures_classroom", "fixtures_exercise", "fixtures_exports",
                  "fixtures_results", "fixtures_authoring", "fixtures_attacks"]

ROOT = Path(__file__).resolve().parent.parent
RAW_SEEDS = ROOT / "corpus" / "raw" / "iraq-2021"


def raw_seed(number: int) -> str:
    """The raw scraped text of seed ``number`` (0-4)."""
    return next(RAW_SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus():
    from webapp.corpus.library import load_corpus

    return load_corpus(ROOT / "corpus")


def pytest_report_header(config) -> str:
    """Say which database engine this run's web tests use (FRAMELAB_TEST_DATABASE_URL switches it)."""
    from fixtures_web import PG_URL

    return f"database: {'PostgreSQL at ' + PG_URL if PG_URL else 'SQLite (a file per test)'}"
