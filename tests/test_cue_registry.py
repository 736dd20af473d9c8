"""The classifier's per-cue tables come from corpus/cues.yaml (webapp.classifier.registry, 14.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from webapp.classifier import evaluate, signals, spans
from webapp.classifier.registry import RegistryError, registry
from webapp.corpus.cues import CUE_IDS, load_cues

ROOT = Path(__file__).resolve().parent.parent


def test_every_cue_of_the_taxonomy_has_a_classifier_entry_in_its_order():
    assert tuple(spec.id for spec in registry()) == CUE_IDS == tuple(load_cues(ROOT / "corpus" / "cues.yaml"))


def test_the_tables_are_the_registry():
    by_id = {spec.id: spec for spec in registry()}
    assert signals.RULE_CUES == CUE_IDS
    assert signals.RULE_LEXICON == {c: s.rule_lexicon for c, s in by_id.items() if s.rule_lexicon}
    assert signals.CUE_SIGNALS["editorializing"] >= set(signals.TONE_FOR)  # tone: true
    assert not signals.CUE_SIGNALS["speculation"] & set(signals.TONE_FOR)
    assert spans.TO_WHOLE_CLAUSE == {"editorializing"}
    assert spans.TO_CLAUSE_END == {"speculation", "motive-attribution"}
    assert evaluate.NOT_FRAMING == {"anonymous-sourcing"}


def test_a_changed_entry_changes_the_registry_and_a_bad_one_is_refused(tmp_path):
    text = (ROOT / "corpus" / "cues.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "cues.yaml"
    changed.write_text(text.replace("      span: whole-clause", "      span: to-clause-end"), encoding="utf-8")
    assert {s.id for s in registry(changed) if s.span == "to-clause-end"} == {
        "speculation", "motive-attribution", "editorializing"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("      span: whole-clause", "      span: sentence"), encoding="utf-8")
    with pytest.raises(RegistryError, match="span must be one of"):
        registry(bad)
