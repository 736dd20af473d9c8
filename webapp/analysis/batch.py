"""``framelab analyze --jsonl``: JSON lines in, one JSON line out per input line, in order.

Each article's analysis is independent of every other, so a long batch is shared among worker
processes (one per core, two on the project's machines). The workers are forked after the
classifier and TextBlob's lexicon are loaded, so they start warm and load nothing again; the
output is written in input order whatever order the workers finish in. Short batches, and
machines with one core, run in this process: starting workers costs more than it saves there.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from webapp.analysis.pipeline import CueDetector, analyze_text

# Below this many lines the batch runs in this process (forking two workers costs ~0.1 s).
POOL_FROM_LINES = 16
_CHUNK = 4


@dataclass(frozen=True)
class LineResult:
    """One output line, and whether the input line was refused."""

    json: str
    failed: bool


# What the forked workers analyse with: set in the parent before forking, inherited by them.
_WORKER_STATE: dict[str, object] = {}


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyze_line(number: int, line: str, raw: bool, detector: CueDetector | None) -> LineResult | None:
    """The output for input line ``number`` (None for a blank line, which is skipped)."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
        text, article_id = record["text"], record.get("id", number)
        if not isinstance(text, str):
            raise TypeError("'text' must be a string")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"not a JSON object with a 'text' string ({error})"
        return LineResult(json.dumps({"line": number, "error": message}), True)
    if raw:
        cleaned = text
    else:
        from webapp.corpus.cleaning import clean_text  # trafilatura and lxml: only when cleaning

        cleaned = clean_text(text).text
    result = analyze_text(cleaned, article_id, detector=detector).as_dict(include_text=cleaned != text)
    return LineResult(json.dumps(result, ensure_ascii=False), False)


def _in_worker(task: tuple[int, str]) -> LineResult | None:
    return analyze_line(task[0], task[1], bool(_WORKER_STATE["raw"]), _WORKER_STATE["detector"])  # type: ignore[arg-type]


def analyze_lines(lines: Iterable[str], raw: bool, detector: CueDetector | None,
                  workers: int | None = None) -> Iterator[LineResult]:
    """The output lines for ``lines``, in their order; ``workers`` processes (default: one per core)."""
    from webapp.analysis.tone import warm_up

    numbered = enumerate(lines, start=1)
    first = list(itertools.islice(numbered, POOL_FROM_LINES))
    tasks = itertools.chain(first, numbered)  # read lazily: standard input may be long
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(first) < POOL_FROM_LINES or "fork" not in multiprocessing.get_all_start_methods():
        for number, line in tasks:
            result = analyze_line(number, line, raw, detector)
            if result is not None:
                yield result
        return
    warm_up()
    _WORKER_STATE.update(raw=raw, detector=detector)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for result in pool.imap(_in_worker, tasks, chunksize=_CHUNK):
                if result is not None:
                    yield result
    finally:
        _WORKER_STATE.clear()
