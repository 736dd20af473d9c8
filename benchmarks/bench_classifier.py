"""Time the cue classifier: training, loading, prediction; print the artifact's size.

Prints the median and the fastest of repeated runs (not a test; nothing is asserted):

- training on the whole corpus (``train(corpus)``, with its inner cross-validation);
- loading the JSON artifact;
- ``detect`` on an 800-word text: in full (sourcing analysis and TextBlob tone included) and
  with the sourcing analysis and per-sentence tone passed in, as the analysis pipeline does (it
  computes both anyway): the second is the prediction cost the target (under 5 ms) refers to;
- the feature extraction and the model arithmetic on their own.

Run with ``PYTHONPATH=. python benchmarks/bench_classifier.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchlib import eight_hundred_words, timings_ms

from webapp.analysis import segment
from webapp.analysis.sourcing import analyze_sourcing
from webapp.analysis.tone import article_tone
from webapp.classifier.artifact import load_model, save_model
from webapp.classifier.features import extract
from webapp.classifier.training import train
from webapp.corpus.library import load_corpus
from webapp.paths import corpus_dir


def main() -> int:
    corpus = load_corpus(corpus_dir())
    train_ms = timings_ms(lambda: train(corpus), 1 if "--quick" in sys.argv else 3)
    model = train(corpus)
    with tempfile.TemporaryDirectory() as folder:
        path = save_model(model, Path(folder) / "framelab-cues.json")
        size = path.stat().st_size
        load_ms = timings_ms(lambda: load_model(path), 5)
    text = eight_hundred_words([a.text for a in sorted(corpus.articles.values(), key=lambda a: a.id)])
    paragraphs = segment.paragraphs(text)
    sentences = segment.sentences(text, paragraphs)
    sourcing = analyze_sourcing(text, paragraphs, sentences)
    tone = article_tone(text, sentences).sentences
    features = extract(text, sentences, sourcing, tone)
    rows = [
        ("train on the whole corpus (s)", tuple(t / 1000 for t in train_ms)),
        ("load the artifact (ms)", load_ms),
        ("detect, 800 words, all computed (ms)", timings_ms(lambda: model.detect(text, sentences), 41)),
        (
            "detect, 800 words, sourcing passed in (ms)",
            timings_ms(lambda: model.detect(text, sentences, sourcing), 41),
        ),
        (
            "detect, 800 words, sourcing + tone passed (ms)",
            timings_ms(lambda: model.detect(text, sentences, sourcing, tone), 101),
        ),
        (
            "  sourcing analysis alone (ms)",
            timings_ms(lambda: analyze_sourcing(text, paragraphs, sentences), 41),
        ),
        (
            "  features, sourcing + tone passed (ms)",
            timings_ms(lambda: extract(text, sentences, sourcing, tone), 101),
        ),
        ("  model arithmetic and spans (ms)", timings_ms(lambda: model.detect_features(text, features), 101)),
    ]
    print(
        f"text: {segment.word_count(text)} words, {len(sentences)} sentences; "
        f"artifact {size / 1e6:.2f} MB "
        f"({len(model.words.terms)} word terms, {len(model.chars.terms)} char terms)"
    )
    print(f"{'':<46}{'median':>9}{'fastest':>9}")
    for label, (median, fastest) in rows:
        print(f"{label:<46}{median:>9.2f}{fastest:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
