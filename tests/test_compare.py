"""The same-story comparison (webapp.compare) against the real corpus and small made-up texts."""

from __future__ import annotations

import time

import pytest

from webapp.analysis.pipeline import analyze_text
from webapp.compare import StoryArticle, compare_story
from webapp.compare.align import COPIED, REWORD, REWORDED, UNRELATED, VERBATIM, verdict
from webapp.compare.derived import derived_copies
from webapp.compare.index import build_index
from webapp.compare.texts import Sentence

# Pairs the text comparison finds beyond the corpus's derived_from metadata: independent reports
# of one day written from one set of facts and quotes (see webapp/compare/derived.py); the wire
# and the local paper of phone-ban share 36% of their sentences, mostly the same quotations; the
# wire and the TV station of motel-shelter, published the same day, 44-57%.
KNOWN_EXTRA = {
    ("harbor-council-2", "harbor-council-1"),
    ("phone-ban-1", "phone-ban-2"),
    ("motel-shelter-1", "motel-shelter-4"),
}
# Rewrites the metadata declares that the comparison cannot see: phone-ban-4 paraphrases the wire,
# reusing 16% of its sentences, under the 23% a derived copy needs.
KNOWN_MISSED = {("phone-ban-4", "phone-ban-1")}


def _story_article(article) -> StoryArticle:
    return StoryArticle(article.id, article.text, analyze_text(article.text, article.id).as_dict(),
                        article.published, article.sha256)


@pytest.fixture(scope="module")
def stories(corpus) -> dict[str, list[StoryArticle]]:
    """Every story of the corpus as the comparison sees it, articles in date then id order."""
    result: dict[str, list[StoryArticle]] = {}
    for article in sorted(corpus.articles.values(), key=lambda a: (a.published, a.id)):
        result.setdefault(article.story, []).append(_story_article(article))
    return result


@pytest.fixture(scope="module")
def iraq(stories):
    return compare_story(stories["iraq-2021"])


def _made_up(article_id: str, text: str, published: str = "2024-01-01") -> StoryArticle:
    return StoryArticle(article_id, text, analyze_text(text, article_id).as_dict(), published, article_id)


def _sentence(text: str) -> Sentence:
    return Sentence("x", 1, 0, len(text), text)


# --- verdicts and thresholds ---

def test_verdict_at_and_above_copied_threshold_is_verbatim():
    assert verdict(COPIED) == VERBATIM and verdict(1.0) == VERBATIM


def test_verdict_between_thresholds_is_reworded():
    assert verdict(REWORDED) == REWORD and verdict(COPIED - 0.01) == REWORD


def test_verdict_below_reworded_threshold_is_unrelated():
    assert verdict(REWORDED - 0.01) == UNRELATED


def test_same_words_with_other_punctuation_are_verbatim_whatever_the_score():
    copy, source = _sentence("Biden said the mission will end."), _sentence("“Biden said the mission will end”")
    assert verdict(0.5, copy, source) == VERBATIM


# --- alignment and what was lost ---

SOURCE_TEXT = ('The council voted 5-4 on Tuesday to close three branch libraries.\n\n'
               'Mayor Dana Holt said, "This is a sad day for readers in every neighbourhood of the city."\n\n'
               'The new parking rates take effect in May, the finance office confirmed.')
COPY_TEXT = ('Three branch libraries will close after a 5-4 council vote held on Tuesday.\n\n'
             'This is a sad day for readers in every neighbourhood of the city.\n\n'
             'Bakeries on Main Street are offering free bread all week.')


@pytest.fixture(scope="module")
def made_up_pairs():
    source, copy = _made_up("source", SOURCE_TEXT), _made_up("copy", COPY_TEXT, "2024-01-02")
    return build_index([source, copy]).align("copy", "source")


def test_each_sentence_of_the_copy_gets_its_closest_source_sentence(made_up_pairs):
    assert [p.source.number for p in made_up_pairs[:2]] == [1, 2]


def test_a_reworded_sentence_is_called_reworded(made_up_pairs):
    assert made_up_pairs[0].verdict == REWORD


def test_a_sentence_with_nothing_in_the_source_is_unrelated(made_up_pairs):
    assert made_up_pairs[2].verdict == UNRELATED and not made_up_pairs[2].lost_something


