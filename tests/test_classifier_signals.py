"""The classifier's pattern signals, its vocabulary rule and the card's rhetorical-question note."""

from __future__ import annotations

from webapp.analysis import segment
from webapp.classifier.card import _question_tie
from webapp.classifier.features import extract
from webapp.classifier.signals import SIGNAL_INDEX


def _signal(text: str, name: str) -> float:
    (features,) = extract(text, segment.sentences(text))
    return features.signals[SIGNAL_INDEX[name]]


def test_judging_word_before_a_word_for_people_is_counted():
    # "reckless" is on FrameLab's judging list and among VADER's strongly negative words
    assert _signal("Reckless officials approved the plan on Monday.", "judged_people") == 2
    assert _signal("Hapless officials approved the plan on Monday.", "judged_people") >= 1
    assert _signal("City officials approved the plan on Monday.", "judged_people") == 0


def test_judging_word_inside_quoted_speech_is_not_the_writers_label():
    text = '"These are reckless officials," said Mayor Ana Ruiz.'
    assert _signal(text, "judged_people") == 0


def test_minimiser_before_a_number_or_small_amount():
    assert _signal("Just 40 residents came to the meeting.", "minimiser") == 1
    assert _signal("Only a handful of residents came.", "minimiser") == 1
    assert _signal("About 40 residents came to the meeting.", "minimiser") == 0
    assert _signal("It was just the start of the meeting.", "minimiser") == 0


def test_vocabulary_keeps_terms_of_two_stories_and_two_sentences(corpus):
    from webapp.classifier.training import DEFAULT_PARAMS, _words, training_data, vocabulary

    data = training_data(corpus)
    terms = set(vocabulary(data, _words, DEFAULT_PARAMS))
    stories: dict[str, set[str]] = {}
    df: dict[str, int] = {}
    for article in data.articles:
        for feats in article.features:
            for term in set(_words(feats)):
                stories.setdefault(term, set()).add(article.story)
                df[term] = df.get(term, 0) + 1
    expected = {t for t, s in stories.items() if len(s) >= 2 and df[t] >= 2}
    assert terms == expected


def _evaluation(model_prf: tuple[float, float], questions: dict) -> dict:
    def prf(p: float, r: float) -> dict:
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}

    cue = "rhetorical-question"
    return {
        "questions": questions,
        "sentence_level": {
            "model": {"per_cue": {cue: prf(*model_prf)}},
            "lexicon": {"per_cue": {cue: prf(0.96, 1.0)}},
        },
    }


def test_card_explains_a_rhetorical_question_tie_from_the_counts():
    evaluation = _evaluation((0.96, 1.0), {"sentences": 74, "keyed": 71, "keyed_without_mark": 0})
    note = _question_tie(evaluation, ["rhetorical-question"])
    assert note is not None and "Of the 74 sentences" in note and "the other 3" in note


def test_card_claims_no_ceiling_when_the_predictions_differ_from_the_rules():
    counts = {"sentences": 74, "keyed": 71, "keyed_without_mark": 0}
    assert _question_tie(_evaluation((0.9, 1.0), counts), ["rhetorical-question"]) is None
    counts["keyed_without_mark"] = 2
    assert _question_tie(_evaluation((0.96, 1.0), counts), ["rhetorical-question"]) is None


def test_training_on_threads_gives_the_same_model_as_one_thread(corpus):
    from webapp.classifier.artifact import to_json
    from webapp.classifier.training import TrainingParams, train

    threaded = to_json(train(corpus, params=TrainingParams(c_grid=(1.0,), workers=4)))
    assert to_json(train(corpus, params=TrainingParams(c_grid=(1.0,), workers=1))) == threaded


def test_matcher_finds_phrases_and_single_words_after_a_common_first_word():
    from webapp.classifier.matching import LexiconMatcher

    matcher = LexiconMatcher()
    found = {(m.lexicon, m.entry) for m in matcher.match(("they", "acted", "in", "a", "bid", "to", "win"))}
    assert ("motive", "in a bid to") in found
    at_end = {(m.lexicon, m.entry) for m in matcher.match(("hoping", "to"))}
    assert ("motive", "hoping to") in at_end
    assert matcher.match(("to",)) == [] and matcher.match(()) == []


def test_coined_group_label_by_its_shape():
    assert _signal("The anti-growth campaigners packed the hall.", "label_shape") == 1
    assert _signal("Tax-and-spend councillors approved the plan.", "label_shape") == 1
    assert _signal("Alarmist researchers warned of floods.", "label_shape") == 1
    assert _signal("The cycling lobby welcomed the vote.", "label_shape") == 1
    assert _signal("Council officials approved the plan.", "label_shape") == 0
    assert _signal("Specialist nurses staffed the new ward.", "label_shape") == 1  # a known false alarm
    assert _signal("A crowd gathered outside the hall.", "label_shape") == 0


def _signals_by_sentence(text: str, name: str) -> list[float]:
    return [f.signals[SIGNAL_INDEX[name]] for f in extract(text, segment.sentences(text))]


def test_someone_elses_question_is_not_the_writers_own():
    quoted = "“Where did the money go?” Rosa Diaz asked the council."
    reported = "One member asked the obvious question: who pays after the first year?"
    own = "Who pays after the first year? Nobody on the council would say."
    assert _signals_by_sentence(quoted, "others_question")[0] == 1
    assert _signals_by_sentence(quoted, "ends_question")[0] == 0
    assert _signal(reported, "others_question") == 1
    assert _signal(reported, "ends_question") == 0
    assert _signals_by_sentence(own, "others_question") == [0, 0]
    assert _signals_by_sentence(own, "ends_question") == [1, 0]
    # a reader told to ask is the writer's question, not a reported one
    assert _signal("Ask yourself this: who pays after the first year?", "others_question") == 0


def test_inner_folds_hold_out_whole_stories_round_robin():
    from webapp.classifier.training import inner_folds

    stories = ["a", "b", "c", "d", "e"]
    assert inner_folds(stories, 2) == [["a", "c", "e"], ["b", "d"]]
    assert inner_folds(stories, 0) == [["a"], ["b"], ["c"], ["d"], ["e"]]  # one per story
    assert inner_folds(stories, 9) == inner_folds(stories, 0)  # never an empty fold
