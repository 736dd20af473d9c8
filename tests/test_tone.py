import pytest
from conftest import raw_seed
from textblob import TextBlob

from webapp.analysis.segment import sentences
from webapp.analysis.tone import article_tone, sentence_tone


def test_sentence_scores_equal_textblobs_own():
    text = raw_seed(4)
    for span in sentences(text):
        ours = sentence_tone(text, span)
        theirs = TextBlob(span.text(text)).sentiment
        assert (ours.polarity, ours.subjectivity) == pytest.approx((theirs.polarity, theirs.subjectivity))


def test_article_tone_is_weighted_by_sentence_length():
    text = "This is a terrible, horrible, awful disaster. The meeting was held on Monday in the city hall building."
    tone = article_tone(text, sentences(text))
    first, second = tone.sentences
    expected = (first.polarity * first.words + second.polarity * second.words) / (first.words + second.words)
    assert tone.polarity == pytest.approx(expected)
    assert first.polarity < 0 and second.polarity == 0


def test_assessments_name_and_locate_the_words_that_moved_the_meter():
    text = "Critics called it a truly dreadful plan."
    strip = sentence_tone(text, sentences(text)[0])
    assert strip.assessments
    located = [a.span.text(text) for a in strip.assessments if a.span]
    assert "dreadful" in located


def test_most_subjective_and_most_negative_pick_the_right_sentences():
    text = "The vote was 5-4. It was a terrible, cruel and stupid decision. Officials met Tuesday."
    tone = article_tone(text, sentences(text))
    assert tone.most_subjective(1)[0].span.text(text).startswith("It was a terrible")
    assert tone.most_negative(1)[0].span.text(text).startswith("It was a terrible")


def test_empty_text_has_neutral_tone():
    tone = article_tone("", [])
    assert (tone.polarity, tone.subjectivity, tone.sentences) == (0.0, 0.0, ())