def test_quotation_marks_dropped_in_the_copy_are_reported(made_up_pairs):
    assert made_up_pairs[1].lost_quote_marks == ("This is a sad day for readers in every neighbourhood of the city.",)


def test_an_attribution_dropped_in_the_copy_is_reported(made_up_pairs):
    assert any("Holt" in lost for lost in made_up_pairs[1].lost_attributions)


def test_a_sentence_that_keeps_its_words_and_speaker_loses_nothing(made_up_pairs):
    assert not made_up_pairs[0].lost_something


# --- derived copies on the corpus ---

def test_seed_003_is_found_derived_from_seed_002(iraq):
    assert [(d.copy_id, d.source_id) for d in iraq.derived] == [("iraq-2021-003", "iraq-2021-002")]


def test_seed_003_pairs_are_mostly_reworded_and_lose_quotation_marks(iraq):
    copy = iraq.derived[0]
    assert copy.reworded >= 10
    assert sum(bool(p.lost_quote_marks) for p in copy.aligned_pairs) >= 3


def test_seed_003_loses_bidens_quotation_marks(iraq):
    lost = [f for p in iraq.derived[0].aligned_pairs for f in p.lost_quote_marks]
    assert any(f.startswith("to continue to train, to assist") for f in lost)


def test_derived_copies_agree_with_the_corpus_metadata(corpus, stories):
    expected = {(a.id, a.derived_from) for a in corpus.articles.values() if a.derived_from}
    found = {(d.copy_id, d.source_id) for arts in stories.values() for d in derived_copies(arts)}
    assert found == (expected - KNOWN_MISSED) | KNOWN_EXTRA


@pytest.mark.parametrize("story", ["asthma-study", "cannery-closing", "fare-protest", "harbor-council",
                                   "tenant-ruling"])
def test_each_invented_fourth_article_is_derived_from_the_first(stories, story):
    assert (f"{story}-4", f"{story}-1") in {(d.copy_id, d.source_id) for d in derived_copies(stories[story])}


def test_articles_of_different_stories_are_not_copies(stories):
    assert derived_copies([stories["iraq-2021"][0], stories["fare-protest"][0]]) == []


def test_a_copy_is_never_older_than_its_source(stories):
    dated = {a.id: a.published for arts in stories.values() for a in arts}
    for arts in stories.values():
        for copy in derived_copies(arts):
            assert dated[copy.copy_id] >= dated[copy.source_id]


# --- shared quotes and unique sentences ---

def test_shared_quotes_are_quoted_in_at_least_two_articles(stories):
    quotes = [q for arts in stories.values() for q in compare_story(arts).shared_quotes]
    assert quotes and all(len(q.quoted_in) >= 2 for q in quotes)


def test_a_quote_kept_without_its_marks_is_listed_apart(stories):
    quotes = [q for arts in stories.values() for q in compare_story(arts).shared_quotes]
    assert all(not set(q.unquoted_in) & set(q.quoted_in) for q in quotes)


def test_unique_sentences_have_no_counterpart_elsewhere(stories):
    arts = stories["iraq-2021"]
    index = build_index(arts)
    unique = compare_story(arts).unique["iraq-2021-004"]
    row = index.offsets["iraq-2021-004"]
    others = [i for i in range(index.scores.shape[0]) if not row <= i < row + len(index.sentences["iraq-2021-004"])]
    assert unique and all(index.scores[row + s.number - 1, others].max() < REWORDED for s in unique)


def test_a_copied_sentence_is_not_unique(iraq):
    copied = {p.copy.number for p in iraq.derived[0].aligned_pairs}
    assert not copied & {s.number for s in iraq.unique["iraq-2021-003"]}


# --- edges and cost ---

def test_an_empty_story_compares_to_nothing():
    comparison = compare_story([])
    assert comparison.derived == () and comparison.shared_quotes == () and comparison.unique == {}


def test_an_article_without_sentences_is_compared_without_error(stories):
    empty = StoryArticle("empty", "", {"sentences": [], "sourcing": {}}, "2030-01-01", "0")
    comparison = compare_story([*stories["iraq-2021"][:2], empty])
    assert comparison.unique["empty"] == [] and comparison.derived_source("empty") is None


def test_a_five_article_story_compares_in_well_under_a_second(stories):
    start = time.perf_counter()
    compare_story(stories["iraq-2021"])
    assert time.perf_counter() - start < 1.0
