"""The analysis gives exactly what it gave before it was made faster (14.3).

tests/expected/analysis_seeds.json was written by tests/expected/make_analysis_expected.py from
the code as it stood before the speed work: every sentence's polarity, subjectivity and
assessments, the sourcing and the classifier's cues with their spans and scores, for the five
raw seed articles, and a digest of the whole result for every corpus article.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

EXPECTED = Path(__file__).parent / "expected"


def _maker():
    spec = importlib.util.spec_from_file_location("make_analysis_expected", EXPECTED / "make_analysis_expected.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads((EXPECTED / "analysis_seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now() -> dict:
    return _maker().current()


def test_expectation_is_for_the_shipped_model(stored):
    assert stored["model"] == _maker().model_digest(), (
        "models/framelab-cues.json changed: rerun tests/expected/make_analysis_expected.py "
        "(after checking the analysis code itself is unchanged)")


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_analysis_unchanged(stored, now, seed):
    name = next(n for n in stored["seeds"] if n.startswith(seed))
    expected, got = stored["seeds"][name], now["seeds"][name]
    assert got["sentences"] == expected["sentences"]
    assert got["cues"] == expected["cues"]
    assert got == expected
    assert expected["cues"], "the seed should carry the classifier's cues"


def test_corpus_analysis_unchanged(stored, now):
    changed = [a for a, digest in stored["corpus_digests"].items() if now["corpus_digests"].get(a) != digest]
    assert not changed
    assert now["corpus_digests"].keys() == stored["corpus_digests"].keys()
