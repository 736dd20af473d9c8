"""Write tests/expected/analysis_seeds.json: what the analysis gives today for the seed articles.

Run only when a change is MEANT to alter the analysis (a retrained model, a new signal):
``.venv/bin/python tests/expected/make_analysis_expected.py``. Speed work must leave the file as
it is: tests/test_analysis_unchanged.py compares every figure of every sentence against it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("analysis_seeds.json")


def model_digest() -> str:
    """The shipped model's checksum: the expectation holds for this model only."""
    return hashlib.sha256((ROOT / "models" / "framelab-cues.json").read_bytes()).hexdigest()


def current() -> dict:
    """The JSON objects of ``framelab analyze --raw`` for the five raw seeds (with the shipped
    model's cues) and, for every corpus article, a digest of its JSON object."""
    from webapp.analysis.pipeline import analyze_text
    from webapp.classifier import load_detector
    from webapp.corpus.library import load_corpus

    detector = load_detector(ROOT / "models" / "framelab-cues.json")
    seeds = {path.name: analyze_text(path.read_text(encoding="utf-8"), path.stem, detector).as_dict()
             for path in sorted((ROOT / "corpus" / "raw" / "iraq-2021").glob("*.txt"))}
    corpus = load_corpus(ROOT / "corpus")
    digests = {}
    for article_id in sorted(corpus.articles):
        data = analyze_text(corpus.articles[article_id].text, article_id, detector).as_dict()
        digests[article_id] = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    return {"model": model_digest(), "seeds": seeds, "corpus_digests": digests}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    OUT.write_text(json.dumps(current(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
