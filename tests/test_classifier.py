"""The framing-cue classifier: training, the JSON artifact, predictions, spans, explanations, retraining.

The model is trained once per session on the real corpus (a few seconds).
"""

from __future__ import annotations

import json
import pickle
import re

import pytest
from click.testing import CliRunner

from webapp.analysis import segment
from webapp.analysis.spans import Span
from webapp.classifier.artifact import ModelError, load_detector, load_model, save_model, to_json
from webapp.classifier.explain import decision_value, explain_text, sentence_features
from webapp.classifier.training import TrainingParams, train
from webapp.corpus.articles import Article
from webapp.corpus.keys import AnswerKey, KeyLabel

OBVIOUS = "Critics slammed the reckless scheme as a cynical publicity stunt."
_WORD_CHAR = re.compile(r"\w")


@pytest.fixture(scope="session")
def model(corpus):
    return train(corpus)


@pytest.fixture(scope="session")
def artifact(model, tmp_path_factory):
    return save_model(model, tmp_path_factory.mktemp("models") / "framelab-cues.json")


def _detect(model, text: str):
    return model.detect(text, segment.sentences(text))


def test_training_is_deterministic(model, corpus):
    assert to_json(train(corpus)) == to_json(model)


def test_finds_obvious_cues_in_an_unseen_sentence(model):
    found = {p.cue for p in _detect(model, OBVIOUS)}
    assert {"loaded-language", "dismissive-framing"} <= found


def test_neutral_wire_sentence_is_not_framed(model):
    text = "The council voted 5-4 on Tuesday to close two branch libraries, said Mayor Celeste Varga."
    assert {p.cue for p in _detect(model, text)} <= {"anonymous-sourcing"}


def test_artifact_is_plain_json_under_five_megabytes(artifact):
    data = json.loads(artifact.read_text(encoding="utf-8"))
    assert data["format"] == "framelab-cue-model"
    assert artifact.stat().st_size < 5_000_000


