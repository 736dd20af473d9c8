"""Time the full analysis against the bare baseline, in the same run, on the same texts.

Baseline: segment the text into sentences (the same segmenter) and call ``TextBlob(s).sentiment``
on each sentence. Full analysis: :func:`webapp.analysis.pipeline.analyze_text` (paragraphs,
sentences, tone with assessments, sourcing). Prints median milliseconds per article, the ratio,
and the time for an 800-word article. Run with ``make bench``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchlib import eight_hundred_words, timings_ms
from textblob import TextBlob

from webapp.analysis import segment
from webapp.analysis.pipeline import analyze_text
from webapp.corpus.library import load_corpus
from webapp.paths import corpus_dir

REPEATS = 41


def baseline(text: str) -> None:
    for span in segment.sentences(text):
        TextBlob(span.text(text)).sentiment  # noqa: B018 - the call is what is timed


def median_ms(function, text: str) -> float:
    return timings_ms(lambda: function(text), REPEATS)[0]


def main() -> int:
    corpus = load_corpus(corpus_dir())
    texts = {a.id: a.text for a in corpus.articles.values()}
    print(f"{'article':<22}{'words':>7}{'baseline ms':>13}{'analysis ms':>13}{'ratio':>8}")
    total_base = total_full = 0.0
    for article_id, text in texts.items():
        base, full = median_ms(baseline, text), median_ms(analyze_text, text)
        total_base += base
        total_full += full
        print(f"{article_id:<22}{segment.word_count(text):>7}{base:>13.2f}{full:>13.2f}{full / base:>8.2f}")
    print(f"{'corpus (sum)':<22}{sum(map(segment.word_count, texts.values())):>7}"
          f"{total_base:>13.2f}{total_full:>13.2f}{total_full / total_base:>8.2f}")
    sample = eight_hundred_words(list(texts.values()))
    base, full = median_ms(baseline, sample), median_ms(analyze_text, sample)
    print(f"800-word text ({segment.word_count(sample)} words): baseline {base:.2f} ms, "
          f"full analysis {full:.2f} ms, ratio {full / base:.2f}")
    print(f"median of {REPEATS} runs each; Python {sys.version.split()[0]}; {Path.cwd()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
