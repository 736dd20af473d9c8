"""Answer keys validate against the exact article text, with errors that name file and line."""

import pytest

from webapp.corpus.articles import Article, CorpusError
from webapp.corpus.cues import CUE_IDS
from webapp.corpus.keys import parse_key, resolve_draft

TEXT = "Critics slammed the plan\n\nOfficials said the “reform” was a publicity stunt."
ARTICLE = Article(id="demo-1", story="demo", text=TEXT, outlet="Demo", outlet_kind="blog",
                  published="2026-01-05", provenance="test", headline="Critics slammed the plan")


def _write(tmp_path, labels: str, sha: str | None = None):
    path = tmp_path / "demo-1.yaml"
    path.write_text(f"article: demo-1\ntext_sha256: {sha or ARTICLE.sha256}\nlabels:\n{labels}", encoding="utf-8")
    return path


GOOD = """  - cue: loaded-language
    start: 8
    end: 15
    text: slammed
    rationale: A violent verb for criticism.
"""


def test_a_valid_key_loads(tmp_path):
    key = parse_key(_write(tmp_path, GOOD), ARTICLE, CUE_IDS)
    assert [(l.cue, l.text) for l in key.labels] == [("loaded-language", "slammed")]


@pytest.mark.parametrize(
    ("labels", "message", "line"),
    [
        (GOOD.replace("loaded-language", "propaganda"), "unknown cue 'propaganda'", 4),
        (GOOD.replace("end: 15", "end: 999"), "out of range", 4),
        (GOOD.replace("text: slammed", "text: slams"), "is 'slammed', not 'slams'", 4),
        (GOOD + GOOD.replace("start: 8", "start: 9").replace("text: slammed", "text: lammed"),
         "overlaps the loaded-language label at line 4", 9),
        (GOOD.replace("    rationale: A violent verb for criticism.\n", ""), "rationale", 4),
    ],
)
def test_a_corrupted_key_is_refused_naming_file_and_line(tmp_path, labels, message, line):
    with pytest.raises(CorpusError, match=message) as error:
        parse_key(_write(tmp_path, labels), ARTICLE, CUE_IDS)
    assert f"demo-1.yaml:{line}:" in str(error.value)


def test_a_key_for_changed_text_is_refused(tmp_path):
    with pytest.raises(CorpusError, match="text has changed"):
        parse_key(_write(tmp_path, GOOD, sha="0" * 64), ARTICLE, CUE_IDS)


def test_a_draft_resolves_to_offsets_including_a_later_occurrence(tmp_path):
    path = tmp_path / "demo-1.yaml"
    path.write_text(
        "article: demo-1\nlabels:\n"
        "  - {cue: scare-quotes, text: “reform”, rationale: Distance.}\n"
        "  - {cue: loaded-language, text: slammed, rationale: Violent verb.}\n", encoding="utf-8")
    path.write_text(resolve_draft(path, ARTICLE), encoding="utf-8")
    key = parse_key(path, ARTICLE, CUE_IDS)
    assert [(l.cue, TEXT[l.start:l.end]) for l in key.labels] == [
        ("loaded-language", "slammed"), ("scare-quotes", "“reform”")]


def test_a_draft_with_text_not_in_the_article_is_refused(tmp_path):
    path = tmp_path / "demo-1.yaml"
    path.write_text("article: demo-1\nlabels:\n  - {cue: labeling, text: zealots, rationale: x}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="'zealots' .* is not in the article"):
        resolve_draft(path, ARTICLE)