def test_artifact_loads_without_unpickling(artifact, model, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the artifact must not be unpickled")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    loaded = load_model(artifact)
    sentences = segment.sentences(OBVIOUS)
    assert loaded.predict_sentences(OBVIOUS, sentences) == model.predict_sentences(OBVIOUS, sentences)


def test_predict_sentences_gives_a_probability_per_cue(model, corpus):
    text = corpus.articles["harbor-council-1"].text
    sentences = segment.sentences(text)
    probabilities = model.predict_sentences(text, sentences)
    assert len(probabilities) == len(sentences)
    assert all(set(p) == set(model.cues) and all(0.0 <= v <= 1.0 for v in p.values()) for p in probabilities)


def _on_word_boundary(text: str, at: int) -> bool:
    """True unless ``at`` falls between two word characters."""
    return not (0 < at < len(text) and _WORD_CHAR.match(text[at - 1]) and _WORD_CHAR.match(text[at]))


def test_trigger_spans_lie_inside_their_sentence_on_word_boundaries(model, corpus):
    for article_id in ("fare-protest-3", "tenant-ruling-4", "iraq-2021-001"):
        text = corpus.articles[article_id].text
        sentences = segment.sentences(text)
        predictions = model.detect(text, sentences)
        assert predictions
        for p in predictions:
            assert any(s.start <= p.start < p.end <= s.end for s in sentences), (article_id, p)
            assert _on_word_boundary(text, p.start) and _on_word_boundary(text, p.end), (article_id, p)


def test_scare_quote_span_keeps_its_marks_and_so_called(model):
    text = "The app's so-called “upgrade” removed two features."
    spans = [text[p.start : p.end] for p in _detect(model, text) if p.cue == "scare-quotes"]
    assert spans == ["so-called “upgrade”"]


def test_rhetorical_question_span_is_the_question(model):
    text = "The board raised fares again. Who could blame the riders for walking away?"
    spans = [text[p.start : p.end] for p in _detect(model, text) if p.cue == "rhetorical-question"]
    assert spans == ["Who could blame the riders for walking away?"]


def test_explanation_names_the_phrase_that_pushed(model):
    text = "The announcement was political sleight of hand."
    explanations = {e.cue: e for e in explain_text(model, text)}
    reasons = [r.text for r in explanations["dismissive-framing"].toward]
    assert any("'sleight of hand'" in r and "toward dismissive framing" in r for r in reasons)


def test_explanation_parts_add_up_to_the_model_score(model):
    feats = sentence_features(OBVIOUS, Span(0, len(OBVIOUS)))
    logits = model.logits([feats])[0]
    for k in range(len(model.cues)):
        assert decision_value(model, feats, k) == pytest.approx(logits[k], abs=1e-9)


def test_explain_command_prints_reasons(artifact):
    from webapp.classifier.commands import explain_command

    result = CliRunner().invoke(explain_command, [OBVIOUS, "--model", str(artifact)])
    assert result.exit_code == 0, result.output
    assert "pushed this toward dismissive framing" in result.output


def test_load_detector_is_none_without_an_artifact(tmp_path):
    assert load_detector(tmp_path / "framelab-cues.json") is None


def test_truncated_artifact_is_refused(artifact, tmp_path):
    broken = tmp_path / "framelab-cues.json"
    broken.write_text(artifact.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(ModelError, match="not a readable FrameLab model"):
        load_model(broken)


def test_edited_artifact_is_refused(artifact, tmp_path):
    data = json.loads(artifact.read_text(encoding="utf-8"))
    data["model"]["thresholds"][0] = 0.01
    edited = tmp_path / "framelab-cues.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="damaged or was edited"):
        load_detector(edited)


def _teacher_key() -> tuple[Article, AnswerKey]:
    text = (
        "Bakers blast flour tax\n\nBakers slammed the new flour tax on Monday, calling it a cynical "
        "cash grab. Is anyone surprised? Officials said the tax was designed to quietly plug the budget hole."
    )
    article = Article(
        id="flour-tax-1",
        story="flour-tax",
        text=text,
        outlet="Test Gazette",
        outlet_kind="newspaper",
        published="2026-01-05",
        provenance="Written for a test.",
    )
    labels = []
    for cue, words in (
        ("loaded-language", "slammed"),
        ("dismissive-framing", "a cynical cash grab"),
        ("rhetorical-question", "Is anyone surprised?"),
        ("anonymous-sourcing", "Officials said"),
        ("motive-attribution", "designed to quietly plug the budget hole"),
    ):
        start = text.index(words)
        labels.append(KeyLabel(cue, start, start + len(words), words, "test"))
    return article, AnswerKey(article.id, article.sha256, tuple(labels))


def test_retrain_writes_a_new_version_and_activate_switches(corpus, artifact, tmp_path):
    from webapp.classifier.retrain import activate, retrain

    active = save_model(load_model(artifact), tmp_path / "framelab-cues.json")
    before = active.read_bytes()
    result = retrain(corpus, [_teacher_key()], tmp_path, TrainingParams(c_grid=(1.0,)))
    assert result.version_dir.parent == tmp_path / "versions"
    assert {p.name for p in result.version_dir.iterdir()} >= {
        "framelab-cues.json",
        "README.md",
        "framelab-cues.evaluation.json",
    }
    assert "flour-tax" in result.new["stories"] and result.side_by_side()[-1][0] == "macro-F1"
    assert active.read_bytes() == before
    activate(result.version_dir, tmp_path)
    assert active.read_bytes() == (result.version_dir / "framelab-cues.json").read_bytes()
    assert load_model(active).metadata["stories"] == result.new["stories"]


def test_fast_path_gives_the_reference_features_and_predictions(model, corpus):
    from webapp.analysis.pipeline import analyze_text
    from webapp.analysis.sourcing import analyze_sourcing
    from webapp.analysis.tone import article_tone
    from webapp.classifier.features import extract, extract_reference

    for article_id in ("fare-protest-3", "tenant-ruling-4", "iraq-2021-001", "harbor-council-1"):
        text = corpus.articles[article_id].text
        paragraphs = segment.paragraphs(text)
        sentences = segment.sentences(text, paragraphs)
        sourcing = analyze_sourcing(text, paragraphs, sentences)
        tone = article_tone(text, sentences).sentences
        assert extract(text, sentences, sourcing, tone) == extract_reference(text, sentences)
        reference = model.detect(text, sentences)
        assert model.detect(text, sentences, sourcing, tone) == reference
        assert list(analyze_text(text, article_id, detector=model).cues) == reference


def test_plain_two_argument_detector_still_works():
    from webapp.analysis.pipeline import CuePrediction, analyze_text

    def detector(text, sentences):
        return [CuePrediction("loaded-language", 0, 4, 0.9)]

    assert [c.cue for c in analyze_text("Slam. Then calm.", detector=detector).cues] == ["loaded-language"]


def test_model_card_lists_the_chosen_feature_blocks(model):
    from webapp.classifier.card import render_card

    card = render_card(model, None)
    assert "| cue | threshold | C | features |" in card
    assert all(cue in model.metadata["blocks"] for cue in model.cues)


def test_group_label_shape_is_credited_to_the_label_and_its_noun(model):
    import numpy as np

    from webapp.classifier.contributions import _credit_label_shape
    from webapp.classifier.features import extract
    from webapp.classifier.signals import SIGNAL_INDEX

    k = model.cues.index("labeling")
    assert model.signal_weights[SIGNAL_INDEX["label_shape"], k] > 0  # learned, not set by hand
    text = "Officials said the anti-growth campaigners had left by noon."
    (feats,) = extract(text, segment.sentences(text))
    credit = np.zeros(len(feats.words.tokens))
    _credit_label_shape(model, feats, k, credit)
    assert list(np.flatnonzero(credit)) == [3, 4]  # "anti-growth campaigners"
    assert credit[3] > 0 and credit[4] > 0


def test_known_terms_found_once_are_every_term_looked_up(model, corpus):
    """word_columns builds only the two-word terms the model can know (14.3): on every corpus
    sentence it gives what looking up every term of word_terms gives, in the same order."""
    from webapp.analysis.words import article_words
    from webapp.classifier.features import word_terms

    index = model.words.index
    checked = 0
    for article in corpus.articles.values():
        for words in article_words(article.text, segment.sentences(article.text)):
            every = [(index[t], p) for p, t in enumerate(word_terms(words.tokens)) if t in index]
            assert model.word_columns(words.tokens) == every, words.tokens
            checked += any(p >= len(words.tokens) for _, p in every)
    assert checked > 100  # sentences with a known two-word term


def test_tone_from_the_shared_words_is_the_tone_without_them(corpus):
    """The tone reads word counts and assessed words' positions from the article's words when
    the pipeline has them: the result is the one it finds alone, on every corpus article."""
    from webapp.analysis.tone import article_tone
    from webapp.analysis.words import article_words

    for article in corpus.articles.values():
        text = article.text
        sentences = segment.sentences(text)
        assert article_tone(text, sentences, article_words(text, sentences)) == article_tone(text, sentences)


def test_best_run_reads_lists_and_arrays_alike():
    import numpy as np

    from webapp.classifier.spans import best_run

    for scores in ([0.2, -0.1, 0.5, 0.4, -0.9, 0.3], [-0.3, -0.1, -0.1], [0.0, 0.0], [1.0], []):
        assert best_run(scores) == best_run(np.array(scores, dtype=np.float64))
    assert best_run([0.2, -0.1, 0.5, 0.4, -0.9, 0.3]) == (2, 4)
    assert best_run([-0.3, -0.1, -0.1]) == (1, 2)
