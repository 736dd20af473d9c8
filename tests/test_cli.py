"""The framelab command line: import, analyze (summary, --json, --jsonl, --raw), check."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import RAW_SEEDS, ROOT

from webapp.cli import main


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def empty_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "cues.yaml", corpus / "cues.yaml")
    return corpus


def _seed(number: int):
    return next(RAW_SEEDS.glob(f"{number:03d}_*.txt"))


def test_analyze_json_has_the_documented_fields(run):
    result = run("analyze", "--json", str(ROOT / "corpus/articles/iraq-2021/iraq-2021-002.md"))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"id", "words", "sentences", "tone", "sourcing", "cues"}
    assert data["id"] == "iraq-2021-002" and "text" not in data
    sentence = data["sentences"][0]
    assert set(sentence) >= {"start", "end", "polarity", "subjectivity"}
    assert set(data["tone"]) >= {"polarity", "subjectivity"}
    sourcing = data["sourcing"]
    assert set(sourcing) >= {"attributions", "named_sources", "anonymous_sources", "quoted_word_share"}
    attribution = sourcing["attributions"][0]
    assert set(attribution) >= {"kind", "quote", "speaker", "named", "verb", "source_type"}
    assert isinstance(data["cues"], list)


def test_raw_offsets_index_the_input_exactly(run, tmp_path):
    text = "Accessibility links\nOfficials said the plan was “bold.” Critics disagreed."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(run("analyze", "--json", "--raw", str(path)).output)
    assert [text[s["start"]:s["end"]] for s in data["sentences"]] == [
        "Accessibility links", "Officials said the plan was “bold.”", "Critics disagreed."]


def test_cleaned_input_carries_the_cleaned_text(run):
    data = json.loads(run("analyze", "--json", str(_seed(2))).output)
    assert not data["text"].startswith("Accessibility links")
    assert all(data["text"][s["start"]:s["end"]].strip() for s in data["sentences"])


def test_jsonl_reads_stdin_and_reports_bad_lines_without_stopping(run):
    lines = '{"id": "a", "text": "The mayor said the vote was close."}\nnot json\n{"id": "b"}\n'
    result = CliRunner().invoke(main, ["analyze", "--jsonl"], input=lines)
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["id"] == "a" and out[0]["words"] == 7
    assert out[1]["line"] == 2 and "error" in out[1] and out[2]["line"] == 3
    assert result.exit_code == 1


def test_summary_is_readable(run):
    result = run("analyze", str(ROOT / "corpus/articles/iraq-2021/iraq-2021-001.md"))
    assert result.exit_code == 0
    assert "iraq-2021-001" in result.output and "Tone: polarity" in result.output
    assert "Sajad Jiyad" in result.output


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x00\x01\x02binary\x00", "blob.txt", "binary"),
        (b"caf\xe9", "latin1.txt", "not UTF-8"),
        (b"<html><script>alert(1)</script><style>p{}</style></html>", "page.html", "no article text"),
    ],
)
def test_bad_input_gives_a_message_and_nonzero_exit_not_a_traceback(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    for command in (["analyze", str(path)], ["import", "--dry-run", str(path)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1
        assert message in result.output and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 500_000)
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 1 and "limit is 2 MiB" in result.output


def test_dry_run_reports_removals_and_writes_nothing(run, empty_corpus):
    result = run("import", "--dry-run", "--story", "iraq-2021", "--outlet", "VOA", "--outlet-kind",
                 "broadcaster", "--published", "2021-07-26", "--corpus", str(empty_corpus), str(_seed(2)))
    assert result.exit_code == 0
    assert "Accessibility links" in result.output and "Breaking News" in result.output
    assert "dry run" in result.output
    assert not list(empty_corpus.rglob("*.md"))


def test_import_writes_once_and_html_scripts_never_reach_the_corpus(run, empty_corpus, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Park opens after long delay</title><script>var EVIL=1</script>"
        "<style>.STYLE_MARK{}</style></head><body><article><h1>Park opens after long delay</h1>"
        + "".join(f"<p>Paragraph {n}: the new riverside park opened on Monday after {n + 2} years of "
                  "delays and a long fight over its budget, the city said.</p>" for n in range(4))
        + "<p>“It was worth the wait,” said Mayor Ann Lee.<script>EVIL()</script></p></article></body></html>",
        encoding="utf-8")
    args = ("import", "--story", "parks", "--outlet", "Demo", "--published", "2026-05-04",
            "--corpus", str(empty_corpus), str(page))
    assert "written" in run(*args).output
    assert "unchanged" in run(*args).output
    written = next(empty_corpus.rglob("*.md")).read_text(encoding="utf-8")
    assert "EVIL" not in written and "STYLE_MARK" not in written
    assert "Park opens after long delay\n\nParagraph 0: the new riverside park" in written


def test_import_refuses_a_page_with_too_little_text(run, empty_corpus, tmp_path):
    page = tmp_path / "login.html"
    page.write_text("<html><body><h1>Sign in</h1><p>Enter your password to continue.</p></body></html>")
    result = CliRunner().invoke(main, ["import", "--corpus", str(empty_corpus), "--story", "x", str(page)])
    assert result.exit_code == 1 and "an article needs at least" in result.output


def test_check_validates_the_shipped_corpus(run):
    result = run("check")
    assert result.exit_code == 0 and "corpus ok" in result.output


def test_check_fails_with_file_and_line_on_a_broken_lesson_library(tmp_path):
    broken = ROOT / "tests" / "fixtures" / "lessons" / "library-duplicate-exercise"
    result = CliRunner().invoke(main, ["check", "--lessons", str(broken)])
    assert result.exit_code == 1
    assert ".md:" in result.output and "Traceback" not in result.output


def test_jsonl_batch_in_worker_processes_keeps_the_order_and_the_results(tmp_path):
    """A batch long enough for the worker pool gives, line for line, what one process gives,
    blank and bad lines included (14.3: the batch is shared among processes)."""
    from webapp.analysis.batch import POOL_FROM_LINES, analyze_lines
    from webapp.classifier import load_detector

    seeds = [_seed(n).read_text(encoding="utf-8") for n in range(5)]
    lines = [json.dumps({"id": f"s{n}", "text": seeds[n % 5][: 400 + 37 * n]}) + "\n"
             for n in range(POOL_FROM_LINES + 9)]
    lines[3], lines[7] = "\n", "not json\n"
    detector = load_detector()
    alone = list(analyze_lines(lines, True, detector, workers=1))
    shared = list(analyze_lines(lines, True, detector, workers=2))
    assert shared == alone
    assert len(alone) == len(lines) - 1 and alone[6].failed and not alone[5].failed
    assert [json.loads(r.json).get("id") for r in alone[:3]] == ["s0", "s1", "s2"]


def test_jsonl_batch_runs_the_cycle_collector_less_often_and_restores_it(monkeypatch):
    """The batch raises the young-generation threshold of Python's cycle collector while it
    runs (14.3: at the default it ran thousands of times a batch) and puts it back afterwards."""
    import gc

    from webapp.analysis import batch

    seen = []

    def analyze_lines(stream, raw, detector, workers):
        seen.append(gc.get_threshold())
        return iter(())

    monkeypatch.setattr(batch, "analyze_lines", analyze_lines)
    before = gc.get_threshold()
    result = CliRunner().invoke(main, ["analyze", "--jsonl"], input="")
    assert result.exit_code == 0, result.output
    assert seen and seen[0][0] >= 20_000 and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before
