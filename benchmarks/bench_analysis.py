"""Time the full analysis against the bare baseline, in the same run, on the same texts.

Baseline: segment the text into sentences (the same segmenter) and call ``TextBlob(s).sentiment``
on each sentence. Full analysis: :func:`webapp.analysis.pipeline.analyze_text` (paragraphs,
sentences, tone with assessments, sourcing). Prints median milliseconds per article, the ratio,
and the time for an 800-word article; then times the whole command ``framelab analyze --raw
--jsonl`` (with the shipped classifier's cues) on the five raw seed articles repeated to 400
lines, against the same baseline run as a command (benchmarks/baseline_jsonl.py), three runs
each, alternating, both as run by default and in one process (``--workers 1``), with the CPU
time of each (less noisy than wall time on a shared machine). Run with ``make bench``; only the
command timing: ``python -c "import sys; sys.path.insert(0, 'benchmarks'); import bench_analysis
as b; b.command_figures()"``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import eight_hundred_words, timings_ms
from textblob import TextBlob

from webapp.analysis import segment
from webapp.analysis.pipeline import analyze_text
from webapp.corpus.library import load_corpus
from webapp.paths import corpus_dir

REPEATS = 41
COMMAND_RUNS = 3
COMMAND_LINES = 400
HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "corpus" / "raw" / "iraq-2021"


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
    command_figures()
    return 0


def seed_lines(count: int) -> str:
    """The five raw seed articles as JSON lines, repeated to ``count`` lines."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return "".join(json.dumps({"id": f"seed-{n}", "text": texts[n % len(texts)]}) + "\n" for n in range(count))


def _seconds(argv: list[str], stdin_path: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its worker processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin_path, "rb") as stdin:
        start = time.perf_counter()
        subprocess.run(argv, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def command_figures() -> None:
    """Wall-clock seconds of the whole command against the baseline command, each run alternately:
    as run by default (one process per core for a long batch) and in one process (``--workers 1``)."""
    framelab = str(Path(sys.executable).with_name("framelab"))
    commands = {"ours": [framelab, "analyze", "--raw", "--jsonl"],
                "ours, one process": [framelab, "analyze", "--raw", "--jsonl", "--workers", "1"]}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        handle.write(seed_lines(COMMAND_LINES))
    try:
        runs = []
        for _ in range(COMMAND_RUNS):
            base = _seconds([sys.executable, str(HERE / "baseline_jsonl.py")], handle.name)
            runs.append((base, {name: _seconds(argv, handle.name) for name, argv in commands.items()}))
    finally:
        os.unlink(handle.name)
    print(f"framelab analyze --raw --jsonl, {COMMAND_LINES} lines (5 seed articles repeated), "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}:")
    for n, ((base, base_cpu), ours) in enumerate(runs, start=1):
        figures = "; ".join(f"{name} {wall:.2f} s, ratio {wall / base:.2f} (CPU {cpu:.2f})"
                            for name, (wall, cpu) in ours.items())
        print(f"  run {n}: baseline {base:.2f} s (CPU {base_cpu:.2f}); {figures}")
    total_base = sum(b[0] for b, _ in runs)
    for name in commands:
        total_ours = sum(o[name][0] for _, o in runs)
        cpu_ratio = sum(o[name][1] for _, o in runs) / sum(b[1] for b, _ in runs)
        print(f"  all {COMMAND_RUNS}, {name}: baseline {total_base:.2f} s, {total_ours:.2f} s, "
              f"ratio {total_ours / total_base:.2f} (CPU time ratio {cpu_ratio:.2f})")


if __name__ == "__main__":
    sys.exit(main())
