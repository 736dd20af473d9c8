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


def test_the_analyser_loaded_without_textblob_s_package_is_textblob_s(corpus):
    """webapp.analysis.pattern loads TextBlob's analyser without NLTK (14.3): on every sentence of
    every corpus article and raw seed it gives TextBlob's polarity, subjectivity and assessments."""
    from conftest import raw_seed
    from textblob.en import sentiment as textblob_sentiment

    from webapp.analysis import segment
    from webapp.analysis.tone import _analyser

    ours = _analyser()
    texts = [a.text for a in corpus.articles.values()] + [raw_seed(n) for n in range(5)]
    checked = 0
    for text in texts:
        for span in segment.sentences(text):
            piece = span.text(text)
            theirs, mine = textblob_sentiment(piece), ours(piece)
            assert (tuple(mine), mine.assessments) == (tuple(theirs), theirs.assessments), piece
            checked += 1
    assert checked > 2000
    for piece in ("It is not very good!", "Never really bad (!) :-)", "a terribly, horribly awful idea"):
        assert (tuple(ours(piece)), ours(piece).assessments) == (
            tuple(textblob_sentiment(piece)), textblob_sentiment(piece).assessments)


def test_the_analysis_imports_neither_textblob_s_package_nor_nltk():
    import subprocess
    import sys

    code = ("import sys; from webapp.analysis.pipeline import analyze_text; analyze_text('A truly awful plan.'); "
            "print('nltk' in sys.modules, 'textblob' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# Sentences made to hit TextBlob's rarer rules: contractions, abbreviations, ellipses, paragraph
# breaks, sarcasm marks and emoticons split over tokens, modifiers and negations in every order.
_RARE_RULES = (
    "It is not very good!", "Never really bad (!) :-)", "a terribly, horribly awful idea", "X D is great",
    "Wow :-) great ( ! ) no", "Mr. Smith's U.S. plan... isn't bad.)", "He said: \"it's good\"\n\nNew para. not good",
    "o.O wow :-. radio. Dems: Democrats", "Etc. e.g. the best!!! (really?)", "It's 'very' good 8-D xD :/ :'( ;'(",
    "END-OF-SENTENCE good. (END-OF-SENTENCE) bad", "\r\n\r\nnice\r\ngreat", "not a good, not really good, really not good",
    "very very very good", "''good''", "never ever bad!", "“Great” ‘fine’ wasn’t it...", "(Good.) [bad] {nice}!?",
    "Good, bad, etc. and fig. 2 are first vs. the rest... fine.",
)


def test_the_restated_scoring_is_textblob_s_on_its_rare_rules():
    from textblob.en import sentiment as textblob_sentiment

    from webapp.analysis.tone import _analyser

    ours = _analyser()
    for piece in _RARE_RULES:
        mine, theirs = ours(piece), textblob_sentiment(piece)
        assert (tuple(mine), mine.assessments) == (tuple(theirs), theirs.assessments), piece


def test_the_fast_tokenizer_gives_textblob_s_words_and_rarely_hands_over(corpus):
    """webapp.analysis.sentiment splits words itself and calls TextBlob's tokenizer only where an
    emoticon or sarcasm mark could join tokens: its own words must be TextBlob's, and it must
    be the one that runs on nearly every sentence (else the speed-up is gone)."""
    from textblob.en import sentiment as textblob_sentiment

    from webapp.analysis import segment
    from webapp.analysis.tone import _analyser

    ours = _analyser()
    pieces = [s.text(a.text) for a in corpus.articles.values() for s in segment.sentences(a.text)]
    handed_over = 0
    for piece in [*pieces, *_RARE_RULES]:
        tokens = ours.tokens(piece)
        if ours._joins.search(" ".join(tokens)):
            handed_over += 1
            continue
        assert tokens == " ".join(textblob_sentiment.tokenizer(piece)).split(), piece
    assert handed_over < len(pieces) * 0.05
